// SPDX-License-Identifier: GPL-3.0-or-later

#include "calls/calllistmodel.h"
#include "calls/calltreeview.h"
#include "endpoint/endpointpanel.h"
#include "exchange/exchangedetailview.h"
#include "fixtures.h"
#include "mainwindow/mainwindow.h"
#include "qtprinters.h"
#include "session/endpointhost.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelineview.h"

#include "history/historystore.h"

#include <QAction>
#include <QDateTime>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <optional>

using namespace dockside;
using dockside::ui::MainWindow;
using dockside::ui::TimelineModel;

namespace {

constexpr int kWaitMs = 10000;
const QString kForgotten = QStringLiteral("+31612345678");

history::ExchangeRecord makeRecord(const QString &caller, int i)
{
    history::ExchangeRecord record;
    record.direction = history::Direction::Inbound;
    record.request.receivedAtUs = QDateTime::currentMSecsSinceEpoch() * 1000 + i;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/hooks/voice");
    record.request.httpVersion = QByteArrayLiteral("HTTP/1.1");
    record.request.body = QByteArrayLiteral("{\"message\":{\"type\":\"assistant-request\"}}");
    record.url = QStringLiteral("http://127.0.0.1:8790/hooks/voice");
    record.eventType = QStringLiteral("assistant-request");
    record.callerNumber = caller;
    record.callId = QStringLiteral("privacy-call-%1").arg(i);
    record.responseStatus = 200;
    record.responseBody = QByteArrayLiteral("{}");
    return record;
}

class PrivacyTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_historyPath = m_dir.filePath(QStringLiteral("history.sqlite"));
        history::HistoryStore store;
        QString error;
        ASSERT_TRUE(store.open({m_historyPath, 0, 0}, &error)) << error.toStdString();
        store.append(makeRecord(QStringLiteral("+4930123456"), 0));
        store.append(makeRecord(kForgotten, 1));
        store.append(makeRecord(kForgotten, 2));
        store.close();

        ui::MainWindowOptions options;
        options.historyPath = m_historyPath;
        options.environmentSecret = QByteArray("");
        options.keepDays = history::kDefaultKeepDays; // as the app starts it
        options.keepRows = history::kDefaultKeepRows;
        m_window.emplace(seedAnswersWorkspace(), QString(), options);
        m_window->setForgetCallerPrompt([this](const QString &number) {
            m_asked.append(number);
            return m_answer;
        });
        m_window->show();
        ASSERT_TRUE(QTest::qWaitFor([this] { return model()->totalRows() == 3 && !model()->isLoading(); }, kWaitMs));
    }

    TimelineModel *model() const { return m_window->timeline()->model(); }
    QTableView *table() const { return m_window->timeline()->tableView(); }
    QString status() const { return m_window->statusBar()->currentMessage(); }

    QTemporaryDir m_dir;
    QString m_historyPath;
    std::optional<MainWindow> m_window;
    QStringList m_asked;
    bool m_answer = false;
};

} // namespace

TEST_F(PrivacyTest, ForgetThisCallerAsksThenErasesTheNumberAndSaysHowMany)
{
    table()->setFocus();
    table()->setCurrentIndex(model()->index(0, 0)); // the newest: the number to forget
    auto *forget = m_window->timeline()->findChild<QAction *>(QStringLiteral("timelineForgetCaller"));
    ASSERT_NE(forget, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([forget] { return forget->isEnabled(); }, kWaitMs));

    m_answer = false;
    forget->trigger();
    EXPECT_EQ(m_asked, QStringList {kForgotten});
    EXPECT_EQ(status(), QStringLiteral("Nothing was forgotten."));

    m_answer = true;
    QSignalSpy forgotten(m_window->endpoint(), &ui::EndpointHost::historyForgotten);
    forget->trigger();
    ASSERT_TRUE(forgotten.wait(kWaitMs));
    EXPECT_EQ(forgotten.first().at(1).toLongLong(), 2);
    ASSERT_TRUE(QTest::qWaitFor([this] { return model()->totalRows() == 1 && !model()->isLoading(); }, kWaitMs));
    EXPECT_TRUE(status().startsWith(QStringLiteral("Forgot 2 exchange(s) in 2 call(s) of +31 ")))
        << status().toStdString();
    EXPECT_FALSE(status().contains(QStringLiteral("612345678"))) << "the status bar shows the number masked";
}

TEST_F(PrivacyTest, TheEndpointPanelShowsTheRetentionAndChangesIt)
{
    auto *label = m_window->findChild<QLabel *>(QStringLiteral("endpointRetention"));
    ASSERT_NE(label, nullptr);
    EXPECT_TRUE(label->text().startsWith(QStringLiteral("30 days, at most 500,000 exchanges")))
        << label->text().toStdString();
    EXPECT_TRUE(label->text().contains(QStringLiteral("Change"))) << label->text().toStdString();

    m_window->setRetentionPrompt([](qint64 *rows, int *days) {
        *rows = 1;
        *days = 7;
        return true;
    });
    QSignalSpy applied(m_window->endpoint(), &ui::EndpointHost::retentionApplied);
    Q_EMIT m_window->findChild<ui::EndpointPanel *>()->retentionChangeRequested();
    EXPECT_TRUE(label->text().startsWith(QStringLiteral("7 days, at most 1 exchange"))) << label->text().toStdString();
    ASSERT_TRUE(applied.wait(kWaitMs));
    EXPECT_EQ(applied.first().at(0).toLongLong(), 2) << "the new limit applies at once";
    EXPECT_EQ(m_window->retentionDays(), 7);
}

TEST_F(PrivacyTest, ACallsMenuForgetsItsCaller)
{
    m_window->timeline()->setCallsMode(true);
    ui::CallTreeView *tree = m_window->timeline()->callTree();
    ASSERT_TRUE(QTest::qWaitFor([tree] { return tree->callModel()->rowCount() == 3; }, kWaitMs));
    tree->setCurrentIndex(tree->callModel()->index(0, 0)); // the newest call: the number to forget
    auto *forget = m_window->timeline()->findChild<QAction *>(QStringLiteral("timelineForgetCaller"));
    ASSERT_NE(forget, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([forget] { return forget->isEnabled(); }, kWaitMs));
    m_answer = false;
    forget->trigger();
    EXPECT_EQ(m_asked, QStringList {kForgotten});
}

TEST_F(PrivacyTest, AnExportOfSeveralExchangesIsRedactedAndOwnerOnly)
{
    const QString fileName = m_dir.filePath(QStringLiteral("shared.json"));
    bool offered = false;
    m_window->timeline()->setExportFileChooser([&](const QString &, bool *redact) {
        offered = *redact;
        return fileName;
    });
    QSignalSpy finished(m_window->timeline(), &ui::TimelineView::exportFinished);
    auto *exportAll = m_window->timeline()->findChild<QAction *>(QStringLiteral("timelineExportAll"));
    ASSERT_NE(exportAll, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([exportAll] { return exportAll->isEnabled(); }, kWaitMs));
    exportAll->trigger();
    ASSERT_TRUE(finished.wait(kWaitMs));
    EXPECT_TRUE(offered) << "the checkbox is ticked for more than one exchange";
    EXPECT_TRUE(finished.first().at(1).toString().contains(QStringLiteral("redacted")));
    QFile file(fileName);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray exported = file.readAll();
    EXPECT_FALSE(exported.contains("612345678")) << exported.toStdString();
    EXPECT_TRUE(exported.contains("\"redacted\":true"));
    EXPECT_EQ(file.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
              QFile::Permissions());
}
