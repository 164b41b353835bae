// SPDX-License-Identifier: GPL-3.0-or-later

#include "fuzzentries.h"

#include "base/capturedrequest.h"
#include "base/jsonbody.h"
#include "contacts/contactbook.h"
#include "contacts/contactimport.h"
#include "contract/answervalidator.h"
#include "contract/calloutcome.h"
#include "contract/defaultassistant.h"
#include "http/httprequestparser.h"
#include "rules/requestcontext.h"
#include "rules/requestfields.h"
#include "rules/ruleset.h"
#include "templating/renderer.h"
#include "workspace/workspace.h"
#include "workspace/workspacewriter.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStringDecoder>
#include <QTimeZone>
#include <QUuid>

#include <random>

namespace dockside::fuzz {

namespace {

// Small limits, so the fuzzer reaches them with inputs of a few kilobytes.
constexpr qsizetype kMaxRenderedBytes = 16 * 1024;

QByteArray bytes(QByteArrayView data)
{
    return data.toByteArray();
}

// Splits at NUL bytes into exactly `count` parts; missing parts are empty, extra NULs stay in the last part.
QList<QByteArray> parts(QByteArrayView data, int count)
{
    QList<QByteArray> result;
    qsizetype from = 0;
    for (int i = 0; i + 1 < count; ++i) {
        const qsizetype nul = data.indexOf('\0', from);
        if (nul < 0)
            break;
        result.append(data.sliced(from, nul - from).toByteArray());
        from = nul + 1;
    }
    result.append(from <= data.size() ? data.sliced(from).toByteArray() : QByteArray());
    while (result.size() < count)
        result.append(QByteArray());
    return result;
}

bool isUtf8(QByteArrayView data)
{
    // Stateless: a sequence cut off at the end is an error, not a character still to come.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(data);
    return !decoder.hasError();
}

// What every fuzz target's request looks like when the input gives only a body.
base::CapturedRequest requestWithBody(const QByteArray &body, base::HeaderList headers = {})
{
    base::CapturedRequest request;
    request.method = "POST";
    request.target = "/webhook";
    request.httpVersion = "HTTP/1.1";
    request.headers = headers.isEmpty()
        ? base::HeaderList {{"Content-Type", "application/json"}, {"X-Webhook-Event", "assistant-request"}}
        : std::move(headers);
    request.body = body;
    request.receivedAtUs = 1765357200LL * 1000 * 1000; // a Wednesday at 10:00 in Amsterdam
    return request;
}

const workspace::Workspace &sampleWorkspace()
{
    static const workspace::Workspace sample = workspace::builtinSampleWorkspace();
    return sample;
}

base::HeaderList headerLines(const QByteArray &text)
{
    base::HeaderList headers;
    for (const QByteArray &line : text.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.append(QPair<QByteArray, QByteArray>(line.left(colon), line.mid(colon + 1).trimmed()));
    }
    return headers;
}

QString describeRenderResult(const templating::RenderResult &result)
{
    QStringList lines;
    for (const templating::RenderError &error : result.errors)
        lines.append(error.describe());
    return lines.join(QLatin1Char('\n'));
}

QString checkRendered(const char *what, const templating::RenderResult &result)
{
    if (!result.isOk() && !result.body.isEmpty())
        return QStringLiteral("%1: an answer with errors has a body of %2 bytes")
            .arg(QLatin1String(what))
            .arg(result.body.size());
    if (result.isOk() && result.body.size() > kMaxRenderedBytes)
        return QStringLiteral("%1: %2 bytes rendered past the limit of %3")
            .arg(QLatin1String(what))
            .arg(result.body.size())
            .arg(kMaxRenderedBytes);
    for (const templating::RenderError &error : result.errors) {
        if (error.message.isEmpty())
            return QStringLiteral("%1: an error without a message").arg(QLatin1String(what));
    }
    return {};
}

struct ParsedStream {
    QList<base::CapturedRequest> requests;
    http::HttpRequestParser::State finalState = http::HttpRequestParser::State::Idle;
    int failureStatus = 0;
};

// What HttpConnection does with a stream: take each request as it completes, stop after one that closes.
ParsedStream parseStream(QByteArrayView data, const QList<qsizetype> &pieces, const http::HttpLimits &limits)
{
    http::HttpRequestParser parser(limits);
    ParsedStream parsed;
    bool closed = false;
    qsizetype offset = 0;
    for (const qsizetype piece : pieces) {
        if (closed || parser.state() == http::HttpRequestParser::State::Failed)
            break;
        parser.feed(data.sliced(offset, piece).toByteArray());
        offset += piece;
        while (parser.state() == http::HttpRequestParser::State::RequestComplete) {
            base::CapturedRequest request = parser.takeRequest();
            request.receivedAtUs = 0;
            parsed.requests.append(request);
            if (!parser.keepAlive()) {
                closed = true;
                break;
            }
            parser.resume();
        }
    }
    parsed.finalState = parser.state();
    parsed.failureStatus = parser.failureStatus();
    return parsed;
}

bool sameRequest(const base::CapturedRequest &left, const base::CapturedRequest &right)
{
    return left.method == right.method && left.target == right.target && left.httpVersion == right.httpVersion &&
        left.headers == right.headers && left.body == right.body && left.headerBytes == right.headerBytes;
}

QString firstDifference(const workspace::Workspace &left, const workspace::Workspace &right)
{
    if (left.name != right.name)
        return QStringLiteral("name");
    if (left.templates.size() != right.templates.size())
        return QStringLiteral("number of templates");
    for (qsizetype i = 0; i < left.templates.size(); ++i) {
        const workspace::ResponseTemplate &a = left.templates.at(i);
        const workspace::ResponseTemplate &b = right.templates.at(i);
        if (!(a == b))
            return QStringLiteral("template %1 (%2)")
                .arg(a.id,
                     a.body != b.body
                         ? QStringLiteral("body: %1 / %2")
                               .arg(QString::fromUtf8(a.body.left(120)), QString::fromUtf8(b.body.left(120)))
                         : a.headers != b.headers       ? QStringLiteral("headers")
                         : a.bodyIsJson != b.bodyIsJson ? QStringLiteral("body kind")
                                                        : QStringLiteral("another field"));
    }
    if (left.fallbackTemplateId != right.fallbackTemplateId)
        return QStringLiteral("fallback template");
    if (!(left.rules == right.rules))
        return QStringLiteral("rules");
    if (!(left.contacts == right.contacts))
        return QStringLiteral("contacts");
    if (left.defaultAssistant != right.defaultAssistant)
        return QStringLiteral("default assistant");
    return QStringLiteral("scenarios");
}

} // namespace

QString answerEntry(QByteArrayView data)
{
    const QByteArray body = bytes(data);
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const contract::AnswerValidation validation = contract::AnswerValidator::instance().validate(document.object());
        const QJsonObject known = contract::AnswerValidator::instance().withoutIgnoredKeys(document.object());
        // Dropping ignored keys leaves nothing to warn about as unknown or not overridable.
        for (const contract::Finding &warning : contract::AnswerValidator::instance().validate(known).warnings) {
            if (warning.message.contains(QLatin1String("nknown")) ||
                warning.message.contains(QLatin1String("cannot be changed per call")))
                return QStringLiteral("withoutIgnoredKeys kept %1: %2").arg(warning.path, warning.message);
        }
        for (const contract::Finding &finding : validation.violations + validation.warnings) {
            if (!finding.path.startsWith(QLatin1Char('$')))
                return QStringLiteral("a finding without a JSON path: %1").arg(finding.message);
        }
    }

    contract::OutcomeInput input;
    input.defaultAssistant = contract::builtinDefaultAssistant();
    input.exchange.body = body;
    input.exchange.latencyMs = 120;
    const contract::CallOutcome outcome = contract::computeOutcome(input);
    if ((outcome.disposition == contract::Disposition::Rejected) != (outcome.reason == contract::Reason::Rejected))
        return QStringLiteral("disposition %1 with reason %2")
            .arg(contract::dispositionName(outcome.disposition), contract::reasonCode(outcome.reason));
    if (outcome.reason == contract::Reason::InvalidResponse && outcome.violations.isEmpty())
        return QStringLiteral("an invalid response without a violation that says why");
    if ((outcome.reason == contract::Reason::Override || outcome.reason == contract::Reason::Default) &&
        !outcome.violations.isEmpty())
        return QStringLiteral("answered with %1 despite %2 violation(s)")
            .arg(contract::reasonCode(outcome.reason))
            .arg(outcome.violations.size());
    if (outcome.reason == contract::Reason::Rejected && outcome.spokenFirst.trimmed().isEmpty())
        return QStringLiteral("rejected with nothing for the caller to hear");
    const QByteArray json = QJsonDocument(contract::outcomeToJson(outcome)).toJson(QJsonDocument::Compact);
    if (!QJsonDocument::fromJson(json).isObject())
        return QStringLiteral("outcomeToJson wrote JSON that does not parse back");
    if (contract::outcomeToText(outcome).isEmpty())
        return QStringLiteral("outcomeToText wrote nothing");

    // The same body past the deadline: the answer no longer matters.
    input.exchange.latencyMs = input.deadlineMs + 1;
    if (contract::computeOutcome(input).reason != contract::Reason::Timeout)
        return QStringLiteral("a late answer was not a timeout");
    return {};
}

QString templateEntry(QByteArrayView data)
{
    const QList<QByteArray> split = parts(data, 2);
    const QByteArray &templateBody = split.at(0);
    const base::CapturedRequest request = requestWithBody(split.at(1));
    const rules::RequestContext requestContext =
        rules::RequestContext::fromRequest(request, sampleWorkspace().contacts);
    const templating::RenderContext context =
        requestContext.renderContext(QUuid::fromString(QLatin1String("7d444840-9dc0-41d1-a1b5-7b2b1d1d1d1d")));
    templating::RenderOptions options;
    options.maxOutputBytes = kMaxRenderedBytes;

    const templating::RenderResult json = templating::renderBody(templateBody, true, context, options);
    if (QString failed = checkRendered("json", json); !failed.isEmpty())
        return failed;
    // Without placeholders a template goes out byte for byte, JSON or not (a fault template may be broken on purpose).
    if (json.isOk() && templateBody.contains("{{") && !templateBody.trimmed().isEmpty()) {
        QJsonParseError error;
        QJsonDocument::fromJson(json.body, &error);
        if (error.error != QJsonParseError::NoError)
            return QStringLiteral("a JSON template rendered to invalid JSON (%1): %2")
                .arg(error.errorString(), QString::fromUtf8(json.body.left(200)));
    }

    const templating::RenderResult raw = templating::renderBody(templateBody, false, context, options);
    if (QString failed = checkRendered("raw", raw); !failed.isEmpty())
        return failed;
    const templating::RenderResult text = templating::renderText(QString::fromUtf8(templateBody), context, options);
    if (QString failed = checkRendered("text", text); !failed.isEmpty())
        return failed;
    if (isUtf8(templateBody) && raw.isOk() != text.isOk())
        return QStringLiteral("renderBody (raw) and renderText disagree: %1 / %2")
            .arg(describeRenderResult(raw), describeRenderResult(text));
    if (isUtf8(templateBody) && raw.isOk() && raw.body != text.body)
        return QStringLiteral("renderBody (raw) and renderText rendered different text");
    return {};
}

QString rulesEntry(QByteArrayView data)
{
    const QList<QByteArray> split = parts(data, 3);
    const QJsonDocument document = QJsonDocument::fromJson(split.at(0));
    const QJsonValue rulesJson = document.isArray() ? QJsonValue(document.array())
        : document.isObject()                       ? QJsonValue(document.object())
                                                    : QJsonValue(QJsonValue::Undefined);
    QList<base::LoadError> errors;
    const rules::RuleSet ruleSet = rules::RuleSet::fromJson(rulesJson, QStringLiteral("$.rules"), errors);
    for (const base::LoadError &error : std::as_const(errors)) {
        if (!error.path.startsWith(QLatin1String("$.rules")) || error.message.isEmpty())
            return QStringLiteral("an error outside $.rules or without a message: %1: %2")
                .arg(error.path, error.message);
    }
    QSet<QString> templateIds;
    for (const workspace::ResponseTemplate &responseTemplate : sampleWorkspace().templates)
        templateIds.insert(responseTemplate.id);
    static_cast<void>(ruleSet.unknownTemplateReferences(templateIds, QStringLiteral("$.rules")));

    // What loaded must save and load again to the same rules, or a workspace changes each time it is saved.
    QList<base::LoadError> againErrors;
    const rules::RuleSet again = rules::RuleSet::fromJson(ruleSet.toJson(), QStringLiteral("$.rules"), againErrors);
    if (!againErrors.isEmpty())
        return QStringLiteral("saved rules do not load again: %1: %2")
            .arg(againErrors.first().path, againErrors.first().message);
    if (!(again == ruleSet))
        return QStringLiteral("saved rules load again as different rules: %1")
            .arg(QString::fromUtf8(QJsonDocument(ruleSet.toJson()).toJson(QJsonDocument::Compact).left(300)));

    // The scan that spares most requests a parse must never read a field otherwise than Qt's parser would.
    if (const std::optional<rules::RequestFields> scanned = rules::scanRequestFields(split.at(1))) {
        const QJsonValue parsed = base::JsonBody::parse(split.at(1));
        if (!parsed.isObject())
            return QStringLiteral("the scan read fields from a body that Qt does not parse as an object");
        if (!(rules::RequestFields::of(parsed) == *scanned))
            return QStringLiteral("the scan read other fields than the parsed body has");
    }

    const base::CapturedRequest request = requestWithBody(split.at(1), headerLines(split.at(2)));
    const rules::RequestContext context = rules::RequestContext::fromRequest(request, sampleWorkspace().contacts);
    const rules::RuleEvaluation evaluation = ruleSet.evaluate(context);
    if (evaluation.matched) {
        const auto rule = std::find_if(ruleSet.rules().cbegin(), ruleSet.rules().cend(),
                                       [&](const rules::Rule &candidate) { return candidate.id == evaluation.ruleId; });
        if (rule == ruleSet.rules().cend())
            return QStringLiteral("matched rule \"%1\", which is not in the set").arg(evaluation.ruleId);
        if (!rule->enabled)
            return QStringLiteral("matched the disabled rule \"%1\"").arg(evaluation.ruleId);
        if (evaluation.templateId.isEmpty())
            return QStringLiteral("matched rule \"%1\" without a template").arg(evaluation.ruleId);
    }
    if (ruleSet.evaluate(context).templateId != evaluation.templateId)
        return QStringLiteral("the same request chose two different templates");
    return {};
}

QString workspaceEntry(QByteArrayView data)
{
    const workspace::WorkspaceLoad load = workspace::parseWorkspace(bytes(data));
    if (load.workspace.has_value() == !load.errors.isEmpty())
        return QStringLiteral("a workspace %1 loaded with %2 error(s)")
            .arg(load.workspace ? QStringLiteral("was") : QStringLiteral("was not"))
            .arg(load.errors.size());
    for (const base::LoadError &error : load.errors) {
        if (!error.path.startsWith(QLatin1Char('$')) || error.message.isEmpty() || error.line < 0 || error.column < 0)
            return QStringLiteral("a malformed load error: %1")
                .arg(base::formatLoadError(QStringLiteral("fuzz.dockside.json"), error));
        if (error.line > 0 && error.line > data.count('\n') + 1)
            return QStringLiteral("a load error on line %1 of a file with fewer lines").arg(error.line);
    }
    if (!load.workspace)
        return {};
    const QByteArray saved = workspace::serializeWorkspace(*load.workspace);
    const workspace::WorkspaceLoad again = workspace::parseWorkspace(saved);
    if (!again.workspace)
        return QStringLiteral("a saved workspace does not load: %1")
            .arg(base::formatLoadError(QStringLiteral("saved.dockside.json"), again.errors.value(0)));
    if (!(*again.workspace == *load.workspace))
        return QStringLiteral("a saved workspace loads with a different %1")
            .arg(firstDifference(*load.workspace, *again.workspace));
    if (workspace::serializeWorkspace(*again.workspace) != saved)
        return QStringLiteral("saving a saved workspace again changes the file");
    return {};
}

QString contactsEntry(QByteArrayView data)
{
    for (const contacts::ContactImport &import :
         {contacts::importContactsCsv(data), contacts::importContactsJson(data)}) {
        QSet<QString> numbers;
        for (const contacts::Contact &contact : import.book.contacts()) {
            if (contact.number.isEmpty())
                return QStringLiteral("a contact without a number was imported");
            if (numbers.contains(contact.number))
                return QStringLiteral("the number %1 was imported twice").arg(contact.number);
            numbers.insert(contact.number);
            if (!import.book.find(contact.number))
                return QStringLiteral("the imported number %1 is not found in the book").arg(contact.number);
        }
        for (const base::LoadError &problem : import.problems) {
            if (problem.message.isEmpty())
                return QStringLiteral("an import problem without a message at %1").arg(problem.path);
        }
        // Imported contacts go into the workspace file: they must load from it as they are.
        QList<base::LoadError> errors;
        const contacts::ContactBook again =
            contacts::ContactBook::fromJson(import.book.toJson(), QStringLiteral("$.contacts"), errors);
        if (!errors.isEmpty())
            return QStringLiteral("imported contacts do not load from the workspace: %1: %2")
                .arg(errors.first().path, errors.first().message);
        if (!(again == import.book))
            return QStringLiteral("imported contacts load from the workspace as different contacts");
    }
    return {};
}

QString httpRequestEntry(QByteArrayView data)
{
    http::HttpLimits limits;
    limits.maxHeaderBytes = 2048;
    limits.maxBodyBytes = 4096;

    const ParsedStream whole = parseStream(data, {data.size()}, limits);
    // The same bytes as TCP may deliver them: in pieces of 1 to 64 bytes, chosen by the bytes themselves.
    std::minstd_rand random(static_cast<std::minstd_rand::result_type>(qHash(data) | 1U));
    QList<qsizetype> pieceSizes;
    for (qsizetype left = data.size(); left > 0;) {
        const qsizetype piece = std::min<qsizetype>(left, static_cast<qsizetype>(random() % 64) + 1);
        pieceSizes.append(piece);
        left -= piece;
    }
    const ParsedStream pieces = parseStream(data, pieceSizes, limits);

    for (const ParsedStream *parsed : {&whole, &pieces}) {
        for (const base::CapturedRequest &request : parsed->requests) {
            if (request.body.size() > limits.maxBodyBytes)
                return QStringLiteral("a body of %1 bytes passed the limit").arg(request.body.size());
            if (request.method.isEmpty() || request.httpVersion.isEmpty())
                return QStringLiteral("a request without a method or version");
        }
        if (parsed->finalState == http::HttpRequestParser::State::Failed &&
            !QList<int> {400, 413, 431, 501, 505}.contains(parsed->failureStatus))
            return QStringLiteral("failed with status %1").arg(parsed->failureStatus);
    }
    if (whole.requests.size() != pieces.requests.size())
        return QStringLiteral("%1 request(s) at once but %2 in pieces")
            .arg(whole.requests.size())
            .arg(pieces.requests.size());
    for (qsizetype i = 0; i < whole.requests.size(); ++i) {
        if (!sameRequest(whole.requests.at(i), pieces.requests.at(i)))
            return QStringLiteral("request %1 differs when its bytes arrive in pieces").arg(i);
    }
    // Which refusal a malformed stream gets (400, 431, 501) can depend on where TCP cut its bytes, for example a
    // head that is both too large and malformed; what must not depend on it is whether it is refused.
    if (whole.finalState != pieces.finalState)
        return QStringLiteral("the stream ends differently in pieces (status %1 against %2)")
            .arg(pieces.failureStatus)
            .arg(whole.failureStatus);
    return {};
}

const QList<Target> &targets()
{
    static const QList<Target> all {
        {"answer", &answerEntry},       {"template", &templateEntry}, {"rules", &rulesEntry},
        {"workspace", &workspaceEntry}, {"contacts", &contactsEntry}, {"http_request", &httpRequestEntry},
    };
    return all;
}

} // namespace dockside::fuzz
