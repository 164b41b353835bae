// SPDX-License-Identifier: GPL-3.0-or-later

#include "templatepreview.h"

#include "composer/eventsender.h"
#include "contract/callevent.h"
#include "mock/mockresponder.h"
#include "rules/requestcontext.h"
#include "teamhistory/historysource.h"
#include "templating/renderer.h"

#include <QCoreApplication>
#include <QLocale>

namespace dockside::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("dockside::ui::TemplatePreview", text);
}

constexpr qint64 kPlatformDeadlineMs = contract::kAssistantRequestDeadlineMs;

PreviewRequest builtinRequest(const QString &label, const contract::EventOptions &event)
{
    composer::SendOptions options;
    options.url = QUrl(QStringLiteral("http://127.0.0.1:8790/"));
    options.event = event;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const composer::PreparedRequest prepared = composer::prepareRequest(options, now);
    PreviewRequest preview;
    preview.label = label;
    preview.request.receivedAtUs = now * 1000 * 1000;
    preview.request.method = QByteArrayLiteral("POST");
    preview.request.target = QByteArrayLiteral("/");
    preview.request.httpVersion = QByteArrayLiteral("1.1");
    preview.request.headers = prepared.headers;
    preview.request.body = prepared.body;
    preview.request.peerAddress = QStringLiteral("127.0.0.1");
    return preview;
}

} // namespace

QList<PreviewRequest> builtinPreviewRequests(const workspace::Workspace &workspace)
{
    QList<PreviewRequest> requests;
    contract::EventOptions known;
    const QList<contacts::Contact> contacts = workspace.contacts.contacts();
    if (!contacts.isEmpty()) {
        known.customerNumber = contacts.constFirst().number;
        requests.append(builtinRequest(
            tr("Sample: call from %1 (%2, in the contacts)").arg(known.customerNumber, contacts.constFirst().name),
            known));
    } else {
        requests.append(builtinRequest(tr("Sample: call from %1").arg(known.customerNumber), known));
    }
    contract::EventOptions unknown;
    unknown.customerNumber = QStringLiteral("+31201234567");
    if (!workspace.contacts.find(unknown.customerNumber))
        requests.append(
            builtinRequest(tr("Sample: call from %1 (not in the contacts)").arg(unknown.customerNumber), unknown));
    contract::EventOptions web;
    web.callType = contract::CallType::WebCall;
    requests.append(builtinRequest(tr("Sample: web call (no phone numbers)"), web));
    return requests;
}

QList<PreviewRequest> loadRecentAssistantRequests(const QString &historyPath, int limit, QString *error)
{
    QList<PreviewRequest> requests;
    teamhistory::HistorySource reader;
    if (!reader.open(historyPath, error))
        return requests;
    history::HistoryFilter filter;
    filter.direction = history::Direction::Inbound;
    filter.eventTypes = {contract::eventTypeName(contract::EventType::AssistantRequest)};
    const QList<history::ExchangeSummary> newest = reader.page(filter, 0, limit, Qt::DescendingOrder);
    if (newest.isEmpty() && !reader.lastError().isEmpty()) {
        if (error != nullptr)
            *error = reader.lastError();
        return requests;
    }
    const QLocale locale;
    for (const history::ExchangeSummary &summary : newest) {
        std::optional<history::ExchangeRecord> record = reader.load(summary.id);
        if (!record)
            continue;
        const QDateTime received = QDateTime::fromMSecsSinceEpoch(summary.receivedAtUs / 1000).toLocalTime();
        const QString caller = summary.callerNumber.isEmpty() ? tr("no caller number") : summary.callerNumber;
        PreviewRequest preview;
        preview.label = tr("#%1 · %2 · %3")
                            .arg(QString::number(summary.id), locale.toString(received, QLocale::ShortFormat), caller);
        preview.request = record->request;
        preview.historyId = summary.id;
        requests.append(preview);
    }
    return requests;
}

TemplatePreview previewTemplate(const workspace::ResponseTemplate &responseTemplate,
                                const workspace::Workspace &workspace, const base::CapturedRequest &request,
                                const QDateTime &now)
{
    // The mock's own responder with this template as the only answer: the preview is what the endpoint sends.
    workspace::Workspace alone;
    alone.templates = {responseTemplate};
    alone.fallbackTemplateId = responseTemplate.id;
    alone.contacts = workspace.contacts;
    alone.defaultAssistant = workspace.defaultAssistant;
    const mock::MockResponder responder(alone, {}, kPlatformDeadlineMs);
    const mock::PlannedAnswer plan = responder.plan(request, now);

    TemplatePreview preview;
    preview.status = plan.response.status;
    preview.headers = plan.response.headers;
    preview.body = plan.response.body;
    preview.fault = plan.fault;
    preview.holdMs = plan.holdMs;
    preview.eventType = plan.record.eventType;

    // The responder joins its problems into one line; render again to list them one by one.
    const rules::RequestContext context = rules::RequestContext::fromRequest(request, workspace.contacts, now);
    const templating::RenderContext renderContext = context.renderContext();
    for (const templating::RenderError &error :
         templating::renderBody(responseTemplate.body, responseTemplate.bodyIsJson, renderContext).errors)
        preview.renderErrors.append(error.describe());
    for (const auto &[name, value] : responseTemplate.headers) {
        for (const templating::RenderError &error :
             templating::renderText(QString::fromLatin1(value), renderContext).errors)
            preview.renderErrors.append(tr("header %1: %2").arg(QString::fromLatin1(name), error.describe()));
    }

    preview.caller = context.contact ? context.contact->name : context.callerNumber;
    preview.callerLanguage = context.contact ? context.contact->language : QString();
    if (context.callerNumber.isEmpty())
        preview.callerNote = tr("No caller number (a web call): contact placeholders have no value.");
    else if (context.contact)
        preview.callerNote = tr("Caller %1 is %2 in the contacts.").arg(context.callerNumber, context.contact->name);
    else
        preview.callerNote = tr("Caller %1 is not in the contacts.").arg(context.callerNumber);

    if (preview.eventType == contract::eventTypeName(contract::EventType::AssistantRequest)) {
        // The answer as sent, so a broken_json body is not cut twice.
        workspace::ResponseTemplate sent;
        sent.status = plan.response.status;
        sent.body = plan.response.body;
        sent.fault = plan.fault == workspace::Fault::BrokenJson ? workspace::Fault::None : plan.fault;
        sent.delayMs = static_cast<int>(plan.holdMs);
        preview.outcome = describeTemplateOutcome(sent, workspace.defaultAssistant);
    }
    return preview;
}

} // namespace dockside::ui
