// SPDX-License-Identifier: GPL-3.0-or-later

// The routing matrix of the built-in sample workspace (what `dockside-cli serve` starts with): 1,000 callers (its six
// contacts, three unknown numbers for the prefixes its rules name, and typed numbers) × a week in 15-minute steps
// (672 moments), against the reference of the mock endpoint planning one assistant-request. Prints its figures.
//   routing_matrix_bench [--callers N] [--repeat N] [--reference N]

#include "composer/eventsender.h"
#include "composer/sendoptions.h"
#include "mock/mockresponder.h"
#include "routing/routingcallers.h"
#include "routing/routingmatrix.h"
#include "routing/routingmoments.h"
#include "routing/routingrunner.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTextStream>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>

using namespace dockside;

namespace {

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qsizetype callerCount = 1000;
    int repeat = 5;
    int referenceCount = 20000;
    const QStringList arguments = app.arguments();
    for (qsizetype i = 1; i + 1 < arguments.size(); i += 2) {
        if (arguments.at(i) == QLatin1String("--callers"))
            callerCount = arguments.at(i + 1).toLongLong();
        else if (arguments.at(i) == QLatin1String("--repeat"))
            repeat = arguments.at(i + 1).toInt();
        else if (arguments.at(i) == QLatin1String("--reference"))
            referenceCount = arguments.at(i + 1).toInt();
    }
    QTextStream out(stdout);

    const QTimeZone zone(QByteArrayLiteral("Europe/Amsterdam"));
    routing::RoutingInput input;
    input.workspace = workspace::builtinSampleWorkspace();
    const qsizetype fixed = routing::buildCallers(input.workspace, {}).size();
    QStringList typed;
    for (qsizetype i = 0; i < std::max<qsizetype>(0, callerCount - fixed); ++i)
        typed.append(QStringLiteral("+3197%1").arg(i, 8, 10, QLatin1Char('0')));
    input.callers = routing::buildCallers(input.workspace, typed);
    // A week without a change of clock: 7 × 96 moments.
    input.moments = routing::weekMoments(QDateTime(QDate(2027, 3, 15), QTime(0, 0), zone), 900, 7, zone).moments;
    const qsizetype cells = input.callers.size() * input.moments.size();

    // The reference: the mock endpoint planning one assistant-request, as it does for each request it serves (the
    // same responder, secret and request bytes the matrix uses), over callers and moments in turn.
    QList<base::CapturedRequest> requests;
    QList<QDateTime> when;
    for (int i = 0; i < 1000; ++i) {
        const QString &number = input.callers.at(i % input.callers.size()).number;
        const QDateTime &moment = input.moments.at((i * 37) % input.moments.size());
        requests.append(routing::routingRequest(input, number, moment));
        when.append(moment);
    }
    const mock::MockResponder responder(input.workspace, QByteArrayLiteral("dockside-routing-matrix"), 5000);
    QList<double> referenceRuns;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        qint64 sink = 0;
        for (int i = 0; i < referenceCount; ++i)
            sink += responder.plan(requests.at(i % requests.size()), when.at(i % when.size())).response.status;
        referenceRuns.append(static_cast<double>(timer.nsecsElapsed()) / 1000.0 / referenceCount);
        if (sink == 0)
            return 1;
    }
    const double referenceUs = median(referenceRuns);

    // The matrix, on this thread, best and median of `repeat`.
    QList<double> matrixRuns;
    qsizetype evaluations = 0;
    for (int run = 0; run < repeat; ++run) {
        QElapsedTimer timer;
        timer.start();
        const std::optional<routing::RoutingMatrix> matrix = routing::computeRoutingMatrix(input);
        matrixRuns.append(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        evaluations = matrix->evaluations;
    }
    const double matrixMs = median(matrixRuns);

    // The same through the runner: a worker thread, progress to this one, from start to the finished signal.
    routing::RoutingRunner runner;
    int progressReports = 0;
    QObject::connect(&runner, &routing::RoutingRunner::progress, [&] { ++progressReports; });
    QEventLoop loop;
    QObject::connect(&runner, &routing::RoutingRunner::finished, &loop, &QEventLoop::quit);
    QElapsedTimer runnerTimer;
    runnerTimer.start();
    runner.start(input);
    loop.exec();
    const double runnerMs = static_cast<double>(runnerTimer.nsecsElapsed()) / 1e6;

    const double naiveMs = referenceUs * static_cast<double>(cells) / 1000.0;
    out << "routing matrix: " << input.callers.size() << " callers x " << input.moments.size() << " moments = " << cells
        << " cells (sample workspace, Europe/Amsterdam, 15m steps)\n";
    out << "reference: the endpoint plans one assistant-request in " << QString::number(referenceUs, 'f', 1)
        << " us (median of 3 x " << referenceCount << ")\n";
    out << "matrix: " << QString::number(matrixMs, 'f', 1) << " ms (median of " << repeat << "; best "
        << QString::number(*std::min_element(matrixRuns.cbegin(), matrixRuns.cend()), 'f', 1) << " ms), " << evaluations
        << " requests planned\n";
    out << "matrix through the runner (worker thread, " << progressReports
        << " progress reports): " << QString::number(runnerMs, 'f', 1) << " ms\n";
    out << "ratio: the matrix costs " << QString::number(matrixMs * 1000.0 / referenceUs, 'f', 0)
        << " single requests; planning every cell would take " << QString::number(naiveMs, 'f', 0) << " ms ("
        << QString::number(naiveMs / matrixMs, 'f', 0) << "x the matrix)\n";
    out << "per cell: " << QString::number(matrixMs * 1e6 / static_cast<double>(cells), 'f', 1) << " ns\n";
    out.flush();
    return matrixMs < 1000.0 ? 0 : 1;
}
