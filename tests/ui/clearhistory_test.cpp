// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/composerpanel.h"
#include "exchange/exchangedetailview.h"
#include "fixtures.h"
#include "mainwindow/mainwindow.h"
#include "qtprinters.h"
#include "session/endpointhost.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelineview.h"

#include "history/historystore.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include <optional>

using namespace dockside;
using dockside::ui::MainWindow;
using dockside::ui::TimelineModel;

namespace {

constexpr int kWaitMs = 10000;

history::ExchangeRecord makeRecord(int i)
{
    history::ExchangeRecord record;
    record.direction = history::Direction::Inbound;
    record.request.receivedAtUs = 1'700'000'000'000'000 + qint64(i) * 1000;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/hooks/voice");
    record.request.httpVersion = QByteArrayLiteral("HTTP/1.1");
    record.request.body =
        QByteArrayLiteral("{\"message\":{\"type\":\"assistant-request\",\"row\":") + QByteArray::number(i) + "}}";
    record.url = QStringLiteral("http://127.0.0.1:8790/hooks/voice");
    record.eventType = QStringLiteral("assistant-request");
    record.callerNumber = QStringLiteral("+3161234567") + QString::number(i);
    record.responseStatus = 200;
    record.responseBody = QByteArrayLiteral("{}");
    record.latencyUs = 2000;
    return record;
}

class ClearHistoryTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_historyPath = m_dir.filePath(QStringLiteral("history.sqlite"));
        history::HistoryStore store;
        QString error;
        ASSERT_TRUE(store.open({m_historyPath, 0, 0}, &error)) << error.toStdString();
        for (int i = 0; i < 3; ++i)
            store.append(makeRecord(i));
        store.close();

        ui::MainWindowOptions options;
        options.historyPath = m_historyPath;
        options.environmentSecret = QByteArray("");
        m_window.emplace(seedAnswersWorkspace(), QString(), options);
        m_window->setClearHistoryPrompt([this](qint64 exchanges) {
            m_asked.append(exchanges);
            return m_answer;
        });
        m_window->show();
        m_window->activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(&*m_window));
        ASSERT_TRUE(QTest::qWaitFor([this] { return model()->totalRows() == 3 && !model()->isLoading(); }, kWaitMs));
    }

    TimelineModel *model() const { return m_window->timeline()->model(); }
    QTableView *table() const { return m_window->timeline()->tableView(); }
    QString status() const { return m_window->statusBar()->currentMessage(); }

    // Selects the newest row and waits until the detail shows it, with the keyboard focus in the timeline.
    void selectNewest()
    {
        table()->setFocus();
        table()->setCurrentIndex(model()->index(0, 0));
        ASSERT_TRUE(QTest::qWaitFor([this] { return m_window->detail()->hasExchange(); }, kWaitMs));
        ASSERT_TRUE(table()->hasFocus());
    }

    QTemporaryDir m_dir;
    QString m_historyPath;
    std::optional<MainWindow> m_window;
    QList<qint64> m_asked;
    bool m_answer = false;
};

} // namespace

TEST_F(ClearHistoryTest, TheEditMenuOffersItWithDelAsShortcut)
{
    auto *action = m_window->findChild<QAction *>(QStringLiteral("clearHistoryAction"));
    ASSERT_NE(action, nullptr);
    EXPECT_EQ(action->text(), QStringLiteral("C&lear History…"));
    EXPECT_EQ(action->shortcut(), QKeySequence(QKeySequence::Delete));
    EXPECT_EQ(action->shortcutContext(), Qt::WidgetWithChildrenShortcut);
    EXPECT_TRUE(action->isEnabled());
    auto *editMenu = m_window->findChild<QMenu *>(QStringLiteral("editMenu"));
    ASSERT_NE(editMenu, nullptr);
    EXPECT_TRUE(editMenu->actions().contains(action));
    EXPECT_TRUE(m_window->timeline()->actions().contains(action));
}

TEST_F(ClearHistoryTest, DelOnTheTimelineAnsweredNoKeepsEverything)
{
    selectNewest();
    const qint64 shown = m_window->detail()->exchangeId();
    m_answer = false;
    QSignalSpy cleared(m_window->endpoint(), &ui::EndpointHost::historyCleared);
    QTest::keyClick(table(), Qt::Key_Delete);
    EXPECT_EQ(m_asked, QList<qint64> {3});
    EXPECT_EQ(status(), QStringLiteral("The history was kept."));
    EXPECT_FALSE(cleared.wait(300));
    EXPECT_EQ(model()->totalRows(), 3);
    EXPECT_EQ(m_window->detail()->exchangeId(), shown);
}

TEST_F(ClearHistoryTest, DelOnTheTimelineAnsweredYesEmptiesTimelineAndDetail)
{
    selectNewest();
    const qint64 newestBefore = model()->idAt(0);
    m_answer = true;
    QSignalSpy cleared(m_window->endpoint(), &ui::EndpointHost::historyCleared);
    QTest::keyClick(table(), Qt::Key_Delete);
    EXPECT_EQ(m_asked, QList<qint64> {3});
    ASSERT_TRUE(cleared.count() > 0 || cleared.wait(kWaitMs));
    EXPECT_EQ(cleared.at(0).at(0).toLongLong(), 3);
    EXPECT_EQ(status(), QStringLiteral("Cleared the history: 3 exchanges removed."));
    EXPECT_FALSE(m_window->detail()->hasExchange());
    ASSERT_TRUE(QTest::qWaitFor([this] { return model()->totalRows() == 0 && !model()->isLoading(); }, kWaitMs));

    // An empty history is not asked about again.
    QTest::keyClick(table(), Qt::Key_Delete);
    EXPECT_EQ(m_asked.size(), 1);
    EXPECT_EQ(status(), QStringLiteral("The history is already empty."));

    // Exchanges recorded afterwards appear with ids past the removed ones.
    m_window->endpoint()->recordOutbound(makeRecord(7));
    ASSERT_TRUE(QTest::qWaitFor([this] { return model()->totalRows() == 1; }, kWaitMs));
    ASSERT_TRUE(QTest::qWaitFor([this] { return model()->idAt(0) != 0; }, kWaitMs));
    EXPECT_GT(model()->idAt(0), newestBefore);
}

TEST_F(ClearHistoryTest, DelOutsideTheTimelineTableNeverClears)
{
    // Elsewhere in the window Del belongs to whatever has the focus.
    m_window->composer()->setFocus();
    ASSERT_TRUE(QTest::qWaitFor([this] { return m_window->composer()->hasFocus(); }, kWaitMs));
    QTest::keyClick(m_window->composer(), Qt::Key_Delete);
    EXPECT_TRUE(m_asked.isEmpty());

    m_window->timeline()->focusSearch();
    auto *search = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    ASSERT_NE(search, nullptr);
    ASSERT_TRUE(m_window->timeline()->isAncestorOf(search)) << "the search field lies inside the shortcut's reach";
    search->setText(QStringLiteral("needle"));
    search->setCursorPosition(0);
    QTest::keyClick(search, Qt::Key_Delete);
    EXPECT_EQ(search->text(), QStringLiteral("eedle"));
    EXPECT_TRUE(m_asked.isEmpty());
}

TEST(ClearHistoryWithoutAFile, TheActionIsOffAndSaysWhy)
{
    ui::MainWindowOptions options;
    options.environmentSecret = QByteArray("");
    MainWindow window(seedAnswersWorkspace(), {}, options);
    bool asked = false;
    window.setClearHistoryPrompt([&asked](qint64) { return asked = true; });
    auto *action = window.findChild<QAction *>(QStringLiteral("clearHistoryAction"));
    ASSERT_NE(action, nullptr);
    EXPECT_FALSE(action->isEnabled());
    window.clearHistory();
    EXPECT_FALSE(asked);
    EXPECT_EQ(window.statusBar()->currentMessage(),
              QStringLiteral("No history file is open, so there is nothing to clear."));
}

TEST_F(ClearHistoryTest, TheWindowsOwnPromptSaysHowManyAndThatItCannotBeUndone)
{
    // A second window on the same file, with the prompt the application shows.
    ui::MainWindowOptions options;
    options.historyPath = m_historyPath;
    options.environmentSecret = QByteArray("");
    MainWindow window(seedAnswersWorkspace(), {}, options);
    window.show();
    QString text;
    QString informative;
    bool cancelIsDefault = false;
    QTimer::singleShot(0, &window, [&] {
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("clearHistoryBox"));
        ASSERT_NE(box, nullptr);
        text = box->text();
        informative = box->informativeText();
        cancelIsDefault = box->defaultButton() == box->button(QMessageBox::Cancel);
        box->button(QMessageBox::Cancel)->click();
    });
    window.clearHistory();
    EXPECT_EQ(text, QStringLiteral("Remove all 3 exchanges from the history?"));
    EXPECT_TRUE(informative.startsWith(QStringLiteral("This cannot be undone."))) << informative.toStdString();
    EXPECT_TRUE(cancelIsDefault);
    EXPECT_EQ(window.statusBar()->currentMessage(), QStringLiteral("The history was kept."));
    EXPECT_EQ(model()->totalRows(), 3);
}
