// SPDX-License-Identifier: GPL-3.0-or-later

#include "exchangejson.h"

#include "historydatabase.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace dockside::history {

namespace {

QString isoTime(qint64 us)
{
    return QDateTime::fromMSecsSinceEpoch(us / 1000, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonArray headersToJson(const base::HeaderList &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers)
        array.append(QJsonObject {{QStringLiteral("name"), detail::displayText(name)},
                                  {QStringLiteral("value"), detail::displayText(value)}});
    return array;
}

// Sets body and bodyEncoding (or the keys given) so a binary body survives the trip through JSON.
void putBody(QJsonObject &object, const QByteArray &body, const QString &textKey, const QString &encodingKey,
             const QString &textEncodingName)
{
    if (detail::isText(body)) {
        object.insert(textKey, QString::fromUtf8(body));
        if (!textEncodingName.isEmpty())
            object.insert(encodingKey, textEncodingName);
    } else {
        object.insert(textKey, QString::fromLatin1(body.toBase64()));
        object.insert(encodingKey, QStringLiteral("base64"));
    }
}

QString headerValue(const base::HeaderList &headers, QByteArrayView name)
{
    for (const auto &[headerName, value] : headers) {
        if (base::sameHeaderName(headerName, name))
            return detail::displayText(value);
    }
    return {};
}

QString reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QStringLiteral("OK");
    case 201:
        return QStringLiteral("Created");
    case 202:
        return QStringLiteral("Accepted");
    case 204:
        return QStringLiteral("No Content");
    case 301:
        return QStringLiteral("Moved Permanently");
    case 302:
        return QStringLiteral("Found");
    case 304:
        return QStringLiteral("Not Modified");
    case 307:
        return QStringLiteral("Temporary Redirect");
    case 308:
        return QStringLiteral("Permanent Redirect");
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 408:
        return QStringLiteral("Request Timeout");
    case 409:
        return QStringLiteral("Conflict");
    case 413:
        return QStringLiteral("Content Too Large");
    case 415:
        return QStringLiteral("Unsupported Media Type");
    case 422:
        return QStringLiteral("Unprocessable Content");
    case 429:
        return QStringLiteral("Too Many Requests");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 501:
        return QStringLiteral("Not Implemented");
    case 502:
        return QStringLiteral("Bad Gateway");
    case 503:
        return QStringLiteral("Service Unavailable");
    case 504:
        return QStringLiteral("Gateway Timeout");
    default:
        return {};
    }
}

// HAR wants an absolute URL: outbound records carry it, inbound ones are rebuilt from the endpoint URL and target.
QString absoluteUrl(const ExchangeRecord &record)
{
    const QString target = detail::displayText(record.request.target);
    if (record.direction == Direction::Outbound && !record.url.isEmpty())
        return record.url;
    const QUrl endpoint(record.url);
    QString origin;
    if (endpoint.isValid() && !endpoint.host().isEmpty())
        origin =
            endpoint.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    else if (const QString host = headerValue(record.request.headers, "Host"); !host.isEmpty())
        origin = QStringLiteral("http://") + host;
    else
        origin = QStringLiteral("http://localhost");
    return target.startsWith(QChar(u'/')) ? QString(origin + target) : QString(origin + QChar(u'/') + target);
}

QJsonArray queryStringToJson(const QByteArray &target)
{
    QJsonArray array;
    const qsizetype question = target.indexOf('?');
    if (question < 0)
        return array;
    const QUrlQuery query(detail::displayText(target.mid(question + 1)));
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : items)
        array.append(QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("value"), value}});
    return array;
}

QString httpVersionText(const QByteArray &version)
{
    if (version.isEmpty())
        return QStringLiteral("HTTP/1.1");
    return version.startsWith("HTTP/") ? QString::fromLatin1(version)
                                       : QStringLiteral("HTTP/") + QString::fromLatin1(version);
}

} // namespace

QJsonObject exchangeToJson(const ExchangeRecord &record)
{
    const base::CapturedRequest &request = record.request;
    QJsonObject requestObject {
        {QStringLiteral("method"), QString::fromLatin1(request.method)},
        {QStringLiteral("target"), detail::displayText(request.target)},
        {QStringLiteral("httpVersion"), QString::fromLatin1(request.httpVersion)},
        {QStringLiteral("headers"), headersToJson(request.headers)},
        {QStringLiteral("bodySize"), double(request.body.size())},
        {QStringLiteral("peerAddress"), request.peerAddress},
        {QStringLiteral("peerPort"), int(request.peerPort)},
        {QStringLiteral("headerBytes"), double(request.headerBytes)},
    };
    putBody(requestObject, request.body, QStringLiteral("body"), QStringLiteral("bodyEncoding"),
            QStringLiteral("utf-8"));

    QJsonObject responseObject {
        {QStringLiteral("status"), record.responseStatus},
        {QStringLiteral("headers"), headersToJson(record.responseHeaders)},
        {QStringLiteral("bodySize"), double(record.responseBody.size())},
        {QStringLiteral("templateId"), record.templateId},
        {QStringLiteral("ruleId"), record.ruleId},
    };
    putBody(responseObject, record.responseBody, QStringLiteral("body"), QStringLiteral("bodyEncoding"),
            QStringLiteral("utf-8"));

    QJsonObject signature {{QStringLiteral("status"), record.signatureStatus}};
    if (!record.signatureDiagnosisCode.isEmpty()) {
        signature.insert(QStringLiteral("diagnosis"), record.signatureDiagnosisCode);
        signature.insert(QStringLiteral("diagnosisText"), record.signatureDiagnosis);
    }
    putBody(signature, record.signedString, QStringLiteral("signedString"), QStringLiteral("signedStringEncoding"),
            QStringLiteral("utf-8"));

    QJsonObject json {
        {QStringLiteral("id"), double(record.id)},
        {QStringLiteral("direction"), directionName(record.direction)},
        {QStringLiteral("receivedAt"), isoTime(request.receivedAtUs)},
        {QStringLiteral("receivedAtUs"), double(request.receivedAtUs)},
        {QStringLiteral("url"), record.url},
        {QStringLiteral("latencyUs"), double(record.latencyUs)},
        {QStringLiteral("connectUs"), record.connectUs ? QJsonValue(double(*record.connectUs)) : QJsonValue()},
        {QStringLiteral("firstByteUs"), record.firstByteUs ? QJsonValue(double(*record.firstByteUs)) : QJsonValue()},
        {QStringLiteral("request"), requestObject},
        {QStringLiteral("response"), responseObject},
        {QStringLiteral("event"),
         QJsonObject {{QStringLiteral("type"), record.eventType},
                      {QStringLiteral("callId"), record.callId},
                      {QStringLiteral("callerNumber"), record.callerNumber},
                      {QStringLiteral("calledNumber"), record.calledNumber}}},
        {QStringLiteral("signature"), signature},
        {QStringLiteral("outcome"),
         QJsonObject {{QStringLiteral("disposition"), record.outcomeDisposition},
                      {QStringLiteral("reason"), record.outcomeReason},
                      {QStringLiteral("spokenFirst"), record.spokenFirst}}},
        {QStringLiteral("error"), record.error},
    };
    if (!record.clockNote.isEmpty())
        json.insert(QStringLiteral("clock"), record.clockNote);
    if (const std::optional<ForwardedLeg> &leg = record.forwarded) {
        QJsonObject answer {
            {QStringLiteral("status"), leg->responseStatus},
            {QStringLiteral("reasonPhrase"), QString::fromLatin1(leg->reasonPhrase)},
            {QStringLiteral("headers"), headersToJson(leg->responseHeaders)},
            {QStringLiteral("bodySize"), double(leg->responseBody.size())},
        };
        putBody(answer, leg->responseBody, QStringLiteral("body"), QStringLiteral("bodyEncoding"),
                QStringLiteral("utf-8"));
        const auto optionalUs = [](const std::optional<qint64> &us) {
            return us ? QJsonValue(double(*us)) : QJsonValue();
        };
        json.insert(QStringLiteral("forwarded"),
                    QJsonObject {
                        {QStringLiteral("upstreamUrl"), leg->upstreamUrl},
                        {QStringLiteral("headers"), headersToJson(leg->requestHeaders)},
                        {QStringLiteral("resigned"), leg->resigned},
                        {QStringLiteral("answer"), answer},
                        {QStringLiteral("connectUs"), optionalUs(leg->connectUs)},
                        {QStringLiteral("firstByteUs"), optionalUs(leg->firstByteUs)},
                        {QStringLiteral("sentAfterUs"), double(leg->sentAfterUs)},
                        {QStringLiteral("finishedAfterUs"), double(leg->finishedAfterUs)},
                        {QStringLiteral("deadlineMs"), double(leg->deadlineMs)},
                        {QStringLiteral("error"), leg->error},
                        {QStringLiteral("verdict"), leg->verdict},
                        {QStringLiteral("lateAnswer"), leg->lateAnswer},
                        {QStringLiteral("fallbackAnswered"), leg->fallbackAnswered},
                    });
    }
    return json;
}

QJsonObject exchangeToHarEntry(const ExchangeRecord &record)
{
    const base::CapturedRequest &request = record.request;
    QJsonObject requestObject {
        {QStringLiteral("method"), QString::fromLatin1(request.method)},
        {QStringLiteral("url"), absoluteUrl(record)},
        {QStringLiteral("httpVersion"), httpVersionText(request.httpVersion)},
        {QStringLiteral("cookies"), QJsonArray()},
        {QStringLiteral("headers"), headersToJson(request.headers)},
        {QStringLiteral("queryString"), queryStringToJson(request.target)},
        {QStringLiteral("headersSize"), request.headerBytes > 0 ? double(request.headerBytes) : -1.0},
        {QStringLiteral("bodySize"), double(request.body.size())},
    };
    if (!request.body.isEmpty()) {
        QJsonObject postData {{QStringLiteral("mimeType"), headerValue(request.headers, "Content-Type")}};
        // HAR 1.2 has no encoding for postData: a binary body goes base64 with Dockside's "_encoding" beside it.
        putBody(postData, request.body, QStringLiteral("text"), QStringLiteral("_encoding"), QString());
        requestObject.insert(QStringLiteral("postData"), postData);
    }

    QJsonObject content {
        {QStringLiteral("size"), double(record.responseBody.size())},
        {QStringLiteral("mimeType"), headerValue(record.responseHeaders, "Content-Type")},
    };
    if (!record.responseBody.isEmpty())
        putBody(content, record.responseBody, QStringLiteral("text"), QStringLiteral("encoding"), QString());
    QJsonObject responseObject {
        {QStringLiteral("status"), record.responseStatus},
        {QStringLiteral("statusText"), reasonPhrase(record.responseStatus)},
        {QStringLiteral("httpVersion"), httpVersionText(request.httpVersion)},
        {QStringLiteral("cookies"), QJsonArray()},
        {QStringLiteral("headers"), headersToJson(record.responseHeaders)},
        {QStringLiteral("content"), content},
        {QStringLiteral("redirectURL"), headerValue(record.responseHeaders, "Location")},
        {QStringLiteral("headersSize"), -1},
        {QStringLiteral("bodySize"), record.responseStatus == 0 ? -1.0 : double(record.responseBody.size())},
    };
    if (!record.error.isEmpty())
        responseObject.insert(QStringLiteral("_error"), record.error);

    const double latencyMs = double(record.latencyUs) / 1000.0;
    // HAR's phases, where the transport measured them (-1: not applicable); otherwise all of it is waiting.
    const double connectMs = record.connectUs ? double(*record.connectUs) / 1000.0 : -1.0;
    const double firstByteMs = record.firstByteUs ? double(*record.firstByteUs) / 1000.0 : latencyMs;
    const double waitMs = std::max(0.0, firstByteMs - std::max(0.0, connectMs));
    const double receiveMs = std::max(0.0, latencyMs - firstByteMs);
    QJsonObject entry {
        {QStringLiteral("startedDateTime"), isoTime(request.receivedAtUs)},
        {QStringLiteral("time"), latencyMs},
        {QStringLiteral("request"), requestObject},
        {QStringLiteral("response"), responseObject},
        {QStringLiteral("cache"), QJsonObject()},
        {QStringLiteral("timings"),
         QJsonObject {{QStringLiteral("connect"), connectMs},
                      {QStringLiteral("send"), 0},
                      {QStringLiteral("wait"), waitMs},
                      {QStringLiteral("receive"), receiveMs}}},
        {QStringLiteral("_id"), double(record.id)},
        {QStringLiteral("_direction"), directionName(record.direction)},
    };
    const QList<QPair<QString, QString>> extras {
        {QStringLiteral("_eventType"), record.eventType},
        {QStringLiteral("_callId"), record.callId},
        {QStringLiteral("_callerNumber"), record.callerNumber},
        {QStringLiteral("_signatureStatus"), record.signatureStatus},
        {QStringLiteral("_outcomeDisposition"), record.outcomeDisposition},
        {QStringLiteral("_outcomeReason"), record.outcomeReason},
    };
    for (const auto &[key, value] : extras) {
        if (!value.isEmpty())
            entry.insert(key, value);
    }
    if (!request.peerAddress.isEmpty())
        entry.insert(QStringLiteral("_peerAddress"), request.peerAddress);
    return entry;
}

QJsonObject harCreator()
{
    return QJsonObject {{QStringLiteral("name"), QStringLiteral("Dockside")},
                        {QStringLiteral("version"), QStringLiteral(DOCKSIDE_VERSION)}};
}

} // namespace dockside::history
