// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "contract/calloutcome.h"
#include "workspace/responsetemplate.h"

#include <QJsonObject>
#include <QString>

namespace dockside::ui {

enum class OutcomeTone { DefaultAssistant, Overrides, Rejected, Problem };

// What the platform would do with a template's answer, in the words the main window shows.
struct TemplateOutcome {
    contract::CallOutcome outcome;
    OutcomeTone tone = OutcomeTone::DefaultAssistant;
    QString headline;
    QString detail;
};

TemplateOutcome describeTemplateOutcome(const workspace::ResponseTemplate &responseTemplate,
                                        const QJsonObject &defaultAssistant);

} // namespace dockside::ui
