// SPDX-License-Identifier: GPL-3.0-or-later

#include "calls/callaxisview.h"
#include "calls/calllistmodel.h"
#include "calls/calltreeview.h"
#include "calls/callview.h"
#include "exchange/exchangedetailview.h"
#include "historyappend.h"
#include "qtprinters.h"
#include "timeline/timelineformat.h"
#include "timeline/timelineview.h"

#include "calls/calltrack.h"
#include "contract/callevent.h"
#include "contract/calloutcome.h"
#include "contract/defaultassistant.h"
#include "history/historystore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <gtest/gtest.h>

using namespace dockside;

namespace {

constexpr qint64 kStartUs = 1'765'627'200'000'000;

history::ExchangeRecord recorded(qint64 id, contract::EventType type, qint64 atMs, const char *callStatus = "",
                                 QByteArray answer = "{}", const QString &callId = QStringLiteral("call-ui"))
{
    contract::EventOptions options;
    options.type = type;
    options.callId = callId;
    options.callStatus = QString::fromLatin1(callStatus);
    if (type == contract::EventType::EndOfCallReport)
        options.durationSeconds = 95;
    history::ExchangeRecord record;
    record.id = id;
    record.callId = options.callId;
    record.eventType = contract::eventTypeName(type);
    record.callerNumber = options.customerNumber;
    record.calledNumber = options.phoneNumber;
    record.request.method = "POST";
    record.request.target = "/webhook";
    record.request.receivedAtUs = kStartUs + atMs * 1000;
    record.request.body = contract::serializeEvent(contract::buildEventPayload(options));
    record.responseStatus = 200;
    record.responseBody = std::move(answer);
    record.latencyUs = 250'000;
    if (type == contract::EventType::AssistantRequest) {
        record.outcomeDisposition = QStringLiteral("answered");
        record.outcomeReason = QStringLiteral("override");
    }
    return record;
}

// A call with one break of the order: a second end-of-call report.
calls::CallTrack sampleTrack()
{
    const QByteArray answer = R"({"assistant": {"first_message": "Welcome back."}, "max_duration_seconds": 120})";
    return calls::trackCall({recorded(11, contract::EventType::AssistantRequest, 0, "ringing", answer),
                             recorded(12, contract::EventType::StatusUpdate, 1500, "in-progress"),
                             recorded(13, contract::EventType::StatusUpdate, 96'000, "ended"),
                             recorded(14, contract::EventType::EndOfCallReport, 96'500),
                             recorded(15, contract::EventType::EndOfCallReport, 97'000)},
                            contract::builtinDefaultAssistant());
}

TEST(CallViewTest, ShowsWhoHowLongAndEveryBreakOfTheOrder)
{
    ui::CallView view;
    view.resize(900, 420);
    view.show();
    view.showTrack(sampleTrack(), 13);
    EXPECT_TRUE(view.headline()->text().contains(QStringLiteral("+31612345678 → +31850835037")))
        << view.headline()->text().toStdString();
    EXPECT_TRUE(view.headline()->text().contains(QStringLiteral("answered with overrides")));
    EXPECT_TRUE(view.headline()->text().contains(QStringLiteral("1:35 talked (limit 2:00)")));
    EXPECT_TRUE(view.findings()->isVisibleTo(&view));
    EXPECT_TRUE(view.findings()->text().contains(QStringLiteral("second end-of-call report")))
        << view.findings()->text().toStdString();
    EXPECT_EQ(view.axis()->currentMark(), 2) << "the exchange it was opened from is current";

    // Fitted: the whole 97.25 s call fits the axis's visible width.
    const QPoint last = view.axis()->markPosition(4);
    EXPECT_LT(last.x(), view.axis()->visibleRegion().boundingRect().right());
}

TEST(CallViewTest, AReportedDurationOutOfAnyRangeIsShownNotCast)
{
    ui::CallView view;
    calls::CallTrack track = sampleTrack();
    track.reportedDurationSeconds = 1e300; // a sender's bug: the report says what it says
    view.showTrack(track, 11);
    EXPECT_TRUE(view.headline()->text().contains(QStringLiteral("1e+300 s talked")))
        << view.headline()->text().toStdString();
}

TEST(CallViewTest, AClickOrEnterOnAMarkOpensItsExchange)
{
    ui::CallView view;
    view.resize(900, 420);
    view.show();
    view.showTrack(sampleTrack(), 11);
    QSignalSpy opened(&view, &ui::CallView::exchangeActivated);
    QTest::mouseClick(view.axis(), Qt::LeftButton, {}, view.axis()->markPosition(1));
    ASSERT_EQ(opened.size(), 1);
    EXPECT_EQ(opened.at(0).at(0).toLongLong(), 12);

    view.axis()->setFocus();
    QTest::keyClick(view.axis(), Qt::Key_Down);
    QTest::keyClick(view.axis(), Qt::Key_Return);
    ASSERT_EQ(opened.size(), 2);
    EXPECT_EQ(opened.at(1).at(0).toLongLong(), 13);
    QTest::keyClick(view.axis(), Qt::Key_End);
    QTest::keyClick(view.axis(), Qt::Key_Space);
    EXPECT_EQ(opened.at(2).at(0).toLongLong(), 15);
}

TEST(CallViewTest, ZoomButtonsScaleTheAxisAndFitBringsTheWholeCallBack)
{
    ui::CallView view;
    view.resize(900, 420);
    view.show();
    view.showTrack(sampleTrack(), 11);
    const double fitted = view.axis()->pixelsPerSecond();
    view.findChild<QToolButton *>(QStringLiteral("callZoomIn"))->click();
    EXPECT_DOUBLE_EQ(view.axis()->pixelsPerSecond(), fitted * 2);
    EXPECT_GT(view.axis()->width(), view.width()) << "zoomed in, the axis scrolls";
    view.findChild<QToolButton *>(QStringLiteral("callZoomOut"))->click();
    view.findChild<QToolButton *>(QStringLiteral("callZoomOut"))->click();
    EXPECT_DOUBLE_EQ(view.axis()->pixelsPerSecond(), fitted / 2);
    view.findChild<QToolButton *>(QStringLiteral("callFit"))->click();
    EXPECT_DOUBLE_EQ(view.axis()->pixelsPerSecond(), fitted);

    view.findChild<QToolButton *>(QStringLiteral("callCopy"))->click();
    const QString copied = QApplication::clipboard()->text();
    EXPECT_TRUE(copied.startsWith(QStringLiteral("Call call-ui"))) << copied.toStdString();
    EXPECT_TRUE(copied.contains(QStringLiteral("1 break(s) of the contract's order")));
}

TEST(CallViewTest, TheDetailViewOffersTheCallTabOnlyForAnExchangeOfACall)
{
    ui::ExchangeDetailView detail;
    const history::ExchangeRecord first = recorded(11, contract::EventType::AssistantRequest, 0, "ringing");
    detail.showExchange(first, contract::builtinDefaultAssistant());
    EXPECT_FALSE(detail.showTab(ui::ExchangeDetailView::CallTab)) << "no track given yet";
    detail.showCall(sampleTrack());
    EXPECT_TRUE(detail.showTab(ui::ExchangeDetailView::CallTab));
    EXPECT_EQ(detail.tabs()->currentWidget(), detail.callView());
    detail.hideCall();
    EXPECT_NE(detail.tabs()->currentWidget(), detail.callView());
    EXPECT_FALSE(detail.tabs()->isTabVisible(ui::ExchangeDetailView::CallTab));
}

// A history of three calls of five events each, the newest call last.
class CallListTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("history.sqlite"));
        history::HistoryStore store;
        QString error;
        ASSERT_TRUE(store.open({m_path, 0, 0}, &error)) << error.toStdString();
        QList<history::ExchangeRecord> records;
        for (int call = 0; call < 3; ++call) {
            const QString id = QStringLiteral("call-%1").arg(call);
            const qint64 at = call * 200'000;
            records << recorded(0, contract::EventType::AssistantRequest, at, "ringing", "{}", id)
                    << recorded(0, contract::EventType::StatusUpdate, at + 1000, "in-progress", "{}", id)
                    << recorded(0, contract::EventType::ToolCalls, at + 5000, "in-progress", "{}", id)
                    << recorded(0, contract::EventType::StatusUpdate, at + 60'000, "ended", "{}", id)
                    << recorded(0, contract::EventType::EndOfCallReport, at + 61'000, "ended", "{}", id);
        }
        ASSERT_EQ(dockside::testing::appendAndWaitForIds(store, records).size(), records.size());
    }

    QTemporaryDir m_dir;
    QString m_path;
};

TEST_F(CallListTest, TheModelListsCallsNewestFirstAndOpensEachOntoItsExchanges)
{
    ui::CallListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy loaded(&model, &ui::CallListModel::loaded);
    model.setHistoryPath(m_path);
    ASSERT_TRUE(loaded.wait(10000));
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_TRUE(model.atEnd());
    const QModelIndex newest = model.index(0, ui::CallListModel::CallerColumn);
    EXPECT_EQ(newest.data(ui::CallListModel::CallIdRole).toString(), QStringLiteral("call-2"));
    EXPECT_EQ(model.index(0, ui::CallListModel::DurationColumn).data().toString(), QStringLiteral("1:01"));
    EXPECT_EQ(model.index(0, ui::CallListModel::EventsColumn).data().toInt(), 5);
    EXPECT_EQ(model.index(0, ui::CallListModel::OutcomeColumn).data(ui::CallListModel::OutcomeKindRole).toInt(),
              static_cast<int>(ui::timeline::OutcomeKind::Answered))
        << "the badge's colour";
    const QModelIndex call = model.index(0, 0);
    ASSERT_EQ(model.rowCount(call), 5);
    const QModelIndex tool = model.index(2, ui::CallListModel::CallerColumn, call);
    EXPECT_EQ(tool.data().toString(), QStringLiteral("tool-calls"));
    EXPECT_EQ(model.index(2, ui::CallListModel::StartColumn, call).data().toString(), QStringLiteral("+5.000 s"));
    EXPECT_EQ(model.parent(tool), call);
    EXPECT_EQ(model.index(0, ui::CallListModel::OutcomeColumn, call).data().toString(),
              ui::timeline::outcomeLabel(QStringLiteral("answered"), QStringLiteral("override")))
        << "an exchange's outcome reads as in the timeline";

    // A filter keeps the calls with a matching exchange, each still whole.
    history::HistoryFilter filter;
    filter.caller = QStringLiteral("+49");
    model.setFilter(filter);
    ASSERT_TRUE(loaded.wait(10000));
    EXPECT_EQ(model.rowCount(), 0);
}

TEST_F(CallListTest, TheTimelinesCallsModeSelectsACallAndIsRemembered)
{
    ui::TimelineView view;
    view.resize(1000, 500);
    view.show();
    view.setHistoryPath(m_path);
    view.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&view)); // the toggle's shortcut needs the window active
    QSignalSpy chosen(&view, &ui::TimelineView::callChosen);
    QSignalSpy current(&view, &ui::TimelineView::currentExchangeChanged);
    QSignalSpy loaded(view.callTree()->callModel(), &ui::CallListModel::loaded);
    QTest::keyClick(&view, Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
    // A button's shortcut clicks it the way a mouse does, a moment later.
    ASSERT_TRUE(QTest::qWaitFor([&] { return view.isCallsMode(); }, 5000));
    ASSERT_TRUE(loaded.wait(10000));
    view.selectNewest();
    ASSERT_EQ(chosen.size(), 1);
    ASSERT_FALSE(current.isEmpty());
    const qint64 first = current.last().at(0).toLongLong();
    EXPECT_EQ(view.currentExchangeId(), first);
    EXPECT_GT(first, 0);

    // Down opens nothing; Right expands the call and Down reaches its second exchange.
    ui::CallTreeView *tree = view.callTree();
    QTest::keyClick(tree, Qt::Key_Right);
    QTest::keyClick(tree, Qt::Key_Down);
    QTest::keyClick(tree, Qt::Key_Down);
    EXPECT_EQ(view.currentExchangeId(), first + 1) << "the call's in-progress status update";
    EXPECT_EQ(chosen.size(), 1) << "an exchange row is no call";

    const QByteArray state = view.saveState();
    ui::TimelineView restored;
    ASSERT_TRUE(restored.restoreState(state));
    EXPECT_TRUE(restored.isCallsMode());
}

TEST_F(CallListTest, ACallChosenByItsIdBecomesCurrentInTheCallsList)
{
    // What the composer's Play whole call does once the history has the call.
    ui::TimelineView view;
    view.setHistoryPath(m_path);
    QSignalSpy loaded(view.callTree()->callModel(), &ui::CallListModel::loaded);
    view.setCallsMode(true);
    ASSERT_TRUE(loaded.wait(10000));
    view.selectCall(QStringLiteral("call-0"), history::Direction::Inbound);
    EXPECT_EQ(view.callTree()->currentIndex().data(ui::CallListModel::CallIdRole).toString(), QStringLiteral("call-0"));
    EXPECT_EQ(view.currentExchangeId(), 1) << "the call's first exchange";
}

} // namespace
