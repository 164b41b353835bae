// SPDX-License-Identifier: GPL-3.0-or-later

#include "rules/condition.h"

#include "workspace/workspace.h"

#include "qtprinters.h"

#include <QJsonDocument>

#include <gtest/gtest.h>

namespace {

using dockside::rules::Condition;

QString describe(const char *json)
{
    QList<dockside::base::LoadError> errors;
    const std::optional<Condition> condition =
        Condition::fromJson(QJsonDocument::fromJson(json).object(), QStringLiteral("$"), errors);
    if (!condition)
        return QStringLiteral("error: ") + errors.value(0).message;
    return condition->describe();
}

TEST(ConditionDescribe, SaysEachKindInWords)
{
    EXPECT_EQ(describe(R"({"kind": "event", "equals": "assistant-request"})"),
              QStringLiteral("event type is \"assistant-request\""));
    EXPECT_EQ(describe(R"({"kind": "caller", "prefix": "+49 30"})"), QStringLiteral("caller starts with \"+4930\""));
    EXPECT_EQ(describe(R"({"kind": "caller", "in": ["+31 6 1234 5678", "+4930901820"]})"),
              QStringLiteral("caller is in the list [\"+31612345678\", \"+4930901820\"]"));
    EXPECT_EQ(describe(R"({"kind": "called", "regex": "^\\+31"})"), QStringLiteral("called number matches /^\\+31/"));
    EXPECT_EQ(describe(R"({"kind": "header", "name": "X-Tenant", "exists": true})"),
              QStringLiteral("header X-Tenant is present"));
    EXPECT_EQ(describe(R"({"kind": "json_pointer", "pointer": "/message/call/type", "equals": "web_call"})"),
              QStringLiteral("JSON pointer \"/message/call/type\" is \"web_call\""));
    EXPECT_EQ(describe(R"({"kind": "json_pointer", "pointer": "/message/assistant", "exists": true})"),
              QStringLiteral("JSON pointer \"/message/assistant\" exists"));
    EXPECT_EQ(describe(R"({"kind": "contact_known"})"), QStringLiteral("caller is in the contact book"));
    EXPECT_EQ(describe(R"({"kind": "contact_field", "field": "vip", "equals": true})"),
              QStringLiteral("contact vip is true"));
    EXPECT_EQ(describe(R"({"kind": "business_hours", "zone": "Europe/Amsterdam",
                           "hours": [{"days": ["mon", "fri"], "windows": ["09:00-17:30"]}]})"),
              QStringLiteral("within business hours (Mon, Fri 09:00-17:30, Europe/Amsterdam)"));
}

TEST(ConditionDescribe, NegationReadsNaturally)
{
    EXPECT_EQ(describe(R"({"kind": "business_hours", "negate": true, "zone": "UTC",
                           "hours": [{"days": ["sat"], "windows": ["10:00-14:00"]}]})"),
              QStringLiteral("outside business hours (Sat 10:00-14:00, UTC)"));
    EXPECT_EQ(describe(R"({"kind": "contact_known", "negate": true})"),
              QStringLiteral("caller is not in the contact book"));
    EXPECT_EQ(describe(R"({"kind": "event", "negate": true, "equals": "status-update"})"),
              QStringLiteral("not (event type is \"status-update\")"));
}

TEST(ConditionDescribe, ADefaultConditionDoesNotCrash)
{
    EXPECT_TRUE(Condition().describe().startsWith(QStringLiteral("event type")));
}

} // namespace
