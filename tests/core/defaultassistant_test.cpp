// SPDX-License-Identifier: GPL-3.0-or-later

#include "contract/defaultassistant.h"

#include "qtprinters.h"

#include <gtest/gtest.h>

namespace {

using namespace dockside::contract;

QJsonObject withProvider(const QString &provider)
{
    QJsonObject assistant = builtinDefaultAssistant();
    QJsonObject llm = assistant.value(QStringLiteral("llm_config")).toObject();
    llm.insert(QStringLiteral("provider"), provider);
    assistant.insert(QStringLiteral("llm_config"), llm);
    return assistant;
}

bool hasError(const Findings &findings)
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [](const Finding &finding) { return finding.severity == Severity::Error; });
}

TEST(DefaultAssistant, EveryKnownProviderPassesTheSchema)
{
    const QStringList providers = knownLlmProviders();
    ASSERT_EQ(providers.size(), 4);
    EXPECT_EQ(providers.first(), QStringLiteral("openai"));
    for (const QString &provider : providers)
        EXPECT_FALSE(hasError(validateDefaultAssistant(withProvider(provider)))) << provider.toStdString();
}

// CONTRACT.md §3: providers earlier SDKs listed are accepted with a warning that v1.0.1 dropped them.
TEST(DefaultAssistant, AStaleProviderIsAWarningNotAnError)
{
    for (const QString &provider : staleLlmProviders()) {
        const Findings findings = validateDefaultAssistant(withProvider(provider));
        EXPECT_FALSE(hasError(findings)) << provider.toStdString();
        ASSERT_EQ(findings.size(), 1) << provider.toStdString();
        EXPECT_EQ(findings.first().path, QStringLiteral("$.llm_config.provider"));
        EXPECT_TRUE(findings.first().message.contains(QLatin1String("current SDK")));
    }
}

TEST(DefaultAssistant, AnUnknownProviderIsAnErrorAtItsPath)
{
    const Findings findings = validateDefaultAssistant(withProvider(QStringLiteral("anthropic")));
    ASSERT_TRUE(hasError(findings));
    EXPECT_EQ(findings.first().path, QStringLiteral("$.llm_config.provider"));
}

TEST(DefaultAssistant, TheBuiltInOneIsValid)
{
    EXPECT_TRUE(validateDefaultAssistant(builtinDefaultAssistant()).isEmpty());
}

} // namespace
