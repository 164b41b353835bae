// SPDX-License-Identifier: GPL-3.0-or-later

#include "checkcommand.h"

#include "commandline.h"
#include "inputfiles.h"
#include "secretoption.h"
#include "signalwatcher.h"
#include "workspaceoption.h"

#include "composer/junitreport.h"
#include "composer/suiterunner.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSet>

namespace dockside::cli {

namespace {

QString milliseconds(double value)
{
    return QString::number(value, 'f', 1) + QLatin1String(" ms");
}

void printResult(const composer::ScenarioResult &result, QTextStream &out)
{
    if (result.cancelled) {
        out << "SKIP  " << result.scenarioName << " (cancelled)\n";
        return;
    }
    out << (result.passed() ? "PASS  " : "FAIL  ") << result.scenarioName << " (" << milliseconds(result.latencyMs())
        << ")\n";
    for (const composer::ExpectationResult &failed : result.failedExpectations())
        out << "      " << failed.name << ": expected " << failed.expected << ", actual " << failed.actual << '\n';
}

} // namespace

QString CheckCommand::summary() const
{
    return QStringLiteral("Runs scenarios against URL and checks every expectation on the answers; exits 1 when\n"
                          "any expectation fails. Scenarios come from --scenarios FILE, else from the workspace\n"
                          "(default: the built-in sample's, which pass against `dockside-cli serve`).\n"
                          "--junit writes JUnit XML for CI systems.");
}

int CheckCommand::run(const QStringList &arguments, Streams streams) const
{
    QCommandLineParser parser;
    const QCommandLineOption secretEnv = secretVariableOption();
    parser.addOptions({
        {QStringLiteral("scenarios"),
         QStringLiteral("Scenario file: {\"dockside_scenarios\": 1, \"scenarios\": [...]} (default: the "
                        "workspace's scenarios)."),
         QStringLiteral("FILE")},
        workspaceOption(),
        {QStringLiteral("junit"), QStringLiteral("Write the results as JUnit XML to this file."),
         QStringLiteral("FILE")},
        {QStringLiteral("concurrency"),
         QStringLiteral("Events in flight at most (default %1).").arg(composer::kDefaultSuiteConcurrency),
         QStringLiteral("N")},
        {QStringLiteral("only"),
         QStringLiteral("Run only the scenario with this id; repeat it, or separate ids with commas."),
         QStringLiteral("ID")},
        secretEnv,
    });
    if (const auto exit = parseCommandLine(parser, *this, arguments, 1, QStringLiteral("URL"), streams))
        return *exit;

    const QUrl url = QUrl::fromUserInput(parser.positionalArguments().constFirst());
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        streams.err << "dockside-cli check: \"" << parser.positionalArguments().constFirst()
                    << "\" is not an http or https URL.\n";
        return kExitUsage;
    }
    const auto concurrency =
        integerOption(parser, QStringLiteral("concurrency"), composer::kDefaultSuiteConcurrency, streams);
    if (!concurrency)
        return kExitUsage;
    if (*concurrency < 1 || *concurrency > 64) {
        streams.err << "dockside-cli check: --concurrency takes a number from 1 to 64.\n";
        return kExitUsage;
    }

    const std::optional<workspace::Workspace> workspace = loadWorkspaceOption(parser, streams);
    if (!workspace)
        return kExitInput;
    QList<composer::Scenario> scenarios = workspace->scenarios;
    QString suiteName = workspace->name;
    if (parser.isSet(QStringLiteral("scenarios"))) {
        const QString fileName = parser.value(QStringLiteral("scenarios"));
        const auto content = readInputFile(fileName, streams);
        if (!content)
            return kExitInput;
        const composer::ScenarioFileLoad load = composer::parseScenarioFile(*content);
        for (const base::LoadError &error : load.errors)
            streams.err << base::formatLoadError(fileName, error) << '\n';
        if (!load.errors.isEmpty())
            return kExitInput;
        scenarios = load.scenarios;
        suiteName = QFileInfo(fileName).completeBaseName();
    }

    QStringList only;
    for (const QString &value : parser.values(QStringLiteral("only")))
        only += value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (!only.isEmpty()) {
        QSet<QString> known;
        for (const composer::Scenario &scenario : std::as_const(scenarios))
            known.insert(scenario.id);
        for (const QString &id : std::as_const(only)) {
            if (!known.contains(id)) {
                streams.err << "dockside-cli check: no scenario with id \"" << id << "\"; the ids are: "
                            << QStringList(known.cbegin(), known.cend()).join(QStringLiteral(", ")) << ".\n";
                return kExitUsage;
            }
        }
        scenarios.removeIf([&only](const composer::Scenario &scenario) { return !only.contains(scenario.id); });
    }
    if (scenarios.isEmpty()) {
        streams.err << "dockside-cli check: there are no scenarios to run.\n";
        return kExitInput;
    }

    // Without the variable the events go out unsigned, as the platform does without a secret.
    const QByteArray secret = qgetenv(parser.value(secretEnv).toLocal8Bit().constData());
    streams.out << "Checking " << scenarios.size() << " scenario" << (scenarios.size() == 1 ? "" : "s") << " against "
                << url.toString() << (secret.isEmpty() ? " (unsigned)" : " (signed)") << '\n';
    streams.out.flush();

    composer::SuiteRunner runner;
    SignalWatcher watcher;
    std::optional<composer::SuiteReport> report;
    QObject::connect(&runner, &composer::SuiteRunner::scenarioFinished, &runner,
                     [&](const composer::ScenarioResult &result) {
                         printResult(result, streams.out);
                         streams.out.flush();
                     });
    QObject::connect(&runner, &composer::SuiteRunner::finished, &runner, [&](const composer::SuiteReport &finished) {
        report = finished;
        QCoreApplication::quit();
    });
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &runner, [&](int) { runner.cancel(); });
    runner.run(url, scenarios, secret, workspace->defaultAssistant, static_cast<int>(*concurrency));
    QCoreApplication::exec();
    if (!report)
        return kExitCannotStart;

    for (const composer::ScenarioResult &result : std::as_const(report->results)) {
        if (result.cancelled)
            printResult(result, streams.out);
    }
    streams.out << report->passedCount() << " passed, " << report->failedCount() << " failed";
    if (report->cancelledCount() > 0)
        streams.out << ", " << report->cancelledCount() << " cancelled";
    streams.out << " in " << milliseconds(static_cast<double>(report->elapsedMs)) << '\n';
    if (parser.isSet(QStringLiteral("junit"))) {
        QString error;
        if (!composer::writeJUnitFile(*report, suiteName, parser.value(QStringLiteral("junit")), &error)) {
            streams.err << "dockside-cli check: " << error << '\n';
            return kExitInput;
        }
        streams.out << "JUnit report: " << parser.value(QStringLiteral("junit")) << '\n';
    }
    return report->allPassed() ? kExitOk : kExitCheckFailed;
}

} // namespace dockside::cli
