// SPDX-License-Identifier: GPL-3.0-or-later

#include "timelineformat.h"

#include "base/latencytext.h"
#include "contract/calloutcome.h"

#include <QCoreApplication>

namespace dockside::ui::timeline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("dockside::ui::Timeline", text);
}

QString reasonText(const QString &reason)
{
    if (reason == QLatin1String("timeout"))
        return tr("no complete answer within the deadline");
    if (reason == QLatin1String("unreachable"))
        return tr("the webhook could not be reached");
    if (reason == QLatin1String("http_status"))
        return tr("the HTTP status was not 2xx");
    if (reason == QLatin1String("empty_body"))
        return tr("the answer was empty");
    if (reason == QLatin1String("invalid_json"))
        return tr("the answer was not a JSON object");
    if (reason == QLatin1String("invalid_response"))
        return tr("the answer broke the contract");
    if (reason == QLatin1String("default"))
        return tr("the answer asked for the default ({})");
    return reason;
}

} // namespace

OutcomeKind outcomeKind(const QString &disposition, const QString &reason)
{
    if (disposition == QLatin1String("rejected"))
        return OutcomeKind::Rejected;
    if (disposition == QLatin1String("answered"))
        return reason == QLatin1String("override") ? OutcomeKind::Answered : OutcomeKind::Default;
    return OutcomeKind::None;
}

QString outcomeLabel(const QString &disposition, const QString &reason)
{
    switch (outcomeKind(disposition, reason)) {
    case OutcomeKind::None:
        return {};
    case OutcomeKind::Answered:
        return tr("answered");
    case OutcomeKind::Rejected:
        return tr("rejected");
    case OutcomeKind::Default:
        return tr("default: %1").arg(reason);
    }
    return {};
}

QString outcomeToolTip(const QString &disposition, const QString &reason)
{
    switch (outcomeKind(disposition, reason)) {
    case OutcomeKind::None:
        return tr("Only assistant-requests have a call outcome.");
    case OutcomeKind::Answered:
        return tr("Answered with the assistant from the webhook's answer.");
    case OutcomeKind::Rejected:
        return tr("Rejected: the caller hears the answer's error message.");
    case OutcomeKind::Default:
        return tr("Answered with the default assistant: %1 (%2).").arg(reasonText(reason), reason);
    }
    return {};
}

SignatureKind signatureKind(const QString &status)
{
    if (status.isEmpty() || status == QLatin1String("no_secret"))
        return SignatureKind::NotChecked;
    if (status == QLatin1String("valid"))
        return SignatureKind::Valid;
    // The timestamp is checked first, so an unsigned request reports a missing timestamp: both mean unsigned.
    if (status == QLatin1String("missing_signature") || status == QLatin1String("missing_timestamp"))
        return SignatureKind::Missing;
    return SignatureKind::Invalid;
}

QString signatureLabel(const QString &status)
{
    switch (signatureKind(status)) {
    case SignatureKind::NotChecked:
        return tr("not checked");
    case SignatureKind::Valid:
        return tr("valid");
    case SignatureKind::Missing:
        return tr("missing");
    case SignatureKind::Invalid:
        return tr("invalid: %1").arg(QString(status).replace(QChar(u'_'), QChar(u' ')));
    }
    return {};
}

QString signatureToolTip(const QString &status)
{
    switch (signatureKind(status)) {
    case SignatureKind::NotChecked:
        return status.isEmpty() ? tr("The signature was not checked (no VoiceDock event, or an outbound request).")
                                : tr("Not checked: no webhook secret is configured.");
    case SignatureKind::Valid:
        return tr("The X-Webhook-Signature matches the body and timestamp.");
    case SignatureKind::Missing:
        return status == QLatin1String("missing_timestamp")
            ? tr("The X-Webhook-Timestamp header is missing: the request is unsigned.")
            : tr("The X-Webhook-Signature header is missing.");
    case SignatureKind::Invalid:
        return tr("The signature check failed: %1.").arg(status);
    }
    return {};
}

qint64 deadlineMsFor(const QString &eventType)
{
    return eventType == QLatin1String("assistant-request") ? contract::kAssistantRequestDeadlineMs
                                                           : contract::kOtherEventsDeadlineMs;
}

QString formatLatency(qint64 latencyUs)
{
    if (latencyUs < 1'000'000)
        return tr("%1 ms").arg(base::millisecondsText(latencyUs));
    return tr("%1 s").arg(static_cast<double>(latencyUs) / 1'000'000.0, 0, 'f', 2);
}

QColor relayHue()
{
    return QColor(0x1e, 0x88, 0xe5);
}

QColor okHue()
{
    return QColor(0x2e, 0x9d, 0x4f);
}

QColor warningHue()
{
    return QColor(0xd9, 0x8e, 0x04);
}

QColor errorHue()
{
    return QColor(0xd6, 0x33, 0x3a);
}

QColor outcomeHue(OutcomeKind kind)
{
    switch (kind) {
    case OutcomeKind::Answered:
        return okHue();
    case OutcomeKind::Rejected:
        return errorHue();
    case OutcomeKind::Default:
        return warningHue();
    case OutcomeKind::None:
        break;
    }
    return QColor(0x80, 0x80, 0x80);
}

QColor signatureHue(SignatureKind kind)
{
    switch (kind) {
    case SignatureKind::Valid:
        return okHue();
    case SignatureKind::Invalid:
        return errorHue();
    case SignatureKind::Missing:
        return warningHue();
    case SignatureKind::NotChecked:
        break;
    }
    return QColor(0x80, 0x80, 0x80);
}

} // namespace dockside::ui::timeline
