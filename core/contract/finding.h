// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>

namespace dockside::contract {

// Where a rule of the contract comes from (CONTRACT.md): the platform's page, its SDK, or our assumption.
enum class Source { Seed, Sdk, Assumed };

enum class Severity { Error, Warning };

// One violation or warning about an answer, named by its JSON path ("$.assistant.first_message").
struct Finding {
    Severity severity = Severity::Error;
    QString path;
    QString message;
    Source source = Source::Assumed;

    friend bool operator==(const Finding &, const Finding &) = default;
};

using Findings = QList<Finding>;

QString sourceLabel(Source source);
// [{"path", "message", "source"}], as the CLI and the outcome JSON print findings.
QJsonArray findingsToJson(const Findings &findings);
QString severityLabel(Severity severity);

} // namespace dockside::contract
