// SPDX-License-Identifier: GPL-3.0-or-later

#include "base/latencytext.h"

#include <gtest/gtest.h>

using namespace dockside;

TEST(LatencyText, ShowsAsManyDecimalsAsTheMagnitudeNeeds)
{
    EXPECT_EQ(base::millisecondsText(0), QStringLiteral("0.00"));
    EXPECT_EQ(base::millisecondsText(42), QStringLiteral("0.04")) << "a quick mock answer is not 0";
    EXPECT_EQ(base::millisecondsText(999), QStringLiteral("1.00"));
    EXPECT_EQ(base::millisecondsText(3'240), QStringLiteral("3.2"));
    EXPECT_EQ(base::millisecondsText(120'900), QStringLiteral("120"));
    EXPECT_EQ(base::millisecondsText(6'000'000), QStringLiteral("6000"));
}

TEST(LatencyText, OneDecimalForFiguresReadAgainstAWholeMillisecondLimit)
{
    EXPECT_EQ(base::oneDecimalMilliseconds(12'000), QStringLiteral("12.0 ms"));
    EXPECT_EQ(base::oneDecimalMilliseconds(42), QStringLiteral("0.0 ms"));
    EXPECT_EQ(base::oneDecimalMilliseconds(5'100'000), QStringLiteral("5100.0 ms"));
}
