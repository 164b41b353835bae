// SPDX-License-Identifier: GPL-3.0-or-later

#include "eventstamper.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTimeZone>
#include <QUuid>

#include <array>
#include <cstring>

namespace dockside::composer {

namespace {

// The single place of needle in haystack, or -1 when it is absent or there twice.
qsizetype onlyPlaceOf(const QByteArray &haystack, const QByteArray &needle)
{
    const qsizetype first = haystack.indexOf(needle);
    return first >= 0 && haystack.indexOf(needle, first + 1) < 0 ? first : -1;
}

} // namespace

EventStamper::EventStamper(const contract::EventOptions &event)
{
    // Two builds with values that share no digits: whatever else differs between them is not stamped.
    const std::array<QString, 2> ids {QStringLiteral("11111111-2222-4333-8444-555555555555"),
                                      QStringLiteral("aaaaaaaa-bbbb-4ccc-9ddd-eeeeeeeeeeee")};
    const std::array<QDateTime, 2> times {QDateTime(QDate(2001, 2, 3), QTime(4, 5, 6, 789), QTimeZone::utc()),
                                          QDateTime(QDate(2019, 8, 7), QTime(16, 15, 14, 321), QTimeZone::utc())};
    std::array<QByteArray, 2> bodies;
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        contract::EventOptions options = event;
        options.callId = ids.at(i);
        options.timestamp = times.at(i);
        bodies.at(i) = contract::serializeEvent(contract::buildEventPayload(options));
    }
    const QByteArray id = ids.at(0).toLatin1();
    const QByteArray timestamp = contract::isoTimestamp(times.at(0)).toLatin1();
    m_body = bodies.at(0);
    m_idOffset = onlyPlaceOf(m_body, id);
    m_idSize = id.size();
    m_timestampOffset = onlyPlaceOf(m_body, timestamp);
    m_timestampSize = timestamp.size();
    if (m_idOffset < 0 || m_timestampOffset < 0 ||
        stamp(ids.at(1).toLatin1(), contract::isoTimestamp(times.at(1)).toLatin1()) != bodies.at(1))
        m_idOffset = -1;
}

QByteArray EventStamper::stamp(const QByteArray &callId, const QByteArray &timestamp) const
{
    if (m_idOffset < 0 || m_timestampOffset < 0 || callId.size() != m_idSize || timestamp.size() != m_timestampSize)
        return {};
    QByteArray body = m_body;
    char *bytes = body.data();
    std::memcpy(bytes + m_idOffset, callId.constData(), static_cast<std::size_t>(callId.size()));
    std::memcpy(bytes + m_timestampOffset, timestamp.constData(), static_cast<std::size_t>(timestamp.size()));
    return body;
}

QByteArray TimestampClock::now()
{
    const qint64 msecs = QDateTime::currentMSecsSinceEpoch();
    const qint64 second = msecs / 1000;
    if (second != m_second) {
        m_text = contract::isoTimestamp(QDateTime::fromSecsSinceEpoch(second, QTimeZone::utc())).toLatin1();
        m_second = second;
    }
    // "....ss.zzzZ": the three digits before the zone.
    const auto millis = static_cast<int>(msecs % 1000);
    const qsizetype at = m_text.size() - 4;
    m_text[at] = static_cast<char>('0' + millis / 100);
    m_text[at + 1] = static_cast<char>('0' + millis / 10 % 10);
    m_text[at + 2] = static_cast<char>('0' + millis % 10);
    return m_text;
}

QByteArray freshCallId()
{
    std::array<quint32, 4> words {};
    QRandomGenerator::global()->fillRange(words.data(), static_cast<qsizetype>(words.size()));
    QByteArray bytes(reinterpret_cast<const char *>(words.data()), 16);
    bytes[6] = static_cast<char>((bytes.at(6) & 0x0F) | 0x40); // version 4
    bytes[8] = static_cast<char>((bytes.at(8) & 0x3F) | 0x80); // RFC 4122 variant
    return QUuid::fromRfc4122(bytes).toByteArray(QUuid::WithoutBraces);
}

} // namespace dockside::composer
