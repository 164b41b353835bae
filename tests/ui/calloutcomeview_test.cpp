// SPDX-License-Identifier: GPL-3.0-or-later

#include "exchange/difffiltermodel.h"
#include "exchange/difftablemodel.h"
#include "history/exchangechecks.h"
#include "loopbackexchanges.h"
#include "outcome/calloutcomeview.h"
#include "outcome/callstrip.h"
#include "outcome/findingsmodel.h"
#include "outcome/outcomestyle.h"
#include "outcome/speechbubble.h"
#include "qtprinters.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFormLayout>
#include <QImage>
#include <QJsonDocument>
#include <QLabel>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QTabWidget>
#include <QTextBrowser>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::CallOutcomeView;

namespace {

QJsonObject defaultAssistant()
{
    return contract::builtinDefaultAssistant();
}

// The outcome of a real exchange, recomputed from the composer's record as the detail view does. A hanging webhook
// gets a 400 ms deadline so the test does not wait five seconds.
contract::CallOutcome outcomeFor(const QString &caller)
{
    loopback::Loopback loopback;
    composer::SendOptions options = loopback.options(caller);
    options.deadlineMs = caller == loopback::kHangCaller ? 400 : 5000;
    const loopback::Exchanges exchanges = loopback.send(options, loopback::Wait::ForSender);
    const auto outcome = history::recordedOutcome(exchanges.sent.record, defaultAssistant(), *options.deadlineMs);
    EXPECT_TRUE(outcome.has_value()) << caller.toStdString();
    EXPECT_EQ(outcome.value_or(contract::CallOutcome {}).reason, exchanges.sent.outcome->reason);
    return outcome.value_or(contract::CallOutcome {});
}

template<typename T> T *child(const QWidget &parent, const char *name)
{
    T *found = parent.findChild<T *>(QString::fromLatin1(name));
    EXPECT_NE(found, nullptr) << name;
    return found;
}

QString labelText(const QWidget &parent, const char *name)
{
    const QLabel *label = child<QLabel>(parent, name);
    return label != nullptr ? label->text() : QString();
}

// Every row of a model as "field|change|left|right".
QStringList diffRows(const QAbstractItemModel &model)
{
    QStringList rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        for (const int column : {ui::DiffTableModel::FieldColumn, ui::DiffTableModel::ChangeColumn,
                                 ui::DiffTableModel::LeftColumn, ui::DiffTableModel::RightColumn})
            cells.append(model.index(row, column).data().toString());
        rows.append(cells.join(QLatin1Char('|')));
    }
    return rows;
}

QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    return dark;
}

} // namespace

TEST(CallOutcomeView, ShowsThePlaceholderTheCallerGives)
{
    CallOutcomeView view;
    view.setPlaceholderText(QStringLiteral("No outcome: not an assistant-request."));
    view.clear();
    EXPECT_FALSE(view.hasOutcome());
    EXPECT_EQ(labelText(view, "outcomePlaceholder"), QStringLiteral("No outcome: not an assistant-request."));
    const auto *stack = view.findChild<QStackedWidget *>();
    ASSERT_NE(stack, nullptr);
    EXPECT_EQ(stack->currentWidget()->objectName(), QStringLiteral("outcomePlaceholder"));
}

TEST(CallOutcomeView, AnAnsweredOverrideShowsTheGreetingModelLimitAndDifferences)
{
    const contract::CallOutcome outcome = outcomeFor(loopback::kKnownCaller);
    ASSERT_EQ(outcome.reason, contract::Reason::Override);
    CallOutcomeView view;
    view.resize(900, 640);
    view.setOutcome(outcome, defaultAssistant());
    ASSERT_TRUE(view.hasOutcome());

    EXPECT_EQ(labelText(view, "outcomeHeadline"), QStringLiteral("Answered with overrides"));
    EXPECT_EQ(labelText(view, "outcomeSource"), QStringLiteral("override · [seed]"));
    EXPECT_EQ(labelText(view, "spokenText"), QStringLiteral("“Hello John Smith, good to hear from you!”"));
    EXPECT_EQ(labelText(view, "spokenCaption"), QStringLiteral("The caller hears first:"));
    EXPECT_EQ(labelText(view, "outcomeModel"), QStringLiteral("openai / gpt-4o, temperature 0.4"));
    EXPECT_EQ(labelText(view, "outcomeDurationLimit"), QStringLiteral("600 s (10 min)"));
    EXPECT_TRUE(labelText(view, "outcomeLatency").endsWith(QStringLiteral("ms of the 5000 ms deadline")));
    EXPECT_EQ(labelText(view, "outcomeAnalysis"), QStringLiteral("off"));
    EXPECT_EQ(child<ui::SpeechBubble>(view, "speechBubble")->tone(), ui::OutcomeTone::Overrides);

    const QStringList stages = child<ui::CallStrip>(view, "callStrip")->stageTexts();
    ASSERT_EQ(stages.size(), 3);
    EXPECT_EQ(stages.at(0), QStringLiteral("Ringing"));
    EXPECT_TRUE(stages.at(1).startsWith(QStringLiteral("Webhook: "))) << stages.at(1).toStdString();
    EXPECT_TRUE(stages.at(1).endsWith(QStringLiteral(" ms of the 5 s deadline"))) << stages.at(1).toStdString();
    EXPECT_EQ(stages.at(2), QStringLiteral("Answered with overrides: 2 changes to the default"));

    EXPECT_EQ(labelText(view, "changesSummary"),
              QStringLiteral("2 changes against the default: $.first_message, $.llm_config.model"));
    const auto *table = child<QTableView>(view, "assistantTable");
    const QStringList rows = diffRows(*table->model());
    EXPECT_TRUE(rows.contains(QStringLiteral("/first_message|changed|\"Goedendag, u spreekt met HMS Sovereign. "
                                             "Waarmee kan ik u helpen?\"|\"Hello John Smith, good to hear from "
                                             "you!\"")))
        << rows.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(rows.contains(QStringLiteral("/llm_config/model|changed|\"gpt-4o-mini\"|\"gpt-4o\"")));
    EXPECT_TRUE(rows.contains(QStringLiteral("/llm_config/provider||\"openai\"|\"openai\"")));

    // Only the differences, on request.
    child<QCheckBox>(view, "assistantOnlyDifferences")->setChecked(true);
    EXPECT_EQ(table->model()->rowCount(), 2);
}

TEST(CallOutcomeView, ARejectionShowsTheSpokenMessageInRed)
{
    const contract::CallOutcome outcome = outcomeFor(loopback::kRejectedCaller);
    ASSERT_EQ(outcome.disposition, contract::Disposition::Rejected);
    CallOutcomeView view;
    view.setOutcome(outcome, defaultAssistant());

    EXPECT_EQ(labelText(view, "outcomeHeadline"), QStringLiteral("Rejected"));
    EXPECT_EQ(labelText(view, "spokenText"), QStringLiteral("“Sorry, we are closed. Please call back tomorrow.”"));
    EXPECT_EQ(labelText(view, "spokenCaption"), QStringLiteral("The caller hears, then the call ends:"));
    const auto *bubble = child<ui::SpeechBubble>(view, "speechBubble");
    EXPECT_EQ(bubble->tone(), ui::OutcomeTone::Rejected);
    const QColor red = ui::toneColors(ui::OutcomeTone::Rejected, view.palette()).text;
    const QLabel *headline = child<QLabel>(view, "outcomeHeadline");
    EXPECT_EQ(headline->palette().color(headline->foregroundRole()), red);
    EXPECT_GT(red.red(), red.green() + 60);

    // No assistant runs: no model, limit or analysis, and the comparison says why.
    const auto *facts = view.findChild<QFormLayout *>();
    ASSERT_NE(facts, nullptr);
    EXPECT_FALSE(facts->isRowVisible(child<QLabel>(view, "outcomeModel")));
    EXPECT_TRUE(facts->isRowVisible(child<QLabel>(view, "outcomeLatency")));
    EXPECT_TRUE(labelText(view, "assistantNote").startsWith(QStringLiteral("The call is rejected")));
    // The ignored "assistant" key is a warning, labelled as the core labels it.
    const auto *findings = child<QTableView>(view, "findingsTable");
    ASSERT_EQ(findings->model()->rowCount(), static_cast<int>(outcome.warnings.size()));
    ASSERT_GE(findings->model()->rowCount(), 1);
    EXPECT_EQ(findings->model()->index(0, ui::FindingsModel::PathColumn).data().toString(),
              QStringLiteral("$.assistant"));
    EXPECT_EQ(findings->model()->index(0, ui::FindingsModel::SourceColumn).data().toString(),
              contract::sourceLabel(outcome.warnings.first().source));
    EXPECT_EQ(child<ui::CallStrip>(view, "callStrip")->stageTexts().last(),
              QStringLiteral("Rejected: message, then hang-up"));
}

TEST(CallOutcomeView, ATimeoutFallsBackToTheDefaultWithTheReasonInWords)
{
    // A sender that waits 400 ms for a webhook that hangs: the real timeout path, quickly.
    loopback::Loopback loopback;
    composer::SendOptions options = loopback.options(loopback::kHangCaller);
    options.deadlineMs = 400;
    const loopback::Exchanges exchanges = loopback.send(options, loopback::Wait::ForSender);
    ASSERT_TRUE(exchanges.sent.outcome);
    const auto outcome = history::recordedOutcome(exchanges.sent.record, defaultAssistant(), 400);
    ASSERT_TRUE(outcome);
    ASSERT_EQ(outcome->reason, contract::Reason::Timeout);

    CallOutcomeView view;
    view.setOutcome(*outcome, defaultAssistant());
    EXPECT_EQ(labelText(view, "outcomeHeadline"), QStringLiteral("Default assistant: timeout"));
    EXPECT_EQ(labelText(view, "outcomeSource"), QStringLiteral("timeout · [seed]"));
    EXPECT_TRUE(
        labelText(view, "outcomeExplanation").startsWith(QStringLiteral("No complete answer within the 400 ms")));
    EXPECT_EQ(labelText(view, "spokenText"),
              QStringLiteral("“Goedendag, u spreekt met HMS Sovereign. Waarmee kan ik u helpen?”"));
    EXPECT_EQ(labelText(view, "outcomeModel"), QStringLiteral("openai / gpt-4o-mini, temperature 0.4"));
    EXPECT_EQ(labelText(view, "outcomeRecognition"), QStringLiteral("Deepgram nova-3, Dutch (nl)"));
    EXPECT_TRUE(labelText(view, "outcomeVoice").startsWith(QStringLiteral("ElevenLabs voice ")));
    EXPECT_EQ(labelText(view, "outcomeTools"), QStringLiteral("none"));
    EXPECT_TRUE(labelText(view, "outcomeVoicemail").startsWith(QStringLiteral("detected: leaves")));
    EXPECT_EQ(labelText(view, "outcomeSilence"), QStringLiteral("the assistant acts on its own after 20 s of silence"));
    EXPECT_EQ(labelText(view, "changesSummary"), QStringLiteral("The default assistant answers, unchanged."));
    EXPECT_EQ(child<ui::SpeechBubble>(view, "speechBubble")->tone(), ui::OutcomeTone::Problem);
    const QStringList stages = child<ui::CallStrip>(view, "callStrip")->stageTexts();
    EXPECT_TRUE(stages.at(1).startsWith(QStringLiteral("Webhook: timeout after "))) << stages.at(1).toStdString();
    EXPECT_TRUE(stages.at(1).endsWith(QStringLiteral("of the 400 ms deadline"))) << stages.at(1).toStdString();
    EXPECT_EQ(stages.at(2), QStringLiteral("Default assistant: timeout"));
}

TEST(CallOutcomeView, OverridesThatAllEqualTheDefaultSaySoInTheHeadline)
{
    contract::OutcomeInput input;
    input.defaultAssistant = defaultAssistant();
    input.exchange.body =
        QJsonDocument(
            QJsonObject {{QStringLiteral("assistant"),
                          QJsonObject {{QStringLiteral("first_message"), defaultAssistant().value(u"first_message")}}}})
            .toJson();
    CallOutcomeView view;
    view.setOutcome(contract::computeOutcome(input), defaultAssistant());
    EXPECT_EQ(labelText(view, "outcomeHeadline"), QStringLiteral("Answered with overrides, all equal to the default"));
}

TEST(CallOutcomeView, AServerErrorFallsBackToTheDefault)
{
    const contract::CallOutcome outcome = outcomeFor(loopback::kCrashCaller);
    CallOutcomeView view;
    view.setOutcome(outcome, defaultAssistant());
    EXPECT_EQ(labelText(view, "outcomeHeadline"), QStringLiteral("Default assistant: HTTP status not 2xx"));
    EXPECT_EQ(labelText(view, "outcomeExplanation"), QStringLiteral("The webhook answered HTTP 503, not 2xx."));
    EXPECT_EQ(labelText(view, "outcomeSource"), QStringLiteral("http_status · [assumed]"));
}

TEST(CallOutcomeView, AnInvalidAnswerListsEveryViolationWithItsSource)
{
    const contract::CallOutcome outcome = outcomeFor(loopback::kInvalidCaller);
    ASSERT_EQ(outcome.reason, contract::Reason::InvalidResponse);
    CallOutcomeView view;
    view.setOutcome(outcome, defaultAssistant());
    EXPECT_EQ(labelText(view, "outcomeHeadline"), QStringLiteral("Default assistant: invalid answer"));

    const auto *tabs = child<QTabWidget>(view, "outcomeDetails");
    EXPECT_EQ(tabs->currentIndex(), 1) << "violations are shown first";
    EXPECT_EQ(
        tabs->tabText(1),
        QStringLiteral("Violations (%1), warnings (%2)").arg(outcome.violations.size()).arg(outcome.warnings.size()));
    const QAbstractItemModel *findings = child<QTableView>(view, "findingsTable")->model();
    QStringList paths;
    for (int row = 0; row < findings->rowCount(); ++row) {
        paths.append(findings->index(row, ui::FindingsModel::PathColumn).data().toString());
        EXPECT_FALSE(findings->index(row, ui::FindingsModel::SourceColumn).data().toString().isEmpty());
    }
    EXPECT_TRUE(paths.contains(QStringLiteral("$.max_duration_seconds"))) << paths.join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(paths.contains(QStringLiteral("$.assistant.first_message")))
        << paths.join(QLatin1Char(' ')).toStdString();
    EXPECT_EQ(findings->index(0, ui::FindingsModel::SeverityColumn).data().toString(), QStringLiteral("violation"));
}

TEST(CallOutcomeView, AnEnabledAnalysisPlanShowsTheRenderedPrompt)
{
    const contract::CallOutcome outcome = outcomeFor(loopback::kAnalysisCaller);
    ASSERT_TRUE(outcome.analysisEnabled);
    CallOutcomeView view;
    view.setOutcome(outcome, defaultAssistant());
    EXPECT_EQ(labelText(view, "outcomeAnalysis"), QStringLiteral("enabled: structured data after the call"));
    const QString prompt = child<QTextBrowser>(view, "analysisPrompt")->toPlainText();
    EXPECT_TRUE(prompt.contains(QStringLiteral("Extract per schema: {"))) << prompt.toStdString();
    EXPECT_TRUE(prompt.contains(QStringLiteral("\"intent\""))) << prompt.toStdString();
    EXPECT_FALSE(prompt.contains(QStringLiteral("{{transcript}}"))) << prompt.toStdString();
    EXPECT_TRUE(prompt.contains(outcome.analysisPrompt.last().content.left(30))) << prompt.toStdString();
}

TEST(CallOutcomeView, AnUnreachableWebhookIsMarkedOnTheStrip)
{
    contract::OutcomeInput input;
    input.exchange.transport = contract::Transport::Unreachable;
    input.exchange.transportError = QStringLiteral("connection refused");
    input.exchange.latencyMs = 2;
    input.defaultAssistant = defaultAssistant();
    CallOutcomeView view;
    view.setOutcome(contract::computeOutcome(input), defaultAssistant());
    EXPECT_EQ(labelText(view, "outcomeHeadline"), QStringLiteral("Default assistant: webhook unreachable"));
    EXPECT_EQ(child<ui::CallStrip>(view, "callStrip")->stageTexts().at(1), QStringLiteral("Webhook: unreachable"));
    EXPECT_EQ(labelText(view, "outcomeExplanation"),
              QStringLiteral("The webhook could not be reached: connection refused."));
}

TEST(CallOutcomeView, ModelsPassTheModelTester)
{
    const contract::CallOutcome invalid = outcomeFor(loopback::kInvalidCaller);
    ui::FindingsModel findings;
    QAbstractItemModelTester findingsTester(&findings, QAbstractItemModelTester::FailureReportingMode::Fatal);
    findings.setFindings(invalid.violations, invalid.warnings);
    EXPECT_EQ(findings.violationCount(), invalid.violations.size());
    EXPECT_EQ(findings.warningCount(), invalid.warnings.size());
    findings.setFindings({}, {});
    EXPECT_EQ(findings.rowCount(), 0);

    ui::DiffTableModel diff;
    ui::DiffFilterModel filter;
    filter.setSourceModel(&diff);
    QAbstractItemModelTester diffTester(&diff, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const contract::CallOutcome greeted = outcomeFor(loopback::kKnownCaller);
    diff.setRows(ui::jsonDiffRows(
        contract::compareJsonLeaves(QJsonValue(defaultAssistant()), QJsonValue(greeted.effectiveAssistant))));
    const int all = filter.rowCount();
    filter.setOnlyDifferences(true);
    EXPECT_EQ(filter.rowCount(), 2);
    filter.setFilterText(QStringLiteral("gpt-4o"));
    EXPECT_EQ(filter.rowCount(), 1);
    filter.setOnlyDifferences(false);
    filter.setFilterText({});
    EXPECT_EQ(filter.rowCount(), all);
    diff.setRows({});
    EXPECT_EQ(filter.rowCount(), 0);
}

TEST(CallOutcomeView, RendersInLightAndDarkPalettes)
{
    // Every kind of outcome, drawn at a realistic size in both palettes; DOCKSIDE_UI_SHOTS keeps the PNGs to look at.
    const QString shots = qEnvironmentVariable("DOCKSIDE_UI_SHOTS");
    const QList<QPair<QString, QString>> callers {
        {QStringLiteral("override"), loopback::kKnownCaller},
        {QStringLiteral("rejected"), loopback::kRejectedCaller},
        {QStringLiteral("http-status"), loopback::kCrashCaller},
        {QStringLiteral("invalid"), loopback::kInvalidCaller},
        {QStringLiteral("analysis"), loopback::kAnalysisCaller},
        {QStringLiteral("hang"), loopback::kHangCaller},
    };
    for (const auto &[name, caller] : callers) {
        const contract::CallOutcome outcome = outcomeFor(caller);
        QList<QImage> images;
        for (const bool dark : {false, true}) {
            CallOutcomeView view;
            view.setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
            view.setOutcome(outcome, defaultAssistant());
            view.resize(900, 600);
            if (outcome.analysisEnabled)
                child<QTabWidget>(view, "outcomeDetails")->setCurrentIndex(2);
            const QImage image = view.grab().toImage();
            ASSERT_EQ(image.size(), QSize(900, 600));
            images.append(image);
            if (!shots.isEmpty())
                image.save(
                    QDir(shots).filePath(QStringLiteral("outcome-%1-%2.png")
                                             .arg(name, dark ? QStringLiteral("dark") : QStringLiteral("light"))));
        }
        // The dark rendering is dark and the light one light: the colours follow the palette.
        EXPECT_LT(qGray(images.at(1).pixel(5, 590)), 100) << name.toStdString();
        EXPECT_GT(qGray(images.at(0).pixel(5, 590)), 150) << name.toStdString();
    }
}
