// SPDX-License-Identifier: GPL-3.0-or-later

#include "contract/defaultassistant.h"
#include "fixtures.h"
#include "qtprinters.h"
#include "templates/templateoutcome.h"
#include "workspace/workspace.h"

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::OutcomeTone;

namespace {

workspace::ResponseTemplate sampleTemplate(const QString &id)
{
    const workspace::Workspace sample = seedAnswersWorkspace();
    for (const workspace::ResponseTemplate &responseTemplate : sample.templates) {
        if (responseTemplate.id == id)
            return responseTemplate;
    }
    ADD_FAILURE() << "no sample template " << id.toStdString();
    return {};
}

ui::TemplateOutcome outcomeOf(const workspace::ResponseTemplate &responseTemplate)
{
    return ui::describeTemplateOutcome(responseTemplate, contract::builtinDefaultAssistant());
}

} // namespace

TEST(TemplateOutcome, EmptyAnswerUsesTheDefaultAssistant)
{
    const ui::TemplateOutcome result = outcomeOf(sampleTemplate(QStringLiteral("default")));
    EXPECT_EQ(result.tone, OutcomeTone::DefaultAssistant);
    EXPECT_EQ(result.outcome.reason, contract::Reason::Default);
    EXPECT_TRUE(result.headline.startsWith(QStringLiteral("Answered by the default assistant (default): greeting “")))
        << result.headline.toStdString();
}

TEST(TemplateOutcome, PersonalGreetingIsAnOverride)
{
    const ui::TemplateOutcome result = outcomeOf(sampleTemplate(QStringLiteral("personalize-greeting")));
    EXPECT_EQ(result.tone, OutcomeTone::Overrides);
    EXPECT_EQ(result.headline,
              QStringLiteral("Answered with overrides (override): greeting “Hello John, great to hear from you! How "
                             "can I help?”"));
    EXPECT_TRUE(result.detail.contains(QStringLiteral("first_message"))) << result.detail.toStdString();
}

TEST(TemplateOutcome, ErrorRejectsWithTheSpokenMessage)
{
    const ui::TemplateOutcome result = outcomeOf(sampleTemplate(QStringLiteral("reject")));
    EXPECT_EQ(result.tone, OutcomeTone::Rejected);
    EXPECT_EQ(result.headline,
              QStringLiteral("Rejected: “Sorry, we are currently closed. Please call back during business hours.”"));
}

TEST(TemplateOutcome, ServerErrorFallsBackToTheDefault)
{
    workspace::ResponseTemplate failing = sampleTemplate(QStringLiteral("personalize-greeting"));
    failing.status = 500;
    const ui::TemplateOutcome result = outcomeOf(failing);
    EXPECT_EQ(result.tone, OutcomeTone::Problem);
    EXPECT_EQ(result.outcome.reason, contract::Reason::HttpStatus);
    EXPECT_TRUE(result.headline.contains(QStringLiteral("(http_status)"))) << result.headline.toStdString();
}

TEST(TemplateOutcome, DelayPastTheDeadlineTimesOut)
{
    workspace::ResponseTemplate slow = sampleTemplate(QStringLiteral("reject"));
    slow.delayMs = static_cast<int>(contract::kAssistantRequestDeadlineMs) + 1000;
    const ui::TemplateOutcome result = outcomeOf(slow);
    EXPECT_EQ(result.tone, OutcomeTone::Problem);
    EXPECT_EQ(result.outcome.reason, contract::Reason::Timeout);
    EXPECT_TRUE(result.detail.contains(QStringLiteral("deadline"))) << result.detail.toStdString();
}

TEST(TemplateOutcome, FaultsShowWhatThePlatformWouldDo)
{
    workspace::ResponseTemplate greeting = sampleTemplate(QStringLiteral("personalize-greeting"));
    greeting.fault = workspace::Fault::Hang;
    EXPECT_EQ(outcomeOf(greeting).outcome.reason, contract::Reason::Timeout);
    greeting.fault = workspace::Fault::CloseWithoutAnswer;
    EXPECT_EQ(outcomeOf(greeting).outcome.reason, contract::Reason::Unreachable);
    greeting.fault = workspace::Fault::BrokenJson;
    EXPECT_EQ(outcomeOf(greeting).outcome.reason, contract::Reason::InvalidJson);
    EXPECT_EQ(outcomeOf(greeting).tone, OutcomeTone::Problem);
}

TEST(TemplateOutcome, RawTextBodyIsInvalidJson)
{
    workspace::ResponseTemplate raw;
    raw.id = QStringLiteral("raw");
    raw.bodyIsJson = false;
    raw.body = "OK";
    const ui::TemplateOutcome result = outcomeOf(raw);
    EXPECT_EQ(result.tone, OutcomeTone::Problem);
    EXPECT_EQ(result.outcome.reason, contract::Reason::InvalidJson);
    EXPECT_TRUE(result.detail.contains(QStringLiteral("Violations: 1."))) << result.detail.toStdString();
}
