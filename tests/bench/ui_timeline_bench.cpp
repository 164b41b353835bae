// SPDX-License-Identifier: GPL-3.0-or-later

// The window over a million-row history. Headline: the real MainWindow, as the app opens it on first start, from its
// construction to the timeline's newest rows painted (cold in a fresh process with the history evicted from the page
// cache, and warm), the filters in its timeline, and the longest event-loop stall while 1,000 requests a second
// arrive at its own mock endpoint. Also the TimelineView alone, as before. Every figure has a reference measured in
// the same run: the same window over 1,000 rows, a plain QTableView over 1,000 QStandardItemModel rows, or the same
// endpoint or writer with no window. tests/bench/ui_timeline.sh builds it in Release, runs it under Xvfb and writes
// BENCHMARKS.md.

#include "benchsupport.h"
#include "historygenerator.h"

#include "contract/callevent.h"
#include "history/historystore.h"
#include "http/httpclientconnection.h"
#include "mainwindow/mainwindow.h"
#include "mock/mockendpointoptions.h"
#include "mock/mockresponder.h"
#include "session/endpointhost.h"
#include "teamhistory/teamcopier.h"
#include "teamhistory/teamdatabase.h"
#include "theme/theme.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelineview.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDataStream>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMainWindow>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>

using dockside::bench::ensureHistory;
using dockside::bench::makeRecord;
using dockside::bench::median;
using dockside::bench::ms;
using dockside::bench::PaintProbe;
using dockside::bench::runUntilPainted;
using dockside::bench::toJson;
using dockside::bench::writeJson;
using dockside::history::Direction;
using dockside::history::ExchangeRecord;
using dockside::history::HistoryOptions;
using dockside::history::HistoryStore;
using dockside::ui::MainWindow;
using dockside::ui::TimelineModel;
using dockside::ui::TimelineView;

namespace {

constexpr int kWindowWidth = 1280;
constexpr int kWindowHeight = 800;

// The reference table's cell texts: event types and words of the same lengths as the generated history's.
const char *const kTypes[] = {"assistant-request", "status-update", "tool-calls", "status-update",
                              "end-of-call-report"};
const char *const kWords[] = {"billing", "invoice", "refund", "delivery", "appointment", "password"};

std::unique_ptr<QStandardItemModel> referenceModel()
{
    auto model = std::make_unique<QStandardItemModel>(0, TimelineModel::NUM_COLUMNS);
    QRandomGenerator random(7);
    for (int row = 0; row < 1000; ++row) {
        QList<QStandardItem *> items;
        items << new QStandardItem(QTime(12, 0).addMSecs(row * 20).toString(QStringLiteral("HH:mm:ss.zzz")))
              << new QStandardItem(QStringLiteral("in"))
              << new QStandardItem(QString::fromLatin1(kTypes[random.bounded(static_cast<int>(std::size(kTypes)))]))
              << new QStandardItem(QStringLiteral("+31%1").arg(600000000 + random.bounded(99999999)))
              << new QStandardItem(QStringLiteral("200")) << new QStandardItem(QStringLiteral("12 ms"))
              << new QStandardItem(QString::fromLatin1(kWords[random.bounded(static_cast<int>(std::size(kWords)))]))
              << new QStandardItem(QStringLiteral("valid"));
        model->appendRow(items);
    }
    return model;
}

// (a) The reference: a window with a plain table over 1,000 in-memory rows, from construction to rows painted.
double openReference(const QElapsedTimer &clock, std::unique_ptr<QMainWindow> *keep = nullptr)
{
    const qint64 start = clock.nsecsElapsed();
    auto window = std::make_unique<QMainWindow>();
    auto *model = referenceModel().release();
    model->setParent(window.get());
    auto *table = new QTableView;
    table->setModel(model);
    window->setCentralWidget(table);
    window->resize(kWindowWidth, kWindowHeight);
    PaintProbe probe(table->viewport(), [model] { return model->rowCount() > 0; });
    const double painted = runUntilPainted(probe, clock, [&window] { window->show(); });
    if (keep)
        *keep = std::move(window);
    return painted < 0 ? -1 : painted - ms(start);
}

struct TimelineWindow {
    std::unique_ptr<QMainWindow> window;
    TimelineView *view = nullptr;
};

// (a) A window holding a TimelineView on the million rows, from construction to the newest rows painted.
double openTimeline(const QString &path, const QElapsedTimer &clock, TimelineWindow *keep = nullptr)
{
    const qint64 start = clock.nsecsElapsed();
    auto window = std::make_unique<QMainWindow>();
    auto *view = new TimelineView;
    window->setCentralWidget(view);
    window->resize(kWindowWidth, kWindowHeight);
    const TimelineModel *model = view->model();
    PaintProbe probe(view->tableView()->viewport(),
                     [model] { return !model->isLoading() && model->rowCount() > 0 && model->idAt(0) > 0; });
    const double painted = runUntilPainted(probe, clock, [&] {
        view->setHistoryPath(path);
        window->show();
    });
    if (keep) {
        keep->view = view;
        keep->window = std::move(window);
    }
    return painted < 0 ? -1 : painted - ms(start);
}

struct ScrollFigures {
    QList<double> frameMs;
    int framesWithRowsLoading = 0; // painted while the rows in view were still being fetched
};

double percentile(QList<double> values, double fraction)
{
    std::sort(values.begin(), values.end());
    if (values.isEmpty())
        return -1;
    const auto at = static_cast<qsizetype>(fraction * static_cast<double>(values.size() - 1) + 0.5);
    return values.at(std::min(at, values.size() - 1));
}

// (d) Scrolling: a page down per frame (a held Page Down, a flick), and every 20th frame a jump of the scroll bar
// to a place spread over the whole range (a drag). A frame is the scroll handled, the events it queued processed and
// the viewport painted, all on the GUI thread: what the user waits for before the next frame can show.
ScrollFigures scrollThrough(QTableView *table, int frames, const std::function<bool()> &rowsLoading)
{
    QScrollBar *bar = table->verticalScrollBar();
    ScrollFigures figures;
    for (int i = 0; i < frames; ++i) {
        const qint64 span = qint64(bar->maximum()) - bar->minimum();
        const int next = i % 20 == 19                         ? static_cast<int>(bar->minimum() + span * i / frames)
            : bar->value() + bar->pageStep() > bar->maximum() ? bar->minimum()
                                                              : bar->value() + bar->pageStep();
        QElapsedTimer frame;
        frame.start();
        bar->setValue(next);
        QCoreApplication::processEvents();
        table->viewport()->repaint();
        figures.frameMs.append(ms(frame.nsecsElapsed()));
        figures.framesWithRowsLoading += rowsLoading() ? 1 : 0;
    }
    return figures;
}

struct FilterFigures {
    double rowsShownMs = -1;
    double countKnownMs = -1;
    qint64 rows = 0;
};

// (b) From the filter being applied to its first rows painted, and to the full count known.
FilterFigures applyTimelineFilter(TimelineView *view, const QElapsedTimer &clock, const std::function<void()> &apply)
{
    TimelineModel *model = view->model();
    bool reset = false;
    const auto connection = QObject::connect(model, &TimelineModel::rowsShown, [&reset] { reset = true; });
    PaintProbe probe(view->tableView()->viewport(),
                     [&] { return reset && !model->isLoading() && (model->rowCount() == 0 || model->idAt(0) > 0); });
    FilterFigures figures;
    const qint64 start = clock.nsecsElapsed();
    figures.rowsShownMs = runUntilPainted(probe, clock, apply) - ms(start);
    // The count follows the first page; the scroll bar is right once it is there.
    QElapsedTimer wait;
    wait.start();
    const bool known = QTest::qWaitFor([&] { return model->positionOfRow(0) >= 0 || model->rowCount() == 0; }, 60000);
    figures.countKnownMs = known ? ms(clock.nsecsElapsed() - start) : -1;
    figures.rows = model->totalRows();
    QObject::disconnect(connection);
    return figures;
}

double applyReferenceFilter(QTableView *table, QSortFilterProxyModel *proxy, const QElapsedTimer &clock,
                            const std::function<void()> &apply)
{
    PaintProbe probe(table->viewport(), [proxy] { return proxy->rowCount() >= 0; });
    const qint64 start = clock.nsecsElapsed();
    return runUntilPainted(probe, clock, apply) - ms(start);
}

// Appends rate exchanges a second through a real HistoryStore on its own thread, as the mock endpoint does.
class Producer final : public QObject {
public:
    Producer(QString path, int rate)
        : m_path(std::move(path))
        , m_rate(rate)
    {
    }

    HistoryStore *store() const { return m_store.get(); }

    void start(int seconds)
    {
        m_store = std::make_unique<HistoryStore>();
        HistoryOptions options;
        options.databasePath = m_path;
        QString error;
        if (!m_store->open(options, &error))
            std::fprintf(stderr, "%s\n", qPrintable(error));
        m_timer = new QTimer(this);
        m_timer->setTimerType(Qt::PreciseTimer);
        m_clock.start();
        QObject::connect(m_timer, &QTimer::timeout, this, [this, seconds] {
            // Catch up to the wall clock, so a late tick never lowers the rate.
            const qint64 due = std::min<qint64>(m_clock.elapsed(), qint64(seconds) * 1000) * m_rate / 1000;
            for (; m_sent < due; ++m_sent)
                m_store->append(makeRecord(m_sent + 1, QDateTime::currentMSecsSinceEpoch() * 1000, m_random, m_call));
            if (m_clock.elapsed() >= qint64(seconds) * 1000)
                m_timer->stop();
        });
        m_timer->start(10);
    }

    void stop()
    {
        // A tick still due (a busy machine delays them) must not reach the store once it is gone.
        if (m_timer)
            m_timer->stop();
        if (m_store)
            m_store->close();
        m_store.reset();
    }

    qint64 sent() const { return m_sent; }

private:
    QString m_path;
    int m_rate = 1000;
    std::unique_ptr<HistoryStore> m_store;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock;
    QRandomGenerator m_random {99};
    dockside::bench::GeneratedCall m_call;
    qint64 m_sent = 0;
};

struct StallFigures {
    double longestStallMs = 0;
    qint64 appended = 0;
    qint64 ticks = 0;
    int stallsOver16Ms = 0;
};

// (c) The longest gap between ticks of a 1 ms timer on the GUI thread while the producer appends for seconds;
// onAppended receives HistoryStore::appended on the GUI thread, as the window does.
StallFigures watchStalls(const QString &path, int rate, int seconds,
                         const std::function<void(QList<qint64>)> &onAppended)
{
    QThread thread;
    auto *producer = new Producer(path, rate);
    producer->moveToThread(&thread);
    thread.start();
    StallFigures figures;
    QObject receiver;
    QMetaObject::invokeMethod(
        producer,
        [&] {
            producer->start(seconds);
            QObject::connect(producer->store(), &HistoryStore::appended, &receiver,
                             [&figures, &onAppended](const QList<qint64> &ids) {
                                 figures.appended += ids.size();
                                 onAppended(ids);
                             });
        },
        Qt::BlockingQueuedConnection);

    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    qint64 longest = 0;
    QTimer watchdog;
    watchdog.setTimerType(Qt::PreciseTimer);
    QObject::connect(&watchdog, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        const qint64 gap = now - last;
        longest = std::max(longest, gap);
        if (gap > 16'000'000)
            ++figures.stallsOver16Ms;
        ++figures.ticks;
        last = now;
    });
    watchdog.start(1);
    QEventLoop loop;
    QTimer::singleShot(seconds * 1000 + 300, &loop, &QEventLoop::quit);
    loop.exec();
    watchdog.stop();
    QMetaObject::invokeMethod(
        producer, [producer] { producer->stop(); }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    delete producer;
    QCoreApplication::processEvents();
    figures.longestStallMs = ms(longest);
    return figures;
}

// Drops the history file's pages from the page cache (written back first: dirty pages stay), so the next opening
// reads it from disk as the first start after a reboot would. No root needed, and nothing else is evicted.
bool evictFromPageCache(const QString &path)
{
    bool evicted = false;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        const QByteArray name = QFile::encodeName(path + suffix);
        const int fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        ::fdatasync(fd);
        evicted = ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0 || evicted;
        ::close(fd);
    }
    return evicted;
}

// Notes a widget's first paint without changing it.
class FirstPaint final : public QObject {
public:
    FirstPaint(QWidget *widget, const QElapsedTimer &clock)
        : m_clock(clock)
    {
        widget->installEventFilter(this);
    }
    qint64 ns() const { return m_ns; }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_ns < 0)
            m_ns = m_clock.nsecsElapsed();
        return false;
    }

private:
    const QElapsedTimer &m_clock;
    qint64 m_ns = -1;
};

struct WindowOpening {
    double constructedMs = -1; // the constructor returned
    double firstPaintMs = -1; // the window's first paint
    double rowsPaintedMs = -1; // the timeline's newest rows painted: the headline
    double countKnownMs = -1; // the count of every row known (the scroll bar exact), after the first rows
    qint64 rows = 0; // rows in the history as the timeline counted them
};

// The window as the app opens it on first start: the built-in sample workspace, the history file, the mock endpoint
// started (on any free port), no keychain look-up (an empty DOCKSIDE_WEBHOOK_SECRET) and no remembered layout.
dockside::ui::MainWindowOptions windowOptions(const QString &historyPath)
{
    dockside::ui::MainWindowOptions options;
    options.historyPath = historyPath;
    options.startEndpoint = true;
    options.port = 0;
    options.environmentSecret = QByteArray("");
    return options;
}

// (d) The real MainWindow on a history, from the constructor's call to the timeline's first rows painted. Times are
// from start, on clock.
WindowOpening openMainWindow(const QString &path, const QElapsedTimer &clock, qint64 start,
                             std::unique_ptr<MainWindow> *keep = nullptr)
{
    WindowOpening opening;
    auto window =
        std::make_unique<MainWindow>(dockside::workspace::builtinSampleWorkspace(), QString(), windowOptions(path));
    opening.constructedMs = ms(clock.nsecsElapsed() - start);
    FirstPaint firstPaint(window.get(), clock);
    const TimelineModel *model = window->timeline()->model();
    PaintProbe probe(window->timeline()->tableView()->viewport(),
                     [model] { return !model->isLoading() && model->rowCount() > 0 && model->idAt(0) > 0; });
    const double painted = runUntilPainted(probe, clock, [&window] { window->show(); });
    opening.rowsPaintedMs = painted < 0 ? -1 : painted - ms(start);
    opening.firstPaintMs = firstPaint.ns() < 0 ? -1 : ms(firstPaint.ns() - start);
    // The full count follows the first page; the rows the history holds are known once it is there.
    if (QTest::qWaitFor([model] { return model->positionOfRow(0) >= 0 || model->rowCount() == 0; }, 60000))
        opening.countKnownMs = ms(clock.nsecsElapsed() - start);
    opening.rows = model->totalRows();
    if (keep)
        *keep = std::move(window);
    return opening;
}

// Sends rate assistant-requests a second, built once, over keep-alive connections on its own thread: the platform's
// traffic as the mock endpoint sees it, with no client work on the GUI thread.
class RequestLoad final : public QObject {
public:
    RequestLoad(QUrl url, int rate, int seconds)
        : m_url(std::move(url))
        , m_rate(rate)
        , m_seconds(seconds)
    {
    }

    void start()
    {
        const dockside::base::HeaderList headers {
            {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
            {QByteArrayLiteral("X-Webhook-Event"), QByteArrayLiteral("assistant-request")}};
        m_request = dockside::http::serializeRequest(
            "POST", dockside::http::requestTarget(m_url), dockside::http::hostHeader(m_url), headers,
            dockside::contract::serializeEvent(dockside::contract::buildEventPayload({})));
        for (int i = 0; i < kConnections; ++i) {
            auto *connection =
                new dockside::http::HttpClientConnection(m_url.host(), static_cast<quint16>(m_url.port(80)), this);
            QObject::connect(connection, &dockside::http::HttpClientConnection::exchangeFinished, this,
                             [this](const dockside::http::ClientExchange &exchange) {
                                 if (exchange.response && exchange.response->status == 200)
                                     ++m_answered;
                                 else
                                     ++m_failed;
                                 --m_inFlight;
                                 dispatch();
                             });
            m_connections.append(connection);
        }
        m_timer = new QTimer(this);
        m_timer->setTimerType(Qt::PreciseTimer);
        QObject::connect(m_timer, &QTimer::timeout, this, &RequestLoad::dispatch);
        m_clock.start();
        m_timer->start(1);
    }

    bool done() const { return m_done; }
    qint64 sent() const { return m_sentTotal; }
    qint64 answered() const { return m_answered; }
    qint64 failed() const { return m_failed; }

private:
    static constexpr int kConnections = 16;

    void dispatch()
    {
        const qint64 end = qint64(m_seconds) * 1000;
        // Catch up to the wall clock on whatever connection is free, so a late tick never lowers the rate.
        const qint64 due = std::min(m_clock.elapsed(), end) * m_rate / 1000;
        for (dockside::http::HttpClientConnection *connection : std::as_const(m_connections)) {
            if (m_sent >= due)
                break;
            if (connection->isBusy())
                continue;
            ++m_sent;
            ++m_inFlight;
            m_sentTotal = m_sent;
            connection->send(m_request, 5000);
        }
        if (m_clock.elapsed() >= end && m_sent >= due) {
            m_timer->stop();
            if (m_inFlight == 0)
                m_done = true;
        }
    }

    QUrl m_url;
    int m_rate = 1000;
    int m_seconds = 10;
    QByteArray m_request;
    QList<dockside::http::HttpClientConnection *> m_connections;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock;
    qint64 m_sent = 0;
    qint64 m_inFlight = 0;
    std::atomic<qint64> m_sentTotal = 0;
    std::atomic<qint64> m_answered = 0;
    std::atomic<qint64> m_failed = 0;
    std::atomic<bool> m_done = false;
};

struct LoadFigures {
    StallFigures stall;
    qint64 sent = 0;
    qint64 failed = 0;
};

// (e) The longest gap between ticks of a 1 ms timer on the GUI thread while rate requests a second arrive at url.
LoadFigures watchRequests(const QUrl &url, int rate, int seconds)
{
    QThread thread;
    auto *load = new RequestLoad(url, rate, seconds);
    load->moveToThread(&thread);
    thread.start();
    QMetaObject::invokeMethod(
        load, [load] { load->start(); }, Qt::QueuedConnection);

    LoadFigures figures;
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    qint64 longest = 0;
    QTimer watchdog;
    watchdog.setTimerType(Qt::PreciseTimer);
    QEventLoop loop;
    QObject::connect(&watchdog, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        const qint64 gap = now - last;
        longest = std::max(longest, gap);
        if (gap > 16'000'000)
            ++figures.stall.stallsOver16Ms;
        ++figures.stall.ticks;
        last = now;
        if (load->done() || now > (qint64(seconds) + 30) * 1'000'000'000)
            loop.quit();
    });
    watchdog.start(1);
    loop.exec();
    watchdog.stop();
    figures.sent = load->sent();
    figures.stall.appended = load->answered();
    figures.failed = load->failed();
    QMetaObject::invokeMethod(
        load, [load] { delete load; }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    figures.stall.longestStallMs = ms(longest);
    return figures;
}

QJsonObject openingsJson(const QList<WindowOpening> &openings)
{
    QList<double> constructed;
    QList<double> firstPaint;
    QList<double> rowsPainted;
    QList<double> countKnown;
    for (const WindowOpening &opening : openings) {
        countKnown.append(opening.countKnownMs);
        constructed.append(opening.constructedMs);
        firstPaint.append(opening.firstPaintMs);
        rowsPainted.append(opening.rowsPaintedMs);
    }
    return QJsonObject {{QStringLiteral("constructed_ms"), toJson(constructed)},
                        {QStringLiteral("first_paint_ms"), toJson(firstPaint)},
                        {QStringLiteral("rows_painted_ms"), toJson(rowsPainted)},
                        {QStringLiteral("constructed_median_ms"), median(constructed)},
                        {QStringLiteral("first_paint_median_ms"), median(firstPaint)},
                        {QStringLiteral("rows_painted_median_ms"), median(rowsPainted)},
                        {QStringLiteral("count_known_ms"), toJson(countKnown)},
                        {QStringLiteral("rows"), openings.isEmpty() ? 0 : openings.constFirst().rows}};
}

} // namespace

// Copies a generated SQLite history into a team database, as an endpoint's copier would; false when it stalls.
bool copyToTeam(const QString &path, const QString &url, qint64 rows)
{
    QString error;
    const auto database = dockside::teamhistory::parseTeamHistoryUrl(url, &error);
    dockside::teamhistory::TeamCopier copier;
    dockside::teamhistory::TeamCopyOptions options;
    if (database)
        options.database = *database;
    options.localHistoryPath = path;
    options.pollMs = 10;
    if (!database || !copier.start(options, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    QObject::connect(&copier, &dockside::teamhistory::TeamCopier::failed,
                     [](const QString &message) { std::fprintf(stderr, "%s\n", qPrintable(message)); });
    const bool copied = QTest::qWaitFor([&] { return copier.copiedRows() >= rows; }, 600000);
    copier.stop();
    std::printf("copied %lld rows into %s\n", static_cast<long long>(copier.copiedRows()), qPrintable(url));
    return copied;
}

// The timeline over a large team database against the same timeline over 1,000 exchanges in the same server:
// opening to the newest rows painted, and two filters to their rows painted and their count known.
QJsonObject benchTeamTimeline(const QString &url, const QString &referenceUrl, int repeat, const QElapsedTimer &clock)
{
    QList<double> open;
    QList<double> referenceOpen;
    for (int i = 0; i < repeat; ++i) {
        open.append(openTimeline(url, clock));
        referenceOpen.append(openTimeline(referenceUrl, clock));
    }
    std::printf("team open: median %.1f ms, reference %.1f ms\n", median(open), median(referenceOpen));
    // The whole window as the app opens it on the team database: endpoint, copier, listener and timeline.
    QList<WindowOpening> windowOpenings;
    QList<WindowOpening> referenceWindowOpenings;
    for (int i = 0; i < repeat; ++i) {
        windowOpenings.append(openMainWindow(url, clock, clock.nsecsElapsed()));
        referenceWindowOpenings.append(openMainWindow(referenceUrl, clock, clock.nsecsElapsed()));
    }
    const QJsonObject window = openingsJson(windowOpenings);
    const QJsonObject referenceWindow = openingsJson(referenceWindowOpenings);
    QList<double> countKnown;
    for (const WindowOpening &opening : std::as_const(windowOpenings))
        countKnown.append(opening.countKnownMs);
    std::printf("team window: rows painted median %.1f ms, count known %.1f ms; reference %.1f ms\n",
                window.value(QStringLiteral("rows_painted_median_ms")).toDouble(), median(countKnown),
                referenceWindow.value(QStringLiteral("rows_painted_median_ms")).toDouble());
    QJsonObject result {{QStringLiteral("open_ms"), toJson(open)},
                        {QStringLiteral("reference_open_ms"), toJson(referenceOpen)},
                        {QStringLiteral("open_median_ms"), median(open)},
                        {QStringLiteral("reference_open_median_ms"), median(referenceOpen)},
                        {QStringLiteral("window"), window},
                        {QStringLiteral("reference_window"), referenceWindow}};
    TimelineWindow large;
    TimelineWindow small;
    openTimeline(url, clock, &large);
    openTimeline(referenceUrl, clock, &small);
    const auto apply = [](TimelineView *view, const QString &name) -> std::function<void()> {
        if (name == QLatin1String("text"))
            return [view] {
                auto *search = view->findChild<QLineEdit *>(QStringLiteral("timelineSearch"));
                search->setText(QStringLiteral("refund"));
                QTest::keyClick(search, Qt::Key_Return);
            };
        return [view] {
            auto *events = view->findChild<QComboBox *>(QStringLiteral("timelineEventFilter"));
            events->setCurrentIndex(events->findText(QStringLiteral("end-of-call-report")));
        };
    };
    QJsonObject filters;
    for (const QString &name : {QStringLiteral("text"), QStringLiteral("event_type")}) {
        QList<double> shown, count, referenceShown, referenceCount;
        qint64 matches = 0;
        qint64 referenceMatches = 0;
        for (int i = 0; i < repeat; ++i) {
            const FilterFigures figures = applyTimelineFilter(large.view, clock, apply(large.view, name));
            shown.append(figures.rowsShownMs);
            count.append(figures.countKnownMs);
            matches = figures.rows;
            applyTimelineFilter(large.view, clock, [&] { large.view->clearFilter(); });
            const FilterFigures reference = applyTimelineFilter(small.view, clock, apply(small.view, name));
            referenceShown.append(reference.rowsShownMs);
            referenceCount.append(reference.countKnownMs);
            referenceMatches = reference.rows;
            applyTimelineFilter(small.view, clock, [&] { small.view->clearFilter(); });
        }
        std::printf(
            "team filter %s: rows shown median %.1f ms, count %.1f ms (%lld rows); reference %.1f ms, %.1f ms\n",
            qPrintable(name), median(shown), median(count), static_cast<long long>(matches), median(referenceShown),
            median(referenceCount));
        filters.insert(name,
                       QJsonObject {{QStringLiteral("rows_shown_median_ms"), median(shown)},
                                    {QStringLiteral("count_known_median_ms"), median(count)},
                                    {QStringLiteral("reference_rows_shown_median_ms"), median(referenceShown)},
                                    {QStringLiteral("reference_count_known_median_ms"), median(referenceCount)},
                                    {QStringLiteral("matching_rows"), matches},
                                    {QStringLiteral("reference_matching_rows"), referenceMatches}});
    }
    result.insert(QStringLiteral("filter"), filters);
    result.insert(QStringLiteral("rows"), large.view->model()->totalRows());
    return result;
}

int main(int argc, char **argv)
{
    // A cold opening counts from here, the process's start, too.
    QElapsedTimer processClock;
    processClock.start();
    QApplication application(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The window and its timeline over a generated history."));
    parser.addHelpOption();
    const QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Rows in the history."),
                                        QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption repeatOption(QStringLiteral("repeat"), QStringLiteral("Window openings of each kind."),
                                          QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption secondsOption(QStringLiteral("insert-seconds"), QStringLiteral("Seconds of live inserts."),
                                           QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption rateOption(QStringLiteral("insert-rate"), QStringLiteral("Inserts per second."),
                                        QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption historyOption(QStringLiteral("history"),
                                           QStringLiteral("Use this history file; generated when missing."),
                                           QStringLiteral("file"));
    const QCommandLineOption referenceOption(
        QStringLiteral("reference-history"),
        QStringLiteral("The reference window's history of 1,000 rows; generated when missing."),
        QStringLiteral("file"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Write the figures here."),
                                        QStringLiteral("file"));
    const QCommandLineOption generateOption(QStringLiteral("generate-only"),
                                            QStringLiteral("Generate the history when missing, then stop."));
    const QCommandLineOption coldOption(
        QStringLiteral("cold-window"),
        QStringLiteral("Evict the history from the page cache, open the window once, write its figures and stop."));
    const QCommandLineOption copyToTeamOption(
        QStringLiteral("copy-to-team"),
        QStringLiteral("Generate the history when missing, copy it into this team database, then stop."),
        QStringLiteral("url"));
    const QCommandLineOption teamOption(QStringLiteral("team"),
                                        QStringLiteral("Measure the timeline over this team database and stop."),
                                        QStringLiteral("url"));
    const QCommandLineOption teamReferenceOption(QStringLiteral("team-reference"),
                                                 QStringLiteral("The team database of 1,000 exchanges to compare "
                                                                "with."),
                                                 QStringLiteral("url"));
    parser.addOptions({rowsOption, repeatOption, secondsOption, rateOption, historyOption, referenceOption, jsonOption,
                       generateOption, coldOption, copyToTeamOption, teamOption, teamReferenceOption});
    parser.process(application);
    const qint64 rows = parser.value(rowsOption).toLongLong();
    const int repeat = std::max(1, parser.value(repeatOption).toInt());
    const int seconds = std::max(1, parser.value(secondsOption).toInt());
    const int rate = std::max(1, parser.value(rateOption).toInt());

    QTemporaryDir dir;
    const QString path =
        parser.isSet(historyOption) ? parser.value(historyOption) : dir.filePath(QStringLiteral("history.sqlite"));
    const QString referencePath = parser.isSet(referenceOption) ? parser.value(referenceOption)
                                                                : dir.filePath(QStringLiteral("reference.sqlite"));
    QJsonObject result {{QStringLiteral("rows"), rows}, {QStringLiteral("platform"), QGuiApplication::platformName()}};
    if (parser.isSet(teamOption)) {
        dockside::ui::applyTheme(dockside::ui::Theme::System);
        QElapsedTimer clock;
        clock.start();
        const QJsonObject team =
            benchTeamTimeline(parser.value(teamOption), parser.value(teamReferenceOption), repeat, clock);
        return parser.isSet(jsonOption) && !writeJson(parser.value(jsonOption), team) ? 1 : 0;
    }
    if (!ensureHistory(path, rows, &result))
        return 1;
    if (parser.isSet(copyToTeamOption))
        return copyToTeam(path, parser.value(copyToTeamOption), rows) ? 0 : 1;
    if (parser.isSet(generateOption))
        return 0;

    if (parser.isSet(coldOption)) {
        QElapsedTimer eviction;
        eviction.start();
        const bool evicted = evictFromPageCache(path);
        const qint64 evictionNs = eviction.nsecsElapsed();
        // What the app does before its window: the theme, which asks the desktop whether it prefers dark.
        QElapsedTimer theme;
        theme.start();
        dockside::ui::applyTheme(dockside::ui::Theme::System);
        const double themeMs = ms(theme.nsecsElapsed());
        const qint64 start = processClock.nsecsElapsed();
        std::unique_ptr<MainWindow> window;
        const WindowOpening opening = openMainWindow(path, processClock, start, &window);
        const double fromProcessStart = opening.rowsPaintedMs < 0 ? -1 : ms(start - evictionNs) + opening.rowsPaintedMs;
        std::printf("cold window: %.1f ms to rows painted (%.1f ms from the process's start), %lld rows\n",
                    opening.rowsPaintedMs, fromProcessStart, static_cast<long long>(opening.rows));
        window.reset();
        const QJsonObject cold {{QStringLiteral("evicted"), evicted},
                                {QStringLiteral("constructed_ms"), opening.constructedMs},
                                {QStringLiteral("first_paint_ms"), opening.firstPaintMs},
                                {QStringLiteral("rows_painted_ms"), opening.rowsPaintedMs},
                                {QStringLiteral("count_known_ms"), opening.countKnownMs},
                                {QStringLiteral("from_process_start_ms"), fromProcessStart},
                                {QStringLiteral("theme_ms"), themeMs},
                                {QStringLiteral("rows"), opening.rows}};
        if (parser.isSet(jsonOption) && !writeJson(parser.value(jsonOption), cold))
            return 1;
        return opening.rowsPaintedMs > 0 ? 0 : 2;
    }
    if (!ensureHistory(referencePath, 1000, nullptr))
        return 1;
    dockside::ui::applyTheme(dockside::ui::Theme::System);

    QElapsedTimer clock;
    clock.start();
    // (a) Alternating, so a noisy moment does not favour one side.
    QList<double> referenceOpen;
    QList<double> timelineOpen;
    for (int i = 0; i < repeat; ++i) {
        timelineOpen.append(openTimeline(path, clock));
        referenceOpen.append(openReference(clock));
        QCoreApplication::processEvents();
    }
    result.insert(QStringLiteral("open"),
                  QJsonObject {{QStringLiteral("timeline_ms"), toJson(timelineOpen)},
                               {QStringLiteral("reference_ms"), toJson(referenceOpen)},
                               {QStringLiteral("timeline_median_ms"), median(timelineOpen)},
                               {QStringLiteral("reference_median_ms"), median(referenceOpen)}});
    std::printf("open: timeline median %.1f ms, reference median %.1f ms\n", median(timelineOpen),
                median(referenceOpen));

    // (b) The filters through the view's own widgets: Enter in the search field, a pick in the event type box.
    TimelineWindow shown;
    openTimeline(path, clock, &shown);
    std::unique_ptr<QMainWindow> referenceWindow;
    openReference(clock, &referenceWindow);
    auto *referenceTable = qobject_cast<QTableView *>(referenceWindow->centralWidget());
    auto *referenceSource = referenceTable->model();
    auto *proxy = new QSortFilterProxyModel(referenceWindow.get());
    proxy->setSourceModel(referenceSource);
    proxy->setFilterKeyColumn(-1);
    referenceTable->setModel(proxy);
    QCoreApplication::processEvents();

    const auto measureFilters = [&](TimelineView *view, const char *label) {
        auto *search = view->findChild<QLineEdit *>(QStringLiteral("timelineSearch"));
        auto *events = view->findChild<QComboBox *>(QStringLiteral("timelineEventFilter"));
        QJsonObject filters;
        const auto measure = [&](const QString &name, const std::function<void()> &apply,
                                 const QString &referenceText) {
            QList<double> shownMs;
            QList<double> countMs;
            QList<double> referenceMs;
            qint64 matches = 0;
            for (int i = 0; i < repeat; ++i) {
                const FilterFigures figures = applyTimelineFilter(view, clock, apply);
                shownMs.append(figures.rowsShownMs);
                countMs.append(figures.countKnownMs);
                matches = figures.rows;
                applyTimelineFilter(view, clock, [&] { view->clearFilter(); });
                referenceMs.append(applyReferenceFilter(referenceTable, proxy, clock,
                                                        [&] { proxy->setFilterFixedString(referenceText); }));
                applyReferenceFilter(referenceTable, proxy, clock, [&] { proxy->setFilterFixedString(QString()); });
            }
            filters.insert(name,
                           QJsonObject {{QStringLiteral("rows_shown_ms"), toJson(shownMs)},
                                        {QStringLiteral("count_known_ms"), toJson(countMs)},
                                        {QStringLiteral("reference_ms"), toJson(referenceMs)},
                                        {QStringLiteral("rows_shown_median_ms"), median(shownMs)},
                                        {QStringLiteral("count_known_median_ms"), median(countMs)},
                                        {QStringLiteral("reference_median_ms"), median(referenceMs)},
                                        {QStringLiteral("matching_rows"), matches}});
            std::printf("%s filter %s: rows shown median %.1f ms, count known %.1f ms (%lld rows), reference %.1f "
                        "ms\n",
                        label, qPrintable(name), median(shownMs), median(countMs), static_cast<long long>(matches),
                        median(referenceMs));
        };
        measure(
            QStringLiteral("text"),
            [&] {
                search->setText(QStringLiteral("refund"));
                QTest::keyClick(search, Qt::Key_Return);
            },
            QStringLiteral("refund"));
        measure(
            QStringLiteral("event_type"),
            [&] { events->setCurrentIndex(events->findText(QStringLiteral("end-of-call-report"))); },
            QStringLiteral("end-of-call-report"));
        return filters;
    };
    result.insert(QStringLiteral("filter"), measureFilters(shown.view, "timeline"));

    // (d) Scrolling through the million, then through the reference's 1,000 rows, alternating in blocks.
    QTableView *timelineTable = shown.view->tableView();
    const TimelineModel *timelineModel = shown.view->model();
    const auto timelineLoading = [timelineTable, timelineModel] {
        const int top = timelineTable->rowAt(0);
        const int bottom = timelineTable->rowAt(timelineTable->viewport()->height() - 1);
        return (top >= 0 && timelineModel->idAt(top) == 0) || (bottom >= 0 && timelineModel->idAt(bottom) == 0);
    };
    proxy->setFilterFixedString(QString());
    ScrollFigures timelineScroll;
    ScrollFigures referenceScroll;
    for (int block = 0; block < repeat; ++block) {
        const ScrollFigures timelineBlock = scrollThrough(timelineTable, 200, timelineLoading);
        timelineScroll.frameMs += timelineBlock.frameMs;
        timelineScroll.framesWithRowsLoading += timelineBlock.framesWithRowsLoading;
        referenceScroll.frameMs += scrollThrough(referenceTable, 200, [] { return false; }).frameMs;
    }
    result.insert(QStringLiteral("scroll"),
                  QJsonObject {{QStringLiteral("frames"), timelineScroll.frameMs.size()},
                               {QStringLiteral("timeline_p50_ms"), percentile(timelineScroll.frameMs, 0.5)},
                               {QStringLiteral("timeline_p99_ms"), percentile(timelineScroll.frameMs, 0.99)},
                               {QStringLiteral("timeline_max_ms"), percentile(timelineScroll.frameMs, 1.0)},
                               {QStringLiteral("timeline_frames_loading"), timelineScroll.framesWithRowsLoading},
                               {QStringLiteral("reference_p50_ms"), percentile(referenceScroll.frameMs, 0.5)},
                               {QStringLiteral("reference_p99_ms"), percentile(referenceScroll.frameMs, 0.99)},
                               {QStringLiteral("reference_max_ms"), percentile(referenceScroll.frameMs, 1.0)}});
    std::printf("scroll: timeline p99 %.1f ms (p50 %.1f, %d of %lld frames with rows loading), reference p99 %.1f ms\n",
                percentile(timelineScroll.frameMs, 0.99), percentile(timelineScroll.frameMs, 0.5),
                timelineScroll.framesWithRowsLoading, static_cast<long long>(timelineScroll.frameMs.size()),
                percentile(referenceScroll.frameMs, 0.99));

    // (c) The writer alone first, then the same writer with the timeline showing every insert.
    const StallFigures reference = watchStalls(path, rate, seconds, [](const QList<qint64> &) {});
    std::printf("stall: reference %.1f ms longest (%lld appended)\n", reference.longestStallMs,
                static_cast<long long>(reference.appended));
    // The reference run's rows were never announced to the view: read them, so only the next run's rows arrive live.
    applyTimelineFilter(shown.view, clock, [&shown] { shown.view->refresh(); });
    const qint64 rowsBefore = shown.view->model()->totalRows();
    const StallFigures timeline =
        watchStalls(path, rate, seconds, [&shown](const QList<qint64> &ids) { shown.view->appendIds(ids); });
    const bool caughtUp =
        QTest::qWaitFor([&] { return shown.view->model()->totalRows() >= rowsBefore + timeline.appended; }, 5000);
    const qint64 rowsShown = shown.view->model()->totalRows() - rowsBefore;
    std::printf("stall: timeline %.1f ms longest (%lld appended, %lld shown)\n", timeline.longestStallMs,
                static_cast<long long>(timeline.appended), static_cast<long long>(rowsShown));
    result.insert(QStringLiteral("stall"),
                  QJsonObject {{QStringLiteral("seconds"), seconds},
                               {QStringLiteral("rate"), rate},
                               {QStringLiteral("timeline_longest_ms"), timeline.longestStallMs},
                               {QStringLiteral("timeline_over_16ms"), timeline.stallsOver16Ms},
                               {QStringLiteral("timeline_ticks"), timeline.ticks},
                               {QStringLiteral("reference_longest_ms"), reference.longestStallMs},
                               {QStringLiteral("reference_over_16ms"), reference.stallsOver16Ms},
                               {QStringLiteral("reference_ticks"), reference.ticks},
                               {QStringLiteral("appended"), timeline.appended},
                               {QStringLiteral("rows_shown"), rowsShown}});
    shown.window.reset();

    // (d) The real window, warm: the million rows against the same window over 1,000 rows, alternating.
    QList<WindowOpening> windowOpenings;
    QList<WindowOpening> referenceOpenings;
    for (int i = 0; i < repeat; ++i) {
        windowOpenings.append(openMainWindow(path, clock, clock.nsecsElapsed()));
        QCoreApplication::processEvents();
        referenceOpenings.append(openMainWindow(referencePath, clock, clock.nsecsElapsed()));
        QCoreApplication::processEvents();
    }
    QJsonObject mainWindow {{QStringLiteral("warm"), openingsJson(windowOpenings)},
                            {QStringLiteral("reference_warm"), openingsJson(referenceOpenings)}};
    std::printf("window: rows painted median %.1f ms (first paint %.1f ms), reference %.1f ms\n",
                openingsJson(windowOpenings).value(QStringLiteral("rows_painted_median_ms")).toDouble(),
                openingsJson(windowOpenings).value(QStringLiteral("first_paint_median_ms")).toDouble(),
                openingsJson(referenceOpenings).value(QStringLiteral("rows_painted_median_ms")).toDouble());

    // (e) Requests at the endpoint with no window (the endpoint and the history on their worker thread, as the window
    // runs them), then the same requests at the window's own endpoint with the timeline showing them.
    LoadFigures endpointOnly;
    {
        dockside::ui::EndpointHost host;
        QString error;
        if (!host.openHistory({path, 0, 0}, &error))
            std::fprintf(stderr, "%s\n", qPrintable(error));
        host.setResponder(dockside::mock::MockResponder(dockside::workspace::builtinSampleWorkspace(), {}, 5000));
        dockside::mock::MockEndpointOptions options;
        options.port = 0;
        host.start(options);
        if (!QTest::qWaitFor([&host] { return host.isRunning(); }, 10000))
            return 1;
        endpointOnly = watchRequests(host.url(), rate, seconds);
    }
    std::printf("requests, endpoint only: %.1f ms longest (%lld answered of %lld)\n", endpointOnly.stall.longestStallMs,
                static_cast<long long>(endpointOnly.stall.appended), static_cast<long long>(endpointOnly.sent));

    std::unique_ptr<MainWindow> window;
    openMainWindow(path, clock, clock.nsecsElapsed(), &window);
    mainWindow.insert(QStringLiteral("filter"), measureFilters(window->timeline(), "window"));
    referenceWindow.reset();
    if (!QTest::qWaitFor([&window] { return window->endpoint()->isRunning(); }, 10000))
        return 1;
    const TimelineModel *windowModel = window->timeline()->model();
    const qint64 windowRowsBefore = windowModel->totalRows();
    const LoadFigures windowLoad = watchRequests(window->endpoint()->url(), rate, seconds);
    const bool windowCaughtUp = QTest::qWaitFor(
        [&] { return windowModel->totalRows() >= windowRowsBefore + windowLoad.stall.appended; }, 10000);
    const qint64 windowRowsShown = windowModel->totalRows() - windowRowsBefore;
    std::printf("requests, window: %.1f ms longest (%lld answered of %lld, %lld rows shown)\n",
                windowLoad.stall.longestStallMs, static_cast<long long>(windowLoad.stall.appended),
                static_cast<long long>(windowLoad.sent), static_cast<long long>(windowRowsShown));
    mainWindow.insert(QStringLiteral("stall"),
                      QJsonObject {{QStringLiteral("seconds"), seconds},
                                   {QStringLiteral("rate"), rate},
                                   {QStringLiteral("window_longest_ms"), windowLoad.stall.longestStallMs},
                                   {QStringLiteral("window_over_16ms"), windowLoad.stall.stallsOver16Ms},
                                   {QStringLiteral("window_ticks"), windowLoad.stall.ticks},
                                   {QStringLiteral("reference_longest_ms"), endpointOnly.stall.longestStallMs},
                                   {QStringLiteral("reference_over_16ms"), endpointOnly.stall.stallsOver16Ms},
                                   {QStringLiteral("reference_ticks"), endpointOnly.stall.ticks},
                                   {QStringLiteral("sent"), windowLoad.sent},
                                   {QStringLiteral("answered"), windowLoad.stall.appended},
                                   {QStringLiteral("failed"), windowLoad.failed},
                                   {QStringLiteral("reference_answered"), endpointOnly.stall.appended},
                                   {QStringLiteral("rows_shown"), windowRowsShown}});
    result.insert(QStringLiteral("mainwindow"), mainWindow);
    window.reset();

    if (parser.isSet(jsonOption) && !writeJson(parser.value(jsonOption), result))
        return 1;
    const bool complete = median(timelineOpen) > 0 && caughtUp && rowsShown == timeline.appended && windowCaughtUp &&
        windowRowsShown == windowLoad.stall.appended && windowLoad.stall.appended > 0 &&
        windowOpenings.constFirst().rowsPaintedMs > 0;
    return complete ? 0 : 2;
}
