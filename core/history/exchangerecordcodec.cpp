#include "exchangerecordcodec.h"

#include "bytecodec.h"

namespace dockside::history {

namespace {

constexpr quint8 kFormatVersion = 1;

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

// Optional durations travel as -1 when unknown; real ones are never negative.
std::optional<qint64> readOptional(detail::ByteReader &in)
{
    const qint64 value = in.i64();
    return value < 0 ? std::nullopt : std::optional<qint64>(value);
}

} // namespace

QByteArray encodeRecord(const ExchangeRecord &record)
{
    const base::CapturedRequest &request = record.request;
    QByteArray bytes;
    bytes.reserve(512 + request.body.size() + record.responseBody.size() + record.signedString.size());
    detail::ByteWriter out(&bytes);
    out.u8(kFormatVersion);
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
    return bytes;
}

std::optional<ExchangeRecord> decodeRecord(const QByteArray &bytes)
{
    detail::ByteReader in(bytes);
    if (in.u8() != kFormatVersion)
        return std::nullopt;
    ExchangeRecord record;
    base::CapturedRequest &request = record.request;
    record.direction = in.u8() != 0 ? Direction::Outbound : Direction::Inbound;
    request.receivedAtUs = in.i64();
    request.method = in.bytes();
    request.target = in.bytes();
    request.httpVersion = in.bytes();
    readHeaders(in, request.headers);
    request.body = in.bytes();
    request.peerAddress = in.text();
    request.peerPort = static_cast<quint16>(in.u32());
    request.headerBytes = in.i64();
    record.url = in.text();
    record.eventType = in.text();
    record.callId = in.text();
    record.callerNumber = in.text();
    record.calledNumber = in.text();
    record.signatureStatus = in.text();
    record.signedString = in.bytes();
    record.responseStatus = static_cast<int>(in.u32());
    readHeaders(in, record.responseHeaders);
    record.responseBody = in.bytes();
    record.templateId = in.text();
    record.ruleId = in.text();
    record.error = in.text();
    record.latencyUs = in.i64();
    record.connectUs = readOptional(in);
    record.firstByteUs = readOptional(in);
    record.outcomeDisposition = in.text();
    record.outcomeReason = in.text();
    record.spokenFirst = in.text();
    if (!in.ok() || !in.atEnd())
        return std::nullopt;
    return record;
}

} // namespace dockside::history
