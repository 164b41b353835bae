// SPDX-License-Identifier: GPL-3.0-or-later

#include "cli.h"

#include "fixtures.h"
#include "historyappend.h"
#include "qtprinters.h"

#include "contract/signature.h"
#include "history/historystore.h"
#include "mock/mockendpoint.h"
#include "workspace/workspace.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>

#include <gtest/gtest.h>

#include <memory>
#include <ostream>

// Lets failure messages stream QStrings as text; found by argument-dependent lookup from GoogleTest's Message.
static std::ostream &operator<<(std::ostream &stream, const QString &text)
{
    return stream << text.toStdString();
}

namespace {

using dockside::history::Direction;
using dockside::history::ExchangeRecord;
using dockside::history::HistoryStore;

// What one in-process run printed, read back from the strings its streams wrote to.
struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

CliRun runInProcess(const QStringList &arguments)
{
    CliRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    run.exitCode = dockside::cli::runCli(QStringList {QStringLiteral("dockside-cli")} + arguments, {out, err});
    out.flush();
    err.flush();
    return run;
}

QString testData(const QString &relativePath)
{
    return QStringLiteral(DOCKSIDE_TEST_DATA_DIR "/") + relativePath;
}

ExchangeRecord makeRecord(int sequence, const QString &eventType, const QString &caller, int status,
                          const QByteArray &word)
{
    ExchangeRecord record;
    record.direction = Direction::Inbound;
    record.request.receivedAtUs = 1'700'000'000'000'000 + sequence * 1'000'000;
    record.request.method = QByteArrayLiteral("POST");
    record.request.target = QByteArrayLiteral("/hook");
    record.request.httpVersion = QByteArrayLiteral("HTTP/1.1");
    record.request.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    record.request.body = QByteArrayLiteral("{\"note\":\"") + word + QByteArrayLiteral("\"}");
    record.request.peerAddress = QStringLiteral("127.0.0.1");
    record.url = QStringLiteral("http://127.0.0.1:8790/hook");
    record.eventType = eventType;
    record.callerNumber = caller;
    record.responseStatus = status;
    record.responseBody = QByteArrayLiteral("{}");
    record.latencyUs = 1500;
    return record;
}

// Ids 1 to 4, oldest first; only the third body holds the word "show", which is also a subcommand's name.
QList<ExchangeRecord> fixtureRecords()
{
    return {
        makeRecord(1, QStringLiteral("assistant-request"), QStringLiteral("+31611111111"), 200, "inprocalpha"),
        makeRecord(2, QStringLiteral("assistant-request"), QStringLiteral("+4915100000001"), 200, "inprocbravo"),
        makeRecord(3, QStringLiteral("end-of-call-report"), QStringLiteral("+31611111111"), 500, "show me"),
        makeRecord(4, QStringLiteral("status-update"), QStringLiteral("+31622222222"), 200, "inprocdelta"),
    };
}

// Fills a new history file through the core's own writer, as serve and the window do.
bool writeHistory(const QString &path)
{
    HistoryStore store;
    QString error;
    if (!store.open({path, 0, 0}, &error))
        return false;
    const QList<qint64> ids = dockside::testing::appendAndWaitForIds(store, fixtureRecords());
    store.close();
    return ids == QList<qint64> {1, 2, 3, 4};
}

class CliInProcessHistory : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<QTemporaryDir>();
        ASSERT_TRUE(s_dir->isValid());
        ASSERT_TRUE(writeHistory(historyPath()));
    }
    static void TearDownTestSuite() { s_dir.reset(); }

    static QString historyPath() { return s_dir->filePath(QStringLiteral("history.sqlite")); }
    // The history file goes last, so the arguments' own order (options first or subcommand first) is kept.
    static CliRun history(const QStringList &arguments)
    {
        return runInProcess(QStringList {QStringLiteral("history")} + arguments +
                            QStringList {QStringLiteral("--history"), historyPath()});
    }
    static QList<int> listedIds(const QString &out)
    {
        QList<int> ids;
        for (const QString &line : out.split(QLatin1Char('\n'))) {
            bool ok = false;
            const int id = line.section(QLatin1Char(' '), 0, 0).toInt(&ok);
            if (ok && line.contains(QLatin1String("inbound")))
                ids.append(id);
        }
        return ids;
    }

    static inline std::unique_ptr<QTemporaryDir> s_dir;
};

TEST_F(CliInProcessHistory, ListIsTheDefaultAndShowsNewestFirst)
{
    const CliRun implicit = history({});
    ASSERT_EQ(implicit.exitCode, 0) << implicit.err;
    EXPECT_EQ(listedIds(implicit.out), (QList<int> {4, 3, 2, 1})) << implicit.out;
    EXPECT_TRUE(implicit.out.endsWith(QLatin1String("4 of 4 exchange(s) shown, newest first.\n"))) << implicit.out;
    EXPECT_TRUE(implicit.err.isEmpty()) << implicit.err;
    EXPECT_EQ(history({QStringLiteral("list")}).out, implicit.out);

    const CliRun limited = history({QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("2")});
    EXPECT_EQ(listedIds(limited.out), (QList<int> {4, 3}));
    EXPECT_TRUE(limited.out.endsWith(QLatin1String("2 of 4 exchange(s) shown, newest first.\n"))) << limited.out;
}

TEST_F(CliInProcessHistory, OptionsWorkBeforeOrAfterTheSubcommand)
{
    const QStringList orders[] = {
        {QStringLiteral("list"), QStringLiteral("--caller"), QStringLiteral("+316111")},
        {QStringLiteral("--caller"), QStringLiteral("+316111"), QStringLiteral("list")},
        {QStringLiteral("--caller"), QStringLiteral("+316111")},
        {QStringLiteral("--caller=+316111"), QStringLiteral("list")},
    };
    for (const QStringList &arguments : orders) {
        const CliRun run = history(arguments);
        EXPECT_EQ(run.exitCode, 0) << arguments.join(QLatin1Char(' ')) << ": " << run.err;
        EXPECT_EQ(listedIds(run.out), (QList<int> {3, 1})) << arguments.join(QLatin1Char(' ')) << '\n' << run.out;
    }
    const CliRun showFirst = runInProcess({QStringLiteral("history"), QStringLiteral("--history"), historyPath(),
                                           QStringLiteral("show"), QStringLiteral("2")});
    EXPECT_EQ(showFirst.exitCode, 0) << showFirst.err;
}

TEST_F(CliInProcessHistory, AnOptionsValueIsNeverTheSubcommand)
{
    // "show" here is the text searched for, not the show subcommand (which would need an ID).
    const CliRun search = history({QStringLiteral("--search"), QStringLiteral("show")});
    ASSERT_EQ(search.exitCode, 0) << search.err;
    EXPECT_EQ(listedIds(search.out), QList<int> {3}) << search.out;
    EXPECT_EQ(history({QStringLiteral("--search"), QStringLiteral("show"), QStringLiteral("list")}).out, search.out);

    // With a real subcommand after the value, the subcommand runs; the filter was always ignored by show.
    const CliRun searchThenShow =
        history({QStringLiteral("--search"), QStringLiteral("show"), QStringLiteral("show"), QStringLiteral("2")});
    EXPECT_EQ(searchThenShow.exitCode, 0) << searchThenShow.err;
    EXPECT_TRUE(searchThenShow.out.contains(QLatin1String("inprocbravo"))) << searchThenShow.out;

    // "history --search X show" without an ID is a usage error that says what is missing.
    const CliRun missingId =
        history({QStringLiteral("--search"), QStringLiteral("inprocalpha"), QStringLiteral("show")});
    EXPECT_EQ(missingId.exitCode, 2);
    EXPECT_TRUE(missingId.err.contains(QLatin1String("dockside-cli history show: expected ID"))) << missingId.err;
    EXPECT_TRUE(missingId.out.isEmpty()) << missingId.out;
}

TEST_F(CliInProcessHistory, ShowPrintsOneExchangeAsJson)
{
    const CliRun show = history({QStringLiteral("show"), QStringLiteral("2")});
    ASSERT_EQ(show.exitCode, 0) << show.err;
    QJsonParseError error;
    const QJsonObject exchange = QJsonDocument::fromJson(show.out.toUtf8(), &error).object();
    ASSERT_EQ(error.error, QJsonParseError::NoError) << show.out;
    EXPECT_EQ(exchange.value(QStringLiteral("id")).toInt(), 2);
    EXPECT_EQ(exchange.value(QStringLiteral("request")).toObject().value(QStringLiteral("body")).toString(),
              QStringLiteral("{\"note\":\"inprocbravo\"}"));

    const CliRun missing = history({QStringLiteral("show"), QStringLiteral("99")});
    EXPECT_EQ(missing.exitCode, 3);
    EXPECT_EQ(missing.err, QStringLiteral("dockside-cli history: no exchange with id 99.\n"));
}

TEST_F(CliInProcessHistory, CurlPrintsTheRequestAsACommand)
{
    const CliRun curl = history({QStringLiteral("curl"), QStringLiteral("1")});
    ASSERT_EQ(curl.exitCode, 0) << curl.err;
    EXPECT_TRUE(curl.out.startsWith(QLatin1String("curl "))) << curl.out;
    EXPECT_TRUE(curl.out.contains(QLatin1String("--data-binary '{\"note\":\"inprocalpha\"}'"))) << curl.out;
    EXPECT_EQ(history({QStringLiteral("curl"), QStringLiteral("abc")}).exitCode, 3);
}

TEST_F(CliInProcessHistory, ExportWritesJsonOrHarToTheOutStream)
{
    const CliRun json = history({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
                                 QStringLiteral("--event"), QStringLiteral("assistant-request")});
    ASSERT_EQ(json.exitCode, 0) << json.err;
    const QJsonArray exchanges =
        QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("exchanges")).toArray();
    ASSERT_EQ(exchanges.size(), 2) << json.out;
    EXPECT_EQ(exchanges.at(0).toObject().value(QStringLiteral("id")).toInt(), 1) << "exports run oldest first";

    // A stream over a device gets the export written into that device, as the real stdout does.
    QBuffer outDevice;
    ASSERT_TRUE(outDevice.open(QIODevice::WriteOnly));
    QString errText;
    QTextStream out(&outDevice);
    QTextStream err(&errText);
    const int exitCode = dockside::cli::runCli({QStringLiteral("dockside-cli"), QStringLiteral("history"),
                                                QStringLiteral("--status"), QStringLiteral("500"),
                                                QStringLiteral("export"), QStringLiteral("--history"), historyPath()},
                                               {out, err});
    out.flush();
    ASSERT_EQ(exitCode, 0) << errText;
    const QJsonArray entries = QJsonDocument::fromJson(outDevice.data())
                                   .object()
                                   .value(QStringLiteral("log"))
                                   .toObject()
                                   .value(QStringLiteral("entries"))
                                   .toArray();
    ASSERT_EQ(entries.size(), 1) << outDevice.data().toStdString();
    EXPECT_EQ(entries.at(0).toObject().value(QStringLiteral("response")).toObject().value(QStringLiteral("status")),
              QJsonValue(500));

    const QString harPath = s_dir->filePath(QStringLiteral("all.har"));
    const CliRun toFile = history({QStringLiteral("export"), QStringLiteral("--output"), harPath});
    EXPECT_EQ(toFile.exitCode, 0) << toFile.err;
    EXPECT_TRUE(toFile.out.isEmpty()) << toFile.out;
    EXPECT_TRUE(QFile::exists(harPath));

    const CliRun badFormat = history({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv")});
    EXPECT_EQ(badFormat.exitCode, 2);
    EXPECT_EQ(badFormat.err, QStringLiteral("dockside-cli history: --format takes har or json.\n"));
}

TEST_F(CliInProcessHistory, ClearAndItsOlderSpellingEmptyTheFile)
{
    for (const QString &spelling : {QStringLiteral("clear"), QStringLiteral("--clear")}) {
        const QString path = s_dir->filePath(QStringLiteral("to-clear") + spelling + QStringLiteral(".sqlite"));
        ASSERT_TRUE(writeHistory(path));
        const CliRun cleared = runInProcess({QStringLiteral("history"), spelling, QStringLiteral("--history"), path});
        EXPECT_EQ(cleared.exitCode, 0) << spelling << ": " << cleared.err;
        EXPECT_EQ(cleared.out,
                  QStringLiteral("Cleared the history ") + path + QStringLiteral(": 4 exchange(s) removed.\n"));
        EXPECT_EQ(runInProcess({QStringLiteral("history"), QStringLiteral("--history"), path}).out,
                  QStringLiteral("0 of 0 exchange(s) shown, newest first.\n"));
    }
}

TEST_F(CliInProcessHistory, ClearTakesNoFilter)
{
    const CliRun subcommand = history({QStringLiteral("clear"), QStringLiteral("--search"), QStringLiteral("x")});
    EXPECT_EQ(subcommand.exitCode, 2);
    EXPECT_TRUE(subcommand.err.startsWith(QLatin1String("dockside-cli history clear: it removes every exchange, so "
                                                        "it takes no filter.")))
        << subcommand.err;
    const CliRun older = history({QStringLiteral("list"), QStringLiteral("--clear")});
    EXPECT_EQ(older.exitCode, 2);
    EXPECT_TRUE(older.err.contains(QLatin1String("--clear removes every exchange, so it takes no action or filter")))
        << older.err;
    EXPECT_EQ(listedIds(history({}).out).size(), 4) << "nothing was removed";
}

TEST_F(CliInProcessHistory, UsageErrorsExitTwoWithAMessage)
{
    struct Case {
        QStringList arguments;
        QString message;
    };
    const QList<Case> cases {
        {{QStringLiteral("frobnicate")}, QStringLiteral("dockside-cli history: unknown subcommand \"frobnicate\".\n")},
        {{QStringLiteral("show")}, QStringLiteral("dockside-cli history show: expected ID\n")},
        {{QStringLiteral("curl"), QStringLiteral("1"), QStringLiteral("2")},
         QStringLiteral("dockside-cli history curl: expected ID\n")},
        {{QStringLiteral("--since"), QStringLiteral("yesterday")},
         QStringLiteral("dockside-cli history: --since takes an ISO 8601 time or a span such as 30m, 2h, 7d.\n")},
        {{QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("many")},
         QStringLiteral("dockside-cli: --limit expects a whole number, got \"many\".\n")},
        {{QStringLiteral("--direction"), QStringLiteral("sideways")},
         QStringLiteral("dockside-cli history: --direction takes inbound or outbound.\n")},
        {{QStringLiteral("list"), QStringLiteral("--frobnicate")},
         QStringLiteral("dockside-cli history list: Unknown option 'frobnicate'.\n")},
    };
    for (const Case &usage : cases) {
        const CliRun run = history(usage.arguments);
        const QString name = usage.arguments.join(QLatin1Char(' '));
        EXPECT_EQ(run.exitCode, 2) << name;
        EXPECT_TRUE(run.err.startsWith(usage.message)) << name << '\n' << run.err;
    }
}

TEST_F(CliInProcessHistory, AMissingFileIsAnInputError)
{
    const QString missing = s_dir->filePath(QStringLiteral("never.sqlite"));
    for (const QString &subcommand : {QStringLiteral("list"), QStringLiteral("clear")}) {
        const CliRun run = runInProcess({QStringLiteral("history"), subcommand, QStringLiteral("--history"), missing});
        EXPECT_EQ(run.exitCode, 3) << subcommand;
        EXPECT_TRUE(run.err.startsWith(QStringLiteral("dockside-cli history: no history at ") + missing)) << run.err;
        EXPECT_FALSE(QFile::exists(missing));
    }
}

TEST(CliInProcessHelp, HistoryHelpNamesTheSubcommandsAndEveryOption)
{
    for (const QStringList &arguments : {QStringList {QStringLiteral("history"), QStringLiteral("--help")},
                                         QStringList {QStringLiteral("help"), QStringLiteral("history")},
                                         QStringList {QStringLiteral("history"), QStringLiteral("-h")}}) {
        const CliRun help = runInProcess(arguments);
        EXPECT_EQ(help.exitCode, 0);
        EXPECT_TRUE(help.err.isEmpty()) << help.err;
        EXPECT_TRUE(
            help.out.startsWith(QLatin1String("Usage: dockside-cli history [options] [list | show ID | curl ID "
                                              "| export]\n       dockside-cli history clear [--history FILE]\n")))
            << help.out;
        for (const char *subcommand : {"  list ", "  show ", "  curl ", "  export ", "  clear "})
            EXPECT_TRUE(help.out.contains(QLatin1String(subcommand))) << subcommand;
        for (const char *option : {"--history", "--search", "--event", "--caller", "--status", "--outcome",
                                   "--direction", "--since", "--limit", "--format", "--output", "--clear"})
            EXPECT_TRUE(help.out.contains(QLatin1String(option))) << option;
    }
}

TEST(CliInProcessHelp, SubcommandHelpShowsOnlyItsOwnOptions)
{
    const CliRun show = runInProcess({QStringLiteral("history"), QStringLiteral("show"), QStringLiteral("--help")});
    EXPECT_EQ(show.exitCode, 0);
    EXPECT_TRUE(show.out.startsWith(QLatin1String("Usage: dockside-cli history show [options] ID\n"))) << show.out;
    EXPECT_TRUE(show.out.contains(QLatin1String("--history"))) << show.out;
    EXPECT_FALSE(show.out.contains(QLatin1String("--search"))) << show.out;

    const CliRun list = runInProcess({QStringLiteral("history"), QStringLiteral("--help"), QStringLiteral("list")});
    EXPECT_EQ(list.exitCode, 0);
    EXPECT_TRUE(list.out.startsWith(QLatin1String("Usage: dockside-cli history list [options]"))) << list.out;
    EXPECT_TRUE(list.out.contains(QLatin1String("--limit"))) << list.out;
    EXPECT_FALSE(list.out.contains(QLatin1String("--format"))) << list.out;
}

TEST(CliInProcessHelp, VersionNamesTheLicenceAndTheLackOfWarranty)
{
    for (const QString &option : {QStringLiteral("--version"), QStringLiteral("-v")}) {
        const CliRun version = runInProcess({option});
        EXPECT_EQ(version.exitCode, 0) << option;
        const QStringList lines = version.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        ASSERT_EQ(lines.size(), 4) << version.out;
        EXPECT_EQ(lines.at(0), QStringLiteral("dockside-cli " DOCKSIDE_VERSION));
        EXPECT_TRUE(lines.at(1).startsWith(QLatin1String("License GPL-3.0-or-later: GNU GPL version 3 or later")))
            << lines.at(1);
        EXPECT_TRUE(version.out.contains(QLatin1String("There is NO WARRANTY"))) << version.out;
        EXPECT_TRUE(version.err.isEmpty()) << version.err;
    }
}

TEST(CliInProcessHelp, TopLevelHelpVersionAndUnknownCommand)
{
    const CliRun help = runInProcess({QStringLiteral("--help")});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.startsWith(QLatin1String("Usage: dockside-cli COMMAND [options] [arguments]\n"))) << help.out;
    for (const char *command : {"  history ", "  templates ", "  contacts ", "  serve "})
        EXPECT_TRUE(help.out.contains(QLatin1String(command))) << command;

    const CliRun version = runInProcess({QStringLiteral("--version")});
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_TRUE(version.out.startsWith(QStringLiteral("dockside-cli " DOCKSIDE_VERSION "\n"))) << version.out;

    const CliRun nothing = runInProcess({});
    EXPECT_EQ(nothing.exitCode, 2);
    EXPECT_TRUE(nothing.out.isEmpty());
    EXPECT_TRUE(nothing.err.startsWith(QLatin1String("Usage: dockside-cli COMMAND"))) << nothing.err;

    const CliRun unknown = runInProcess({QStringLiteral("frobnicate")});
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_TRUE(unknown.err.startsWith(QLatin1String("dockside-cli: unknown command \"frobnicate\".\n")))
        << unknown.err;
}

class CliInProcessWorkspace : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    QString copyOfSeedWorkspace()
    {
        const QString path = m_dir.filePath(QStringLiteral("ws.dockside.json"));
        EXPECT_TRUE(QFile::copy(seedAnswersWorkspacePath(), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        return path;
    }

    QTemporaryDir m_dir;
};

TEST_F(CliInProcessWorkspace, TemplatesListAndExport)
{
    const CliRun list = runInProcess(
        {QStringLiteral("templates"), QStringLiteral("list"), QStringLiteral("-w"), seedAnswersWorkspacePath()});
    ASSERT_EQ(list.exitCode, 0) << list.err;
    EXPECT_TRUE(list.out.startsWith(QLatin1String("ID  "))) << list.out;
    EXPECT_EQ(list.out.count(QLatin1Char('\n')), 8) << "a header and seven templates\n" << list.out;
    EXPECT_TRUE(list.out.contains(QLatin1String("\nreject "))) << list.out;

    const CliRun exported = runInProcess({QStringLiteral("templates"), QStringLiteral("export"),
                                          QStringLiteral("reject"), QStringLiteral("-w"), seedAnswersWorkspacePath()});
    ASSERT_EQ(exported.exitCode, 0) << exported.err;
    const QJsonObject document = QJsonDocument::fromJson(exported.out.toUtf8()).object();
    EXPECT_EQ(document.value(QStringLiteral("dockside_templates")).toInt(), 1) << exported.out;
    EXPECT_EQ(document.value(QStringLiteral("templates")).toArray().size(), 1);

    const CliRun unknown = runInProcess({QStringLiteral("templates"), QStringLiteral("export"), QStringLiteral("nope"),
                                         QStringLiteral("-w"), seedAnswersWorkspacePath()});
    EXPECT_EQ(unknown.exitCode, 3);
    EXPECT_TRUE(unknown.err.startsWith(QLatin1String("dockside-cli templates export: no template \"nope\"")))
        << unknown.err;
}

TEST_F(CliInProcessWorkspace, TemplatesImportSavesInPlace)
{
    const QString workspace = copyOfSeedWorkspace();
    const CliRun imported = runInProcess({QStringLiteral("templates"), QStringLiteral("import"),
                                          testData(QStringLiteral("workspaces/templates/support-pack.json")),
                                          QStringLiteral("-w"), workspace});
    ASSERT_EQ(imported.exitCode, 0) << imported.err;
    EXPECT_TRUE(imported.out.contains(QLatin1String("added reject-2 (renamed from reject"))) << imported.out;
    const CliRun list =
        runInProcess({QStringLiteral("templates"), QStringLiteral("list"), QStringLiteral("-w"), workspace});
    EXPECT_TRUE(list.out.contains(QLatin1String("\nreject-2 "))) << list.out;
}

TEST_F(CliInProcessWorkspace, ContactsImportThenList)
{
    const QString workspace = copyOfSeedWorkspace();
    const CliRun imported =
        runInProcess({QStringLiteral("contacts"), QStringLiteral("import"),
                      testData(QStringLiteral("contacts/six-contacts.csv")), QStringLiteral("-w"), workspace});
    ASSERT_EQ(imported.exitCode, 0) << imported.err;
    EXPECT_TRUE(imported.out.contains(QLatin1String("6 added"))) << imported.out;

    const CliRun list =
        runInProcess({QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("-w"), workspace});
    ASSERT_EQ(list.exitCode, 0) << list.err;
    EXPECT_TRUE(list.out.startsWith(QLatin1String("NUMBER "))) << list.out;
    EXPECT_TRUE(list.out.contains(QLatin1String("Jonas Becker"))) << list.out;

    const CliRun json = runInProcess({QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--json"),
                                      QStringLiteral("-w"), workspace});
    ASSERT_EQ(json.exitCode, 0) << json.err;
    EXPECT_EQ(QJsonDocument::fromJson(json.out.toUtf8()).array().size(), 6) << json.out;
}

TEST_F(CliInProcessWorkspace, GroupUsageErrors)
{
    const CliRun bare = runInProcess({QStringLiteral("templates")});
    EXPECT_EQ(bare.exitCode, 2);
    EXPECT_TRUE(bare.err.startsWith(QLatin1String("Usage: dockside-cli templates SUBCOMMAND"))) << bare.err;

    const CliRun unknown = runInProcess({QStringLiteral("contacts"), QStringLiteral("delete")});
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_TRUE(unknown.err.startsWith(QLatin1String("dockside-cli contacts: unknown subcommand \"delete\".\n")))
        << unknown.err;

    const CliRun noWorkspace = runInProcess(
        {QStringLiteral("contacts"), QStringLiteral("import"), testData(QStringLiteral("contacts/six-contacts.csv"))});
    EXPECT_EQ(noWorkspace.exitCode, 2);
    EXPECT_TRUE(noWorkspace.err.startsWith(QLatin1String("dockside-cli contacts import: --workspace FILE is required")))
        << noWorkspace.err;

    const CliRun help = runInProcess({QStringLiteral("contacts"), QStringLiteral("--help")});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.contains(QLatin1String("  import "))) << help.out;
}

// --sdk on the commands that send events: the payload's shape follows it, and a wrong value is a usage error.
class CliInProcessSdk : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_endpoint.setResponder(dockside::mock::MockResponder(dockside::workspace::Workspace {}, {}, 5000));
        dockside::mock::MockEndpointOptions options;
        options.port = 0;
        m_endpoint.start(options);
        ASSERT_TRUE(m_endpoint.isRunning());
    }

    // The message of every event a whole call sent, in order.
    QList<QJsonObject> callMessages(const QStringList &extra)
    {
        const CliRun run = runInProcess(
            QStringList {QStringLiteral("call"), m_endpoint.url().toString(), QStringLiteral("--json")} + extra);
        EXPECT_EQ(run.exitCode, 0) << run.err;
        QList<QJsonObject> messages;
        for (const QJsonValue &step : QJsonDocument::fromJson(run.out.toUtf8()).array()) {
            const QString body = step.toObject().value(QStringLiteral("body")).toString();
            if (!body.isEmpty())
                messages.append(
                    QJsonDocument::fromJson(body.toUtf8()).object().value(QStringLiteral("message")).toObject());
        }
        return messages;
    }

    dockside::mock::MockEndpoint m_endpoint {nullptr}; // no history
};

const QStringList kEarlierSdkFields {QStringLiteral("end_reason"), QStringLiteral("started_at"),
                                     QStringLiteral("ended_at")};

TEST_F(CliInProcessSdk, ACallFollowsTheCurrentSdkUnlessAskedForTheEarlierOne)
{
    for (const QStringList &current :
         {QStringList {}, QStringList {QStringLiteral("--sdk"), QStringLiteral("1.0.1")}}) {
        const QList<QJsonObject> messages = callMessages(current);
        ASSERT_EQ(messages.size(), 4) << current.join(QLatin1Char(' '));
        for (const QJsonObject &message : messages) {
            EXPECT_FALSE(message.value(QStringLiteral("phone_number")).toObject().contains(QStringLiteral("id")));
            for (const QString &field : kEarlierSdkFields)
                EXPECT_FALSE(message.contains(field)) << field;
        }
    }

    const QList<QJsonObject> earlier = callMessages({QStringLiteral("--sdk"), QStringLiteral("1.0.0")});
    ASSERT_EQ(earlier.size(), 4);
    for (const QJsonObject &message : earlier)
        EXPECT_TRUE(message.value(QStringLiteral("phone_number")).toObject().contains(QStringLiteral("id")));
    const QJsonObject report = earlier.constLast();
    ASSERT_EQ(report.value(QStringLiteral("type")).toString(), QStringLiteral("end-of-call-report"));
    for (const QString &field : kEarlierSdkFields)
        EXPECT_TRUE(report.contains(field)) << field;
    EXPECT_EQ(earlier.at(2).value(QStringLiteral("end_reason")).toString(), QStringLiteral("customer-ended-call"))
        << "the closing status update";
}

TEST(CliInProcessSdkOption, AnUnknownVersionIsAUsageErrorOnEveryCommandThatSends)
{
    for (const QString &command : {QStringLiteral("send"), QStringLiteral("call"), QStringLiteral("burst")}) {
        const CliRun run = runInProcess(
            {command, QStringLiteral("http://127.0.0.1:1/hook"), QStringLiteral("--sdk"), QStringLiteral("2.0")});
        EXPECT_EQ(run.exitCode, 2) << command;
        EXPECT_TRUE(
            run.err.startsWith(QStringLiteral("dockside-cli ") + command +
                               QStringLiteral(": unknown --sdk \"2.0\"; use 1.0.1 (the current SDK) or 1.0.0.\n")))
            << run.err;

        const CliRun help = runInProcess({command, QStringLiteral("--help")});
        EXPECT_EQ(help.exitCode, 0);
        EXPECT_TRUE(help.out.contains(QLatin1String("--sdk <VERSION>"))) << command << '\n' << help.out;
    }
}

// dockside-cli verify says why a signature fails: one run per diagnosis family, in text and in JSON.
TEST(CliInProcessVerify, SaysWhyASignatureFails)
{
    const QByteArray secret = QByteArrayLiteral("whsec_test_secret_12345");
    qputenv("DOCKSIDE_VERIFY_TEST_SECRET", secret);
    const QString body = testData(QStringLiteral("signing/body.json")); // {"test":true}, no newline
    const auto hmac = [&secret](const QByteArray &signedString, const QByteArray &key = {}) -> QString {
        return QStringLiteral("sha256=") +
            QString::fromLatin1(dockside::contract::signatureHex(key.isEmpty() ? secret : key, signedString));
    };
    struct Case {
        const char *name;
        QStringList arguments;
        const char *code;
    };
    const QString now = QStringLiteral("1700000000");
    const Case cases[] = {
        {"pretty body",
         {QStringLiteral("--timestamp"), now, QStringLiteral("--signature"), hmac("1700000000.{\n  \"test\": true\n}")},
         "body_pretty"},
        {"milliseconds",
         {QStringLiteral("--timestamp"), now, QStringLiteral("--signature"), hmac("1700000000250.{\"test\":true}")},
         "timestamp_milliseconds"},
        {"whsec_ prefix",
         {QStringLiteral("--timestamp"), now, QStringLiteral("--signature"),
          hmac("1700000000.{\"test\":true}", "test_secret_12345")},
         "secret_whsec_prefix"},
        {"clock skew",
         {QStringLiteral("--timestamp"), QStringLiteral("1699999000"), QStringLiteral("--signature"),
          hmac("1699999000.{\"test\":true}")},
         "clock_skew"},
        {"renamed header",
         {QStringLiteral("--timestamp"), now, QStringLiteral("--header"),
          QStringLiteral("X-Hub-Signature-256: ") + hmac("1700000000.{\"test\":true}")},
         "header_renamed"},
        {"other secret",
         {QStringLiteral("--timestamp"), now, QStringLiteral("--signature"),
          hmac("1700000000.{\"test\":true}", "whsec_other")},
         "secret_differs"},
    };
    for (const Case &verifyCase : cases) {
        SCOPED_TRACE(verifyCase.name);
        const QStringList arguments =
            QStringList {QStringLiteral("verify"),       body,
                         QStringLiteral("--now"),        now,
                         QStringLiteral("--secret-env"), QStringLiteral("DOCKSIDE_VERIFY_TEST_SECRET")} +
            verifyCase.arguments;
        const CliRun text = runInProcess(arguments);
        EXPECT_EQ(text.exitCode, 1) << text.out << text.err;
        EXPECT_TRUE(
            text.out.contains(QStringLiteral("\nWhy (") + QLatin1String(verifyCase.code) + QStringLiteral("): ")))
            << text.out;

        const CliRun json = runInProcess(arguments + QStringList {QStringLiteral("--json")});
        EXPECT_EQ(json.exitCode, 1);
        const QJsonObject object = QJsonDocument::fromJson(json.out.toUtf8()).object();
        EXPECT_FALSE(object.value(QStringLiteral("valid")).toBool());
        EXPECT_EQ(object.value(QStringLiteral("diagnosis")).toObject().value(QStringLiteral("code")).toString(),
                  QLatin1String(verifyCase.code))
            << json.out;
        EXPECT_FALSE(json.out.contains(QString::fromLatin1(secret))) << "the secret never reaches the output";
    }

    const CliRun valid =
        runInProcess({QStringLiteral("verify"), body, QStringLiteral("--now"), now, QStringLiteral("--secret-env"),
                      QStringLiteral("DOCKSIDE_VERIFY_TEST_SECRET"), QStringLiteral("--timestamp"), now,
                      QStringLiteral("--signature"), hmac("1700000000.{\"test\":true}"), QStringLiteral("--json")});
    EXPECT_EQ(valid.exitCode, 0);
    const QJsonObject validObject = QJsonDocument::fromJson(valid.out.toUtf8()).object();
    EXPECT_TRUE(validObject.value(QStringLiteral("valid")).toBool());
    EXPECT_FALSE(validObject.contains(QStringLiteral("diagnosis")));
    qunsetenv("DOCKSIDE_VERIFY_TEST_SECRET");
}

} // namespace
