// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "templateoutcome.h"

#include "base/capturedrequest.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace dockside::ui {

// A request to preview a template against: captured by the mock endpoint (historyId > 0) or built in.
struct PreviewRequest {
    QString label;
    base::CapturedRequest request;
    qint64 historyId = 0;
};

// Requests to preview against when the history has none: an assistant-request as the composer sends it from a
// known caller, one from an unknown caller and a web call without numbers.
QList<PreviewRequest> builtinPreviewRequests(const workspace::Workspace &workspace);

// The newest inbound assistant-requests in the history file, newest first. Blocks on the database: call it off
// the GUI thread. Empty with error set when the file cannot be read.
QList<PreviewRequest> loadRecentAssistantRequests(const QString &historyPath, int limit, QString *error);

// What the mock endpoint would answer to request with this template alone (rules are not consulted), and the call
// outcome the platform would reach with that answer.
struct TemplatePreview {
    int status = 0;
    base::HeaderList headers;
    QByteArray body; // as it goes on the wire
    workspace::Fault fault = workspace::Fault::None;
    qint64 holdMs = 0;
    // Why the template could not render: the mock then answers 500 and names them.
    QStringList renderErrors;
    QString callerNote; // who the caller is in the contact book
    QString caller; // the contact's name, else the number; empty for a web call
    QString callerLanguage; // the contact's language, for reading the greeting aloud
    QString eventType;
    std::optional<TemplateOutcome> outcome; // for assistant-requests only
};

TemplatePreview previewTemplate(const workspace::ResponseTemplate &responseTemplate,
                                const workspace::Workspace &workspace, const base::CapturedRequest &request,
                                const QDateTime &now);

} // namespace dockside::ui
