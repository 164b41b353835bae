// SPDX-License-Identifier: GPL-3.0-or-later

#include "exchangerecordcodec.h"

#include "bytecodec.h"

namespace dockside::history {

namespace {

// 2 adds the signature diagnosis; 3 adds a relayed exchange's second leg at the end, written only when there is one.
// Spool files of format 1, left by a killed older process, still decode.
constexpr quint8 kFormatVersion = 2;
constexpr quint8 kFormatVersionWithLeg = 3;
// With a clock note: a flag for the leg, then the note. Records without one keep the formats older readers know.
constexpr quint8 kFormatVersionWithClock = 4;
constexpr quint8 kLegFormatVersion = 1;

void writeHeaders(detail::ByteWriter &out, const base::HeaderList &headers)
{
    out.u32(static_cast<quint32>(headers.size()));
    for (const auto &[name, value] : headers) {
        out.bytes(name);
        out.bytes(value);
    }
}

void readHeaders(detail::ByteReader &in, base::HeaderList &headers)
{
    const quint32 count = in.u32();
    for (quint32 i = 0; i < count && in.ok(); ++i) {
        QByteArray name = in.bytes();
        QByteArray value = in.bytes();
        headers.append(QPair<QByteArray, QByteArray>(std::move(name), std::move(value)));
    }
}

// The encoded list as it lies in the input, checked whole but not copied.
QByteArrayView viewHeaders(detail::ByteReader &in)
{
    const qsizetype start = in.position();
    const quint32 count = in.u32();
    for (quint32 i = 0; i < count && in.ok(); ++i) {
        in.view();
        in.view();
    }
    return in.ok() ? in.since(start) : QByteArrayView();
}

base::HeaderList headersOf(QByteArrayView encoded)
{
    base::HeaderList headers;
    detail::ByteReader in(encoded);
    readHeaders(in, headers);
    return headers;
}

// Optional durations travel as -1 when unknown; real ones are never negative.
std::optional<qint64> readOptional(detail::ByteReader &in)
{
    const qint64 value = in.i64();
    return value < 0 ? std::nullopt : std::optional<qint64>(value);
}

void writeLeg(detail::ByteWriter &out, const ForwardedLeg &leg)
{
    out.u8(kLegFormatVersion);
    out.text(leg.upstreamUrl);
    writeHeaders(out, leg.requestHeaders);
    out.u8(leg.resigned ? 1 : 0);
    out.u32(static_cast<quint32>(leg.responseStatus));
    out.bytes(leg.reasonPhrase);
    writeHeaders(out, leg.responseHeaders);
    out.bytes(leg.responseBody);
    out.i64(leg.connectUs.value_or(-1));
    out.i64(leg.firstByteUs.value_or(-1));
    out.i64(leg.sentAfterUs);
    out.i64(leg.finishedAfterUs);
    out.i64(leg.deadlineMs);
    out.text(leg.error);
    out.text(leg.verdict);
    out.text(leg.lateAnswer);
    out.u8(leg.fallbackAnswered ? 1 : 0);
}

std::optional<ForwardedLeg> readLeg(detail::ByteReader &in)
{
    if (in.u8() != kLegFormatVersion)
        return std::nullopt;
    ForwardedLeg leg;
    leg.upstreamUrl = in.text();
    readHeaders(in, leg.requestHeaders);
    leg.resigned = in.u8() != 0;
    leg.responseStatus = static_cast<int>(in.u32());
    leg.reasonPhrase = in.bytes();
    readHeaders(in, leg.responseHeaders);
    leg.responseBody = in.bytes();
    leg.connectUs = readOptional(in);
    leg.firstByteUs = readOptional(in);
    leg.sentAfterUs = in.i64();
    leg.finishedAfterUs = in.i64();
    leg.deadlineMs = in.i64();
    leg.error = in.text();
    leg.verdict = in.text();
    leg.lateAnswer = in.text();
    leg.fallbackAnswered = in.u8() != 0;
    if (!in.ok())
        return std::nullopt;
    return leg;
}

// The leg's bytes as they lie in the input and its relay mark. Read whole by readLeg, the layout's one reader: only
// relayed exchanges have a leg, and the copy's importer is off the request path.
QByteArrayView viewLeg(detail::ByteReader &in, RelayMark *mark)
{
    const qsizetype start = in.position();
    const std::optional<ForwardedLeg> leg = readLeg(in);
    if (!leg)
        return {};
    *mark = leg->fallbackAnswered ? RelayMark::FallbackAnswered : RelayMark::Relayed;
    return in.since(start);
}

QString textOf(QByteArrayView utf8)
{
    return utf8.isNull() ? QString() : QString::fromUtf8(utf8);
}

} // namespace

QByteArray encodeForwardedLeg(const ForwardedLeg &leg)
{
    QByteArray bytes;
    detail::ByteWriter out(&bytes);
    writeLeg(out, leg);
    return bytes;
}

std::optional<ForwardedLeg> decodeForwardedLeg(QByteArrayView bytes)
{
    detail::ByteReader in(bytes);
    std::optional<ForwardedLeg> leg = readLeg(in);
    if (!leg || !in.atEnd())
        return std::nullopt;
    return leg;
}

QByteArray encodeRecord(const ExchangeRecord &record)
{
    QByteArray bytes;
    appendRecord(record, &bytes);
    return bytes;
}

void appendRecord(const ExchangeRecord &record, QByteArray *bytes)
{
    const base::CapturedRequest &request = record.request;
    bytes->reserve(bytes->size() + 1024 + request.body.size() + record.responseBody.size() +
                   record.signedString.size());
    detail::ByteWriter out(bytes);
    const quint8 version = !record.clockNote.isEmpty() ? kFormatVersionWithClock
        : record.forwarded                             ? kFormatVersionWithLeg
                                                       : kFormatVersion;
    out.u8(version);
    out.u8(record.direction == Direction::Outbound ? 1 : 0);
    out.i64(request.receivedAtUs);
    out.bytes(request.method);
    out.bytes(request.target);
    out.bytes(request.httpVersion);
    writeHeaders(out, request.headers);
    out.bytes(request.body);
    out.text(request.peerAddress);
    out.u32(request.peerPort);
    out.i64(request.headerBytes);
    out.text(record.url);
    out.text(record.eventType);
    out.text(record.callId);
    out.text(record.callerNumber);
    out.text(record.calledNumber);
    out.text(record.signatureStatus);
    out.bytes(record.signedString);
    out.u32(static_cast<quint32>(record.responseStatus));
    writeHeaders(out, record.responseHeaders);
    out.bytes(record.responseBody);
    out.text(record.templateId);
    out.text(record.ruleId);
    out.text(record.error);
    out.i64(record.latencyUs);
    out.i64(record.connectUs.value_or(-1));
    out.i64(record.firstByteUs.value_or(-1));
    out.text(record.outcomeDisposition);
    out.text(record.outcomeReason);
    out.text(record.spokenFirst);
    out.text(record.signatureDiagnosisCode);
    out.text(record.signatureDiagnosis);
    if (version == kFormatVersionWithClock)
        out.u8(record.forwarded ? 1 : 0);
    if (record.forwarded)
        writeLeg(out, *record.forwarded);
    if (version == kFormatVersionWithClock)
        out.text(record.clockNote);
}

std::optional<SpooledRecordView> viewRecord(QByteArrayView bytes)
{
    detail::ByteReader in(bytes);
    const quint8 version = in.u8();
    if (version != kFormatVersion && version != kFormatVersionWithLeg && version != kFormatVersionWithClock &&
        version != 1)
        return std::nullopt;
    SpooledRecordView record;
    record.direction = in.u8() != 0 ? Direction::Outbound : Direction::Inbound;
    record.receivedAtUs = in.i64();
    record.method = in.view();
    record.target = in.view();
    record.httpVersion = in.view();
    record.requestHeaders = viewHeaders(in);
    record.requestBody = in.view();
    record.peerAddress = in.view();
    record.peerPort = static_cast<quint16>(in.u32());
    record.headerBytes = in.i64();
    record.url = in.view();
    record.eventType = in.view();
    record.callId = in.view();
    record.callerNumber = in.view();
    record.calledNumber = in.view();
    record.signatureStatus = in.view();
    record.signedString = in.view();
    record.responseStatus = static_cast<int>(in.u32());
    record.responseHeaders = viewHeaders(in);
    record.responseBody = in.view();
    record.templateId = in.view();
    record.ruleId = in.view();
    record.error = in.view();
    record.latencyUs = in.i64();
    record.connectUs = readOptional(in);
    record.firstByteUs = readOptional(in);
    record.outcomeDisposition = in.view();
    record.outcomeReason = in.view();
    record.spokenFirst = in.view();
    if (version >= 2) {
        record.signatureDiagnosisCode = in.view();
        record.signatureDiagnosis = in.view();
    }
    if (version == kFormatVersionWithLeg || (version == kFormatVersionWithClock && in.u8() != 0)) {
        record.forwarded = viewLeg(in, &record.relayMark);
        if (record.forwarded.isNull())
            return std::nullopt;
    }
    if (version == kFormatVersionWithClock)
        record.clockNote = in.view();
    if (!in.ok() || !in.atEnd())
        return std::nullopt;
    return record;
}

ExchangeRecord SpooledRecordView::toRecord() const
{
    using detail::ByteReader;
    ExchangeRecord record;
    base::CapturedRequest &request = record.request;
    record.direction = direction;
    request.receivedAtUs = receivedAtUs;
    request.method = ByteReader::materialize(method);
    request.target = ByteReader::materialize(target);
    request.httpVersion = ByteReader::materialize(httpVersion);
    request.headers = headersOf(requestHeaders);
    request.body = ByteReader::materialize(requestBody);
    request.peerAddress = textOf(peerAddress);
    request.peerPort = peerPort;
    request.headerBytes = headerBytes;
    record.url = textOf(url);
    record.eventType = textOf(eventType);
    record.callId = textOf(callId);
    record.callerNumber = textOf(callerNumber);
    record.calledNumber = textOf(calledNumber);
    record.signatureStatus = textOf(signatureStatus);
    record.signedString = ByteReader::materialize(signedString);
    record.responseStatus = responseStatus;
    record.responseHeaders = headersOf(responseHeaders);
    record.responseBody = ByteReader::materialize(responseBody);
    record.templateId = textOf(templateId);
    record.ruleId = textOf(ruleId);
    record.error = textOf(error);
    record.latencyUs = latencyUs;
    record.connectUs = connectUs;
    record.firstByteUs = firstByteUs;
    record.outcomeDisposition = textOf(outcomeDisposition);
    record.outcomeReason = textOf(outcomeReason);
    record.spokenFirst = textOf(spokenFirst);
    record.signatureDiagnosisCode = textOf(signatureDiagnosisCode);
    record.signatureDiagnosis = textOf(signatureDiagnosis);
    if (!forwarded.isNull())
        record.forwarded = decodeForwardedLeg(forwarded); // viewRecord has walked it whole
    record.clockNote = textOf(clockNote);
    return record;
}

std::optional<ExchangeRecord> decodeRecord(QByteArrayView bytes)
{
    const std::optional<SpooledRecordView> view = viewRecord(bytes);
    if (!view)
        return std::nullopt;
    return view->toRecord();
}

} // namespace dockside::history
