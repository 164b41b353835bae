// SPDX-License-Identifier: GPL-3.0-or-later

// Calls over a million-exchange history (issue 15). Headline: the timeline switched to calls, from the click to its
// first call lines painted, and one call's time axis, from the request to show it (its exchanges read, its order
// checked, as the window does) to the axis painted. The reference for each is the same window over 1,000
// exchanges, measured alternately in the same run. tests/bench/ui_calls.sh builds it in Release, runs it under Xvfb
// and writes its section of BENCHMARKS.md.

#include "benchsupport.h"
#include "historygenerator.h"

#include "calls/callaxisview.h"
#include "calls/calllistmodel.h"
#include "calls/calltreeview.h"
#include "calls/callview.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelineview.h"

#include "calls/calllister.h"
#include "calls/calltrack.h"
#include "contract/defaultassistant.h"
#include "history/historyreader.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMainWindow>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>

#include <cstdio>
#include <memory>

using namespace dockside;
using bench::median;
using bench::ms;
using bench::PaintProbe;
using bench::runUntilPainted;
using bench::toJson;

namespace {

constexpr int kWindowWidth = 1280;
constexpr int kWindowHeight = 800;

// A timeline window as the app shows it, its newest rows painted; then the Calls button, to the first calls painted.
double switchToCalls(const QString &path, const QElapsedTimer &clock, qint64 *callsShown)
{
    QMainWindow window;
    auto *view = new ui::TimelineView;
    window.setCentralWidget(view);
    window.resize(kWindowWidth, kWindowHeight);
    const ui::TimelineModel *rows = view->model();
    PaintProbe rowsProbe(view->tableView()->viewport(),
                         [rows] { return !rows->isLoading() && rows->rowCount() > 0 && rows->idAt(0) > 0; });
    if (runUntilPainted(rowsProbe, clock, [&] {
            view->setHistoryPath(path);
            window.show();
        }) < 0)
        return -1;
    const ui::CallListModel *calls = view->callTree()->callModel();
    PaintProbe callsProbe(view->callTree()->viewport(), [calls] { return calls->rowCount() > 0; });
    auto *toggle = view->findChild<QToolButton *>(QStringLiteral("timelineCallsToggle"));
    const qint64 start = clock.nsecsElapsed();
    const double painted = runUntilPainted(callsProbe, clock, [toggle] { toggle->click(); });
    *callsShown = calls->rowCount();
    return painted < 0 ? -1 : painted - ms(start);
}

// What MainWindow::showCallOf does for a call, then the Call tab's axis painted.
double drawCall(history::HistoryReader &reader, const QString &callId, ui::CallView *view, const QElapsedTimer &clock,
                int *marks)
{
    PaintProbe probe(view->axis(), [view, callId] { return view->track().callId == callId; });
    const qint64 start = clock.nsecsElapsed();
    const double painted = runUntilPainted(probe, clock, [&] {
        QString error;
        const QList<history::ExchangeRecord> records =
            calls::CallLister::loadCall(reader, callId, history::Direction::Inbound, &error);
        const calls::CallTrack track = calls::trackCall(records, contract::builtinDefaultAssistant());
        view->showTrack(track, records.isEmpty() ? 0 : records.constFirst().id);
    });
    *marks = static_cast<int>(view->track().marks.size());
    return painted < 0 ? -1 : painted - ms(start);
}

// Inbound calls spread over the whole history, oldest to newest, so the seeks are not all near one end.
QStringList sampleCalls(history::HistoryReader &reader, int count)
{
    history::HistoryFilter filter;
    filter.direction = history::Direction::Inbound;
    filter.eventTypes = {QStringLiteral("assistant-request")};
    const qint64 total = reader.count(filter);
    QStringList ids;
    for (int i = 0; i < count && total > 0; ++i) {
        const qint64 offset = total * (2 * i + 1) / (2 * count);
        const QList<history::ExchangeSummary> row = reader.page(filter, offset, 1);
        if (!row.isEmpty())
            ids << row.constFirst().callId;
    }
    return ids;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication application(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Calls over a generated history."));
    parser.addHelpOption();
    const QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Exchanges in the history."),
                                        QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption repeatOption(QStringLiteral("repeat"), QStringLiteral("Measurements of each kind."),
                                          QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption historyOption(QStringLiteral("history"),
                                           QStringLiteral("Use this history file; generated when missing."),
                                           QStringLiteral("file"));
    const QCommandLineOption referenceOption(QStringLiteral("reference-history"),
                                             QStringLiteral("The reference history of 1,000 exchanges; generated "
                                                            "when missing."),
                                             QStringLiteral("file"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Write the figures here."),
                                        QStringLiteral("file"));
    parser.addOptions({rowsOption, repeatOption, historyOption, referenceOption, jsonOption});
    parser.process(application);
    const qint64 rows = parser.value(rowsOption).toLongLong();
    const int repeat = std::max(1, parser.value(repeatOption).toInt());
    QTemporaryDir dir;
    const QString path =
        parser.isSet(historyOption) ? parser.value(historyOption) : dir.filePath(QStringLiteral("history.sqlite"));
    const QString referencePath = parser.isSet(referenceOption) ? parser.value(referenceOption)
                                                                : dir.filePath(QStringLiteral("reference.sqlite"));
    QJsonObject result {{QStringLiteral("rows"), rows}, {QStringLiteral("platform"), QGuiApplication::platformName()}};
    if (!bench::ensureHistory(path, rows, &result) || !bench::ensureHistory(referencePath, 1000, nullptr))
        return 1;

    QElapsedTimer clock;
    clock.start();
    // (a) Alternating, so a noisy moment does not favour one side.
    QList<double> switched;
    QList<double> switchedReference;
    qint64 callsShown = 0;
    qint64 referenceCallsShown = 0;
    for (int i = 0; i < repeat; ++i) {
        switched.append(switchToCalls(path, clock, &callsShown));
        switchedReference.append(switchToCalls(referencePath, clock, &referenceCallsShown));
    }
    std::printf("switch to calls: median %.1f ms (%lld calls listed), reference %.1f ms\n", median(switched),
                static_cast<long long>(callsShown), median(switchedReference));

    // (b) Calls from across each history, on a Call tab of the detail's size.
    history::HistoryReader reader;
    history::HistoryReader referenceReader;
    QString error;
    if (!reader.open(path, &error) || !referenceReader.open(referencePath, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const QStringList callIds = sampleCalls(reader, repeat);
    const QStringList referenceCallIds = sampleCalls(referenceReader, repeat);
    QMainWindow window;
    auto *view = new ui::CallView;
    window.setCentralWidget(view);
    window.resize(560, 420);
    window.show();
    QList<double> drawn;
    QList<double> drawnReference;
    int marks = 0;
    for (int i = 0; i < std::min(callIds.size(), referenceCallIds.size()); ++i) {
        drawn.append(drawCall(reader, callIds.at(i), view, clock, &marks));
        drawnReference.append(drawCall(referenceReader, referenceCallIds.at(i), view, clock, &marks));
    }
    std::printf("call axis: median %.1f ms (%d marks), reference %.1f ms\n", median(drawn), marks,
                median(drawnReference));

    result.insert(QStringLiteral("switch"),
                  QJsonObject {{QStringLiteral("calls_ms"), toJson(switched)},
                               {QStringLiteral("reference_ms"), toJson(switchedReference)},
                               {QStringLiteral("calls_median_ms"), median(switched)},
                               {QStringLiteral("reference_median_ms"), median(switchedReference)},
                               {QStringLiteral("calls_listed"), callsShown}});
    result.insert(QStringLiteral("axis"),
                  QJsonObject {{QStringLiteral("calls_ms"), toJson(drawn)},
                               {QStringLiteral("reference_ms"), toJson(drawnReference)},
                               {QStringLiteral("calls_median_ms"), median(drawn)},
                               {QStringLiteral("reference_median_ms"), median(drawnReference)},
                               {QStringLiteral("marks"), marks}});
    if (parser.isSet(jsonOption) && !bench::writeJson(parser.value(jsonOption), result))
        return 1;
    const bool complete = median(switched) > 0 && median(drawn) > 0 && marks == bench::kEventsPerCall;
    return complete ? 0 : 2;
}
