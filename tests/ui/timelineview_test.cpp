// SPDX-License-Identifier: GPL-3.0-or-later

#include "history/historystore.h"
#include "historyappend.h"
#include "qtprinters.h"
#include "timeline/timelineexport.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelineview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using dockside::history::Direction;
using dockside::history::ExchangeRecord;
using dockside::history::HistoryFilter;
using dockside::history::HistoryOptions;
using dockside::history::HistoryStore;
using dockside::ui::TimelineExport;
using dockside::ui::TimelineModel;
using dockside::ui::TimelineView;

namespace {

// Row i: every fourth a status-update; even rows mention "needle"; rows divisible by 5 are rejected calls.
ExchangeRecord makeRecord(int i)
{
    ExchangeRecord record;
    record.direction = i % 3 == 0 ? Direction::Outbound : Direction::Inbound;
    record.request.receivedAtUs = 1'700'000'000'000'000 + qint64(i) * 1000;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/hooks/voice");
    record.request.httpVersion = QByteArrayLiteral("HTTP/1.1");
    record.request.headers = {{QByteArrayLiteral("Host"), QByteArrayLiteral("127.0.0.1:8790")},
                              {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    record.request.body = QByteArrayLiteral("{\"row\":") + QByteArray::number(i) +
        (i % 2 == 0 ? QByteArrayLiteral(",\"note\":\"needle\"}") : QByteArrayLiteral("}"));
    record.url = QStringLiteral("http://127.0.0.1:8790/hooks/voice");
    record.eventType = i % 4 == 0 ? QStringLiteral("status-update") : QStringLiteral("assistant-request");
    record.callerNumber = QStringLiteral("+4930%1").arg(i, 5, 10, QChar(u'0'));
    record.responseStatus = i % 7 == 0 ? 500 : 200;
    record.responseBody = QByteArrayLiteral("{}");
    record.latencyUs = qint64(i % 10) * 700'000;
    if (i % 4 != 0) {
        record.outcomeDisposition = i % 5 == 0 ? QStringLiteral("rejected") : QStringLiteral("answered");
        record.outcomeReason = i % 5 == 0 ? QStringLiteral("rejected") : QStringLiteral("override");
    }
    record.signatureStatus = i % 6 == 1 ? QStringLiteral("mismatch") : QStringLiteral("valid");
    return record;
}

class TimelineViewTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_options.databasePath = m_dir.filePath(QStringLiteral("history.sqlite"));
        QString error;
        ASSERT_TRUE(m_store.open(m_options, &error)) << error.toStdString();
    }

    QList<qint64> append(int from, int to)
    {
        QList<ExchangeRecord> records;
        for (int i = from; i < to; ++i)
            records.append(makeRecord(i));
        const QList<qint64> ids = dockside::testing::appendAndWaitForIds(m_store, records);
        EXPECT_EQ(ids.size(), records.size());
        m_ids += ids;
        return ids;
    }

    // A shown view over the history with its rows loaded.
    void show(TimelineView &view, int rows)
    {
        view.resize(1100, 600);
        view.setHistoryPath(m_options.databasePath);
        view.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
        ASSERT_TRUE(waitForRows(view, rows));
    }

    static bool waitForRows(const TimelineView &view, int rows)
    {
        const TimelineModel *model = view.model();
        return QTest::qWaitFor(
            [&] { return !model->isLoading() && model->rowCount() == rows && (rows == 0 || model->idAt(0) > 0); },
            10000);
    }

    static QAction *action(TimelineView &view, const char *name)
    {
        return view.findChild<QAction *>(QString::fromLatin1(name));
    }

    static void clickRow(TimelineView &view, int row, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTableView *table = view.tableView();
        const QRect rect = table->visualRect(table->model()->index(row, TimelineModel::EventTypeColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, modifiers, rect.center());
    }

    qint64 idOfRow(int i) const { return m_ids.at(i); }

    QTemporaryDir m_dir;
    HistoryOptions m_options;
    HistoryStore m_store;
    QList<qint64> m_ids;
};

QJsonArray exportedEntries(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    if (root.contains(QStringLiteral("log")))
        return root.value(QStringLiteral("log")).toObject().value(QStringLiteral("entries")).toArray();
    return root.value(QStringLiteral("exchanges")).toArray();
}

} // namespace

TEST_F(TimelineViewTest, EmptyStatesSayWhyNothingIsShown)
{
    TimelineView view;
    auto *overlay = view.findChild<QLabel *>(QStringLiteral("timelineEmptyState"));
    ASSERT_NE(overlay, nullptr);
    EXPECT_TRUE(overlay->text().contains(QStringLiteral("No history file")));

    show(view, 0);
    EXPECT_TRUE(overlay->isVisible());
    EXPECT_TRUE(overlay->text().contains(QStringLiteral("No exchanges yet"))) << overlay->text().toStdString();

    QObject::connect(&m_store, &HistoryStore::appended, &view, &TimelineView::appendIds);
    append(0, 12);
    ASSERT_TRUE(waitForRows(view, 12));
    EXPECT_FALSE(overlay->isVisible());
    EXPECT_EQ(view.findChild<QLabel *>(QStringLiteral("timelineCount"))->text(), QStringLiteral("12 exchanges"));

    auto *caller = view.findChild<QLineEdit *>(QStringLiteral("timelineCallerFilter"));
    QTest::keyClicks(caller, QStringLiteral("+1555"));
    ASSERT_TRUE(waitForRows(view, 0));
    EXPECT_TRUE(overlay->isVisible());
    EXPECT_TRUE(overlay->text().contains(QStringLiteral("No exchange matches"))) << overlay->text().toStdString();
    Q_EMIT overlay->linkActivated(QStringLiteral("clear"));
    ASSERT_TRUE(waitForRows(view, 12));
    EXPECT_TRUE(caller->text().isEmpty());
    EXPECT_TRUE(view.filter().isEmpty());
}

TEST_F(TimelineViewTest, TheFilterBarNarrowsTheRowsThroughSql)
{
    append(0, 60);
    TimelineView view;
    show(view, 60);

    view.focusSearch();
    auto *search = view.findChild<QLineEdit *>(QStringLiteral("timelineSearch"));
    EXPECT_TRUE(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("needle"));
    EXPECT_EQ(view.model()->rowCount(), 60) << "typing waits for a pause before it searches";
    ASSERT_TRUE(waitForRows(view, 30));
    QTest::keyClicks(search, QStringLiteral(" 1"));
    QTest::keyClick(search, Qt::Key_Return);
    EXPECT_EQ(view.filter().text, QStringLiteral("needle 1"));
    EXPECT_TRUE(view.model()->isLoading()) << "Enter searches without waiting";
    ASSERT_TRUE(waitForRows(view, 5)); // even rows with a word starting with 1: 10, 12, 14, 16, 18
    search->clear();
    ASSERT_TRUE(waitForRows(view, 60));
    QTest::keyClicks(search, QStringLiteral("needle"));
    ASSERT_TRUE(waitForRows(view, 30));

    auto *events = view.findChild<QComboBox *>(QStringLiteral("timelineEventFilter"));
    events->setCurrentIndex(events->findText(QStringLiteral("status-update")));
    ASSERT_TRUE(waitForRows(view, 15));
    EXPECT_EQ(view.filter().eventTypes, QStringList {QStringLiteral("status-update")});

    view.clearFilter();
    ASSERT_TRUE(waitForRows(view, 60));
    auto *outcome = view.findChild<QComboBox *>(QStringLiteral("timelineOutcomeFilter"));
    outcome->setCurrentIndex(outcome->findText(QStringLiteral("rejected")));
    ASSERT_TRUE(waitForRows(view, 9)); // 5..55 step 5, without the status-updates 0, 20 and 40
    view.clearFilter();
    auto *direction = view.findChild<QComboBox *>(QStringLiteral("timelineDirectionFilter"));
    direction->setCurrentIndex(direction->findText(QStringLiteral("Outbound")));
    ASSERT_TRUE(waitForRows(view, 20));
    view.clearFilter();
    QTest::keyClicks(view.findChild<QLineEdit *>(QStringLiteral("timelineStatusFilter")), QStringLiteral("500"));
    ASSERT_TRUE(waitForRows(view, 9)); // 0, 7, ..., 56
    EXPECT_EQ(view.filter().status, 500);
}

TEST_F(TimelineViewTest, SelectionDrivesCurrentReplayAndDiff)
{
    append(0, 20);
    TimelineView view;
    show(view, 20);
    QSignalSpy current(&view, &TimelineView::currentExchangeChanged);
    QSignalSpy replays(&view, &TimelineView::replayRequested);
    QSignalSpy diffs(&view, &TimelineView::diffRequested);

    EXPECT_EQ(view.currentExchangeId(), 0);
    EXPECT_FALSE(action(view, "timelineReplay")->isEnabled());
    clickRow(view, 2);
    ASSERT_EQ(current.count(), 1);
    EXPECT_EQ(current.constLast().at(0).toLongLong(), idOfRow(17));
    EXPECT_EQ(view.currentExchangeId(), idOfRow(17));
    EXPECT_EQ(view.selectedExchangeIds(), QList<qint64> {idOfRow(17)});
    EXPECT_FALSE(action(view, "timelineDiff")->isEnabled());

    QTest::keyClick(view.tableView(), Qt::Key_R, Qt::ControlModifier);
    ASSERT_EQ(replays.count(), 1);
    EXPECT_EQ(replays.constFirst().at(0).toLongLong(), idOfRow(17));

    clickRow(view, 5, Qt::ControlModifier);
    EXPECT_EQ(view.selectedExchangeIds(), (QList<qint64> {idOfRow(17), idOfRow(14)}));
    EXPECT_TRUE(action(view, "timelineDiff")->isEnabled());
    QTest::keyClick(view.tableView(), Qt::Key_D, Qt::ControlModifier);
    ASSERT_EQ(diffs.count(), 1);
    EXPECT_EQ(diffs.constFirst().at(0).toLongLong(), idOfRow(14)) << "the older exchange is on the left";
    EXPECT_EQ(diffs.constFirst().at(1).toLongLong(), idOfRow(17));

    clickRow(view, 7, Qt::ControlModifier);
    EXPECT_FALSE(action(view, "timelineDiff")->isEnabled()) << "three selected";
    QTest::keyClick(view.tableView(), Qt::Key_D, Qt::ControlModifier);
    EXPECT_EQ(diffs.count(), 1);

    view.clearFilter();
    auto *events = view.findChild<QComboBox *>(QStringLiteral("timelineEventFilter"));
    events->setCurrentIndex(events->findText(QStringLiteral("tool-calls")));
    ASSERT_TRUE(waitForRows(view, 0));
    EXPECT_EQ(current.constLast().at(0).toLongLong(), 0) << "no current exchange once its row is gone";
}

TEST_F(TimelineViewTest, CopiesTheSelectedRequestsAsCurl)
{
    append(0, 5);
    TimelineView view;
    show(view, 5);
    QApplication::clipboard()->clear();
    QSignalSpy messages(&view, &TimelineView::statusMessage);
    clickRow(view, 0);
    clickRow(view, 1, Qt::ControlModifier);
    QTest::keyClick(view.tableView(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    ASSERT_TRUE(QTest::qWaitFor([] { return !QApplication::clipboard()->text().isEmpty(); }, 5000));
    const QString text = QApplication::clipboard()->text();
    EXPECT_EQ(text.count(QStringLiteral("curl ")), 2) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("\"row\":4"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("/hooks/voice"))) << text.toStdString();
    ASSERT_FALSE(messages.isEmpty());
    EXPECT_EQ(messages.constLast().at(0).toString(), QStringLiteral("Copied 2 curl commands."));
}

TEST_F(TimelineViewTest, ExportsTheSelectionAndEverythingMatchingOffTheGuiThread)
{
    append(0, 450); // more than one page, so part of a full selection was never fetched
    TimelineView view;
    show(view, 450);
    QString chosen;
    view.setExportFileChooser([&chosen](const QString &suggested, bool *redact) {
        EXPECT_TRUE(*redact) << "more than one exchange is redacted by default";
        EXPECT_TRUE(suggested.endsWith(QStringLiteral(".har"))) << suggested.toStdString();
        return chosen;
    });
    QSignalSpy finished(&view, &TimelineView::exportFinished);

    clickRow(view, 0);
    clickRow(view, 3, Qt::ShiftModifier);
    chosen = m_dir.filePath(QStringLiteral("four.har"));
    QTest::keyClick(view.tableView(), Qt::Key_E, Qt::ControlModifier);
    ASSERT_TRUE(finished.wait(10000));
    EXPECT_TRUE(finished.constLast().at(0).toBool()) << finished.constLast().at(1).toString().toStdString();
    QJsonArray entries = exportedEntries(chosen);
    ASSERT_EQ(entries.size(), 4);
    EXPECT_EQ(entries.at(0).toObject().value(QStringLiteral("_id")).toInteger(), idOfRow(446));
    EXPECT_EQ(view.findChild<QProgressDialog *>(QStringLiteral("timelineExportProgress")), nullptr)
        << "a progress dialog left behind pops up, window-modal, when its minimum duration passes";

    view.tableView()->selectAll();
    chosen = m_dir.filePath(QStringLiteral("all.json"));
    QTest::keyClick(view.tableView(), Qt::Key_E, Qt::ControlModifier);
    ASSERT_TRUE(finished.wait(10000));
    EXPECT_TRUE(finished.constLast().at(0).toBool()) << finished.constLast().at(1).toString().toStdString();
    EXPECT_EQ(exportedEntries(chosen).size(), 450) << "rows never fetched for the screen are exported too";
    EXPECT_TRUE(finished.constLast().at(1).toString().contains(QStringLiteral("Exported 450 exchange(s)")));

    auto *events = view.findChild<QComboBox *>(QStringLiteral("timelineEventFilter"));
    events->setCurrentIndex(events->findText(QStringLiteral("status-update")));
    ASSERT_TRUE(waitForRows(view, 113));
    chosen = m_dir.filePath(QStringLiteral("status-updates.json"));
    QTest::keyClick(view.tableView(), Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    ASSERT_TRUE(finished.wait(10000));
    entries = exportedEntries(chosen);
    ASSERT_EQ(entries.size(), 113);
    EXPECT_EQ(entries.at(0).toObject().value(QStringLiteral("id")).toInteger(), idOfRow(0));

    // Selected rows 2..3 of the filtered list: two status-updates, not the rows between them in the history.
    clickRow(view, 2);
    clickRow(view, 3, Qt::ShiftModifier);
    ASSERT_EQ(view.selectedExchangeIds().size(), 2);
    chosen = m_dir.filePath(QStringLiteral("two.json"));
    QTest::keyClick(view.tableView(), Qt::Key_E, Qt::ControlModifier);
    ASSERT_TRUE(finished.wait(10000));
    entries = exportedEntries(chosen);
    ASSERT_EQ(entries.size(), 2);
    EXPECT_EQ(entries.at(0).toObject().value(QStringLiteral("id")).toInteger(), idOfRow(436));
    EXPECT_EQ(entries.at(1).toObject().value(QStringLiteral("id")).toInteger(), idOfRow(440));

    chosen.clear(); // the user cancelled the file dialog
    QTest::keyClick(view.tableView(), Qt::Key_E, Qt::ControlModifier);
    EXPECT_FALSE(finished.wait(300));
}

TEST_F(TimelineViewTest, ACancelledExportLeavesNoFile)
{
    append(0, 30);
    const QString fileName = m_dir.filePath(QStringLiteral("cancelled.har"));
    TimelineExport job(m_options.databasePath, {}, std::nullopt, fileName, TimelineExport::Format::Har);
    QString message;
    qint64 reported = 0;
    const bool ok = job.run(
        [&job, &reported](qint64 exported, qint64 total) {
            EXPECT_EQ(total, 30);
            reported = exported;
            job.cancel();
        },
        &message);
    EXPECT_FALSE(ok);
    EXPECT_TRUE(message.contains(QStringLiteral("cancelled"))) << message.toStdString();
    EXPECT_FALSE(QFile::exists(fileName));

    TimelineExport unwritable(m_options.databasePath, {}, std::nullopt,
                              m_dir.filePath(QStringLiteral("no-such-folder/x.json")), TimelineExport::Format::Json);
    EXPECT_FALSE(unwritable.run({}, &message));
    EXPECT_TRUE(message.contains(QStringLiteral("cannot be written"))) << message.toStdString();
}

TEST_F(TimelineViewTest, LiveRowsKeepAScrolledViewInPlaceAndAppearAtTheTopOtherwise)
{
    append(0, 300);
    TimelineView view;
    QObject::connect(&m_store, &HistoryStore::appended, &view, &TimelineView::appendIds);
    show(view, 300);
    QTableView *table = view.tableView();

    append(300, 310);
    ASSERT_TRUE(waitForRows(view, 310));
    EXPECT_EQ(table->verticalScrollBar()->value(), 0);
    EXPECT_EQ(view.model()->idAt(table->rowAt(0)), idOfRow(309)) << "at the top, the newest row shows";

    table->verticalScrollBar()->setValue(100);
    QApplication::processEvents();
    const qint64 firstVisible = view.model()->idAt(table->rowAt(0));
    ASSERT_GT(firstVisible, 0);
    append(310, 330);
    ASSERT_TRUE(waitForRows(view, 330));
    QApplication::processEvents();
    EXPECT_EQ(view.model()->idAt(table->rowAt(0)), firstVisible) << "the rows being read do not move";

    table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    table->scrollTo(table->model()->index(150, 0), QAbstractItemView::PositionAtTop);
    QApplication::processEvents();
    const qint64 firstVisibleByPixel = view.model()->idAt(table->rowAt(0));
    ASSERT_GT(firstVisibleByPixel, 0);
    append(330, 340);
    ASSERT_TRUE(waitForRows(view, 340));
    QApplication::processEvents();
    EXPECT_EQ(view.model()->idAt(table->rowAt(0)), firstVisibleByPixel) << "scrolling by pixel too";
}

TEST_F(TimelineViewTest, StateKeepsColumnWidthsAndTheFilter)
{
    append(0, 10);
    QByteArray state;
    {
        TimelineView view;
        show(view, 10);
        view.tableView()->setColumnWidth(TimelineModel::CallerColumn, 222);
        QTest::keyClicks(view.findChild<QLineEdit *>(QStringLiteral("timelineSearch")), QStringLiteral("needle"));
        auto *direction = view.findChild<QComboBox *>(QStringLiteral("timelineDirectionFilter"));
        direction->setCurrentIndex(direction->findText(QStringLiteral("Inbound")));
        state = view.saveState();
    }
    TimelineView restored;
    EXPECT_FALSE(restored.restoreState(QByteArrayLiteral("not a state")));
    ASSERT_TRUE(restored.restoreState(state));
    EXPECT_EQ(restored.tableView()->columnWidth(TimelineModel::CallerColumn), 222);
    EXPECT_EQ(restored.filter().text, QStringLiteral("needle"));
    EXPECT_EQ(restored.filter().direction, Direction::Inbound);
    show(restored, 3); // even rows that are inbound: 2, 4, 8
}

TEST_F(TimelineViewTest, RendersReadablyInLightAndDarkPalettes)
{
    append(0, 40);
    for (const bool dark : {false, true}) {
        TimelineView view;
        QPalette palette = view.palette();
        if (dark) {
            palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
            palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
            palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
            palette.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
            palette.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
        }
        view.setPalette(palette);
        show(view, 40);
        const QImage image = view.grab().toImage();
        if (!qEnvironmentVariableIsEmpty("DOCKSIDE_TIMELINE_SHOTS"))
            image.save(qEnvironmentVariable("DOCKSIDE_TIMELINE_SHOTS") +
                       (dark ? QStringLiteral("/timeline-dark.png") : QStringLiteral("/timeline-light.png")));
        // The badge of a rejected call is tinted red over the base colour, in both palettes.
        QTableView *table = view.tableView();
        const QRect cell = table->visualRect(table->model()->index(4, TimelineModel::OutcomeColumn)); // row 35
        const QPoint inside = table->viewport()->mapTo(&view, cell.topLeft() + QPoint(7, cell.height() / 2));
        const QColor tint = image.pixelColor(inside * image.devicePixelRatio());
        EXPECT_GT(tint.red(), tint.green()) << (dark ? "dark" : "light");
        EXPECT_EQ(tint.lightness() > 128, !dark) << "the badge follows the base colour's lightness";
    }
}
