// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/eventstamper.h"
#include "contract/callevent.h"
#include "qtprinters.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <QUuid>

#include <gtest/gtest.h>

using namespace dockside;

namespace {

QByteArray builtBody(contract::EventOptions options, const QByteArray &callId, const QDateTime &time)
{
    options.callId = QString::fromLatin1(callId);
    options.timestamp = time;
    return contract::serializeEvent(contract::buildEventPayload(options));
}

} // namespace

TEST(EventStamper, AStampedBodyIsWhatBuildingTheEventGives)
{
    contract::EventOptions webCall;
    webCall.callType = contract::CallType::WebCall;
    contract::EventOptions statusUpdate;
    statusUpdate.type = contract::EventType::StatusUpdate;
    statusUpdate.customerNumber = QStringLiteral("+4915112345678");
    for (const contract::EventOptions &event : {contract::EventOptions {}, webCall, statusUpdate}) {
        const composer::EventStamper stamper(event);
        ASSERT_TRUE(stamper.isUsable()) << contract::eventTypeName(event.type).toStdString();
        composer::TimestampClock clock;
        for (int i = 0; i < 5; ++i) {
            const QByteArray callId = composer::freshCallId();
            const QByteArray timestamp = clock.now();
            const QDateTime time = QDateTime::fromString(QString::fromLatin1(timestamp), Qt::ISODateWithMs);
            ASSERT_TRUE(time.isValid()) << timestamp.toStdString();
            EXPECT_EQ(stamper.stamp(callId, timestamp), builtBody(event, callId, time));
        }
    }
}

TEST(EventStamper, IsNotUsedWhenOtherPartsChangeFromBuildToBuild)
{
    // A tool call without an id gets a fresh one in every build: stamping would repeat the first.
    contract::EventOptions toolCalls;
    toolCalls.type = contract::EventType::ToolCalls;
    toolCalls.toolCalls.append(contract::ToolCall {});
    toolCalls.toolCalls.last().functionName = QStringLiteral("book_appointment");
    const composer::EventStamper stamper(toolCalls);
    EXPECT_FALSE(stamper.isUsable());
    EXPECT_TRUE(stamper.stamp(composer::freshCallId(), composer::TimestampClock().now()).isEmpty());
}

TEST(EventStamper, TheClockWritesTheTimeAsTheEventBuilderDoes)
{
    composer::TimestampClock clock;
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const QByteArray now = clock.now();
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    const QDateTime parsed = QDateTime::fromString(QString::fromLatin1(now), Qt::ISODateWithMs);
    ASSERT_TRUE(parsed.isValid()) << now.toStdString();
    EXPECT_GE(parsed.toMSecsSinceEpoch(), before);
    EXPECT_LE(parsed.toMSecsSinceEpoch(), after);
    EXPECT_EQ(now, contract::isoTimestamp(parsed).toLatin1());
}

TEST(EventStamper, CallIdsAreFreshVersionFourUuids)
{
    const QRegularExpression v4(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    QSet<QByteArray> seen;
    for (int i = 0; i < 1000; ++i) {
        const QByteArray id = composer::freshCallId();
        EXPECT_TRUE(v4.match(QString::fromLatin1(id)).hasMatch()) << id.toStdString();
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 1000);
}
