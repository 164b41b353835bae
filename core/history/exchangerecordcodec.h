// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "exchangerecord.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace dockside::history {

// A spool record's fields where they lie in its bytes, found without copying: the importer binds them straight
// into SQLite. Headers and the forwarded leg stay encoded, in the very layout the history's columns keep them.
// Text fields are UTF-8; a null field has no data pointer. Valid as long as the record's bytes are.
struct SpooledRecordView {
    Direction direction = Direction::Inbound;
    qint64 receivedAtUs = 0;
    QByteArrayView method;
    QByteArrayView target;
    QByteArrayView httpVersion;
    QByteArrayView requestHeaders; // encoded: count, then each name and value
    QByteArrayView requestBody;
    QByteArrayView peerAddress;
    quint16 peerPort = 0;
    qint64 headerBytes = 0;
    QByteArrayView url;
    QByteArrayView eventType;
    QByteArrayView callId;
    QByteArrayView callerNumber;
    QByteArrayView calledNumber;
    QByteArrayView signatureStatus;
    QByteArrayView signedString;
    int responseStatus = 0;
    QByteArrayView responseHeaders; // encoded as requestHeaders
    QByteArrayView responseBody;
    QByteArrayView templateId;
    QByteArrayView ruleId;
    QByteArrayView error;
    qint64 latencyUs = 0;
    std::optional<qint64> connectUs;
    std::optional<qint64> firstByteUs;
    QByteArrayView outcomeDisposition;
    QByteArrayView outcomeReason;
    QByteArrayView spokenFirst;
    QByteArrayView signatureDiagnosisCode;
    QByteArrayView signatureDiagnosis;
    QByteArrayView forwarded; // encodeForwardedLeg's bytes; null when the exchange was not relayed
    RelayMark relayMark = RelayMark::NotRelayed;
    QByteArrayView clockNote;

    ExchangeRecord toRecord() const;
};

// Nothing when the bytes are not a whole record of a format this build reads (a torn write, another version).
std::optional<SpooledRecordView> viewRecord(QByteArrayView bytes);

// A compact binary form of every field of a record, for the spool that makes an answer durable before SQLite has it.
QByteArray encodeRecord(const ExchangeRecord &record);
// The same appended to out, whose spare capacity the caller keeps between records.
void appendRecord(const ExchangeRecord &record, QByteArray *out);
// Nothing when the bytes are not a whole record of this format (a torn write, another version).
std::optional<ExchangeRecord> decodeRecord(QByteArrayView bytes);

// A relayed exchange's second leg on its own, as the history's tables keep it.
QByteArray encodeForwardedLeg(const ForwardedLeg &leg);
std::optional<ForwardedLeg> decodeForwardedLeg(QByteArrayView bytes);

} // namespace dockside::history
