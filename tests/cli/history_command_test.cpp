// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "qtprinters.h"
#include "serveprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>

namespace {

// Everything answers 200 from "ok" except end-of-call reports, which get a 500: a history with two statuses.
const QByteArray kWorkspace = QByteArrayLiteral(R"({
  "version": 1,
  "name": "History fixture",
  "fallback_template": "ok",
  "templates": [
    {"id": "ok", "name": "OK", "status": 200, "headers": [{"name": "Content-Type", "value": "application/json"}],
     "delay_ms": 0, "body": {"assistant": {"first_message": "Hello from the fixture"}}},
    {"id": "boom", "name": "Boom", "status": 500, "headers": [{"name": "Content-Type", "value": "text/plain"}],
     "delay_ms": 0, "raw_body": "boom\n"}
  ],
  "rules": [
    {"id": "reports-fail", "name": "Reports fail",
     "conditions": [{"kind": "event", "equals": "end-of-call-report"}], "template": "boom"}
  ],
  "contacts": [],
  "scenarios": []
})");

struct SentRequest {
    const char *path;
    const char *event; // empty: no X-Webhook-Event header
    const char *callId;
    const char *caller;
};

// In this order, so ids 1 to 5.
const SentRequest kSent[] = {
    {"/hook", "assistant-request", "histalpha", "+31611111111"},
    {"/hook", "assistant-request", "histbravo", "+4915100000001"},
    {"/hook", "end-of-call-report", "histcharlie", "+31611111111"},
    {"/hook", "status-update", "histdelta", "+31622222222"},
    {"/plain", "", "histecho", "+15550000000"},
};

class HistoryCommandTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<QTemporaryDir>();
        ASSERT_TRUE(s_dir->isValid());
        QFile workspace(s_dir->filePath(QStringLiteral("history.dockside.json")));
        ASSERT_TRUE(workspace.open(QIODevice::WriteOnly));
        workspace.write(kWorkspace);
        workspace.close();

        ServeProcess serve;
        ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"),
                                 historyPath(), QStringLiteral("--workspace"), workspace.fileName()}))
            << serve.standardError().toStdString();
        for (const SentRequest &sent : kSent) {
            QUrl url = serve.url();
            url.setPath(QLatin1String(sent.path));
            // The last one is no VoiceDock event at all: no header, and no message.type in its body.
            const QByteArray body = *sent.event
                ? assistantRequestBody(QLatin1String(sent.callId), QLatin1String(sent.caller))
                : QByteArray(QByteArrayLiteral("{\"note\":\"") + sent.callId + QByteArrayLiteral("\"}"));
            s_bodies.append(body);
            const RequestHeaders headers = *sent.event ? webhookHeaders(sent.event) : RequestHeaders {};
            const HttpAnswer answer = postRequest(url, body, headers);
            ASSERT_EQ(answer.status, QByteArrayView(sent.event) == "end-of-call-report" ? 500 : 200)
                << sent.callId << ' ' << answer.error.toStdString();
        }
        ASSERT_EQ(serve.stop(SIGTERM), 0) << serve.standardError().toStdString();
    }
    static void TearDownTestSuite() { s_dir.reset(); }

    static QString historyPath() { return s_dir->filePath(QStringLiteral("history.sqlite")); }
    static CliResult history(const QStringList &arguments)
    {
        return runCli(QStringList {QStringLiteral("history"), QStringLiteral("--history"), historyPath()} + arguments);
    }
    // The ids of the listed rows, in the order they were printed.
    static QList<int> listedIds(const QByteArray &out)
    {
        QList<int> ids;
        for (const QByteArray &line : out.split('\n')) {
            bool ok = false;
            const int id = line.left(line.indexOf(' ')).toInt(&ok);
            if (ok && line.contains("inbound"))
                ids.append(id);
        }
        return ids;
    }

    static inline std::unique_ptr<QTemporaryDir> s_dir;
    static inline QList<QByteArray> s_bodies;
};

} // namespace

TEST_F(HistoryCommandTest, ListShowsNewestFirstWithTheCount)
{
    const CliResult result = history({});
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_EQ(listedIds(result.out), (QList<int> {5, 4, 3, 2, 1})) << result.out.toStdString();
    EXPECT_TRUE(result.out.endsWith("5 of 5 exchange(s) shown, newest first.\n")) << result.out.toStdString();
    const QList<QByteArray> lines = result.out.split('\n');
    EXPECT_TRUE(lines.at(0).contains("POST /plain  -> 200")) << lines.at(0).toStdString();
    EXPECT_TRUE(lines.at(2).contains("POST /hook  end-of-call-report  +31611111111  -> 500"))
        << lines.at(2).toStdString();
    EXPECT_TRUE(lines.at(4).contains("POST /hook  assistant-request  +31611111111  -> 200  answered/override"))
        << lines.at(4).toStdString();

    const CliResult explicitList = history({QStringLiteral("list")});
    EXPECT_EQ(explicitList.out, result.out);
    const CliResult limited = history({QStringLiteral("--limit"), QStringLiteral("2")});
    EXPECT_EQ(listedIds(limited.out), (QList<int> {5, 4}));
    EXPECT_TRUE(limited.out.endsWith("2 of 5 exchange(s) shown, newest first.\n")) << limited.out.toStdString();
}

TEST_F(HistoryCommandTest, FiltersNarrowTheList)
{
    struct Case {
        QStringList arguments;
        QList<int> ids;
    };
    const QList<Case> cases {
        {{QStringLiteral("--event"), QStringLiteral("assistant-request")}, {2, 1}},
        {{QStringLiteral("--event"), QStringLiteral("end-of-call-report"), QStringLiteral("--event"),
          QStringLiteral("status-update")},
         {4, 3}},
        {{QStringLiteral("--caller"), QStringLiteral("+316111")}, {3, 1}},
        {{QStringLiteral("--caller"), QStringLiteral("+49")}, {2}},
        {{QStringLiteral("--status"), QStringLiteral("500")}, {3}},
        {{QStringLiteral("--status"), QStringLiteral("200")}, {5, 4, 2, 1}},
        {{QStringLiteral("--search"), QStringLiteral("histbravo")}, {2}},
        {{QStringLiteral("--search"), QStringLiteral("histecho")}, {5}},
        {{QStringLiteral("--search"), QStringLiteral("fixture")}, {5, 4, 2, 1}},
        {{QStringLiteral("--search"), QStringLiteral("boom")}, {3}},
        {{QStringLiteral("--search"), QStringLiteral("nothing-like-this")}, {}},
        {{QStringLiteral("--event"), QStringLiteral("assistant-request"), QStringLiteral("--caller"),
          QStringLiteral("+31")},
         {1}},
        {{QStringLiteral("--outcome"), QStringLiteral("override")}, {2, 1}},
        {{QStringLiteral("--direction"), QStringLiteral("outbound")}, {}},
        {{QStringLiteral("--since"), QStringLiteral("1h")}, {5, 4, 3, 2, 1}},
        {{QStringLiteral("--since"), QStringLiteral("2999-01-01T00:00:00Z")}, {}},
    };
    for (const Case &filter : cases) {
        const std::string name = filter.arguments.join(QLatin1Char(' ')).toStdString();
        const CliResult result = history(filter.arguments);
        EXPECT_EQ(result.exitCode, 0) << name << ": " << result.err.toStdString();
        EXPECT_EQ(listedIds(result.out), filter.ids) << name << '\n' << result.out.toStdString();
        const QByteArray count = QByteArray::number(filter.ids.size());
        EXPECT_TRUE(result.out.endsWith(QByteArray(count + " of " + count + " exchange(s) shown, newest first.\n")))
            << name << '\n'
            << result.out.toStdString();
    }
}

TEST_F(HistoryCommandTest, BadOptionsAreUsageErrors)
{
    for (const QStringList &arguments :
         {QStringList {QStringLiteral("--since"), QStringLiteral("yesterday")},
          QStringList {QStringLiteral("--since"), QStringLiteral("-5m")},
          QStringList {QStringLiteral("--status"), QStringLiteral("ok")},
          QStringList {QStringLiteral("--limit"), QStringLiteral("many")},
          QStringList {QStringLiteral("--direction"), QStringLiteral("sideways")},
          QStringList {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv")},
          QStringList {QStringLiteral("show")}, QStringList {QStringLiteral("frobnicate")}}) {
        const CliResult result = history(arguments);
        EXPECT_EQ(result.exitCode, 2) << arguments.join(QLatin1Char(' ')).toStdString();
        EXPECT_FALSE(result.err.isEmpty()) << arguments.join(QLatin1Char(' ')).toStdString();
    }
    const CliResult since = history({QStringLiteral("--since"), QStringLiteral("yesterday")});
    EXPECT_TRUE(since.err.contains("--since takes an ISO 8601 time or a span such as 30m, 2h, 7d"))
        << since.err.toStdString();
}

TEST_F(HistoryCommandTest, ShowPrintsTheExchangeWithTheRawBody)
{
    const CliResult result = history({QStringLiteral("show"), QStringLiteral("2")});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    QJsonParseError error;
    const QJsonObject exchange = QJsonDocument::fromJson(result.out, &error).object();
    ASSERT_EQ(error.error, QJsonParseError::NoError) << result.out.toStdString();
    EXPECT_EQ(exchange.value(QStringLiteral("id")).toInt(), 2);
    EXPECT_EQ(exchange.value(QStringLiteral("direction")).toString(), QStringLiteral("inbound"));
    const QJsonObject request = exchange.value(QStringLiteral("request")).toObject();
    EXPECT_EQ(request.value(QStringLiteral("body")).toString().toUtf8(), s_bodies.at(1));
    const QJsonObject event = exchange.value(QStringLiteral("event")).toObject();
    EXPECT_EQ(event.value(QStringLiteral("callId")).toString(), QStringLiteral("histbravo"));
    EXPECT_EQ(event.value(QStringLiteral("type")).toString(), QStringLiteral("assistant-request"));
    EXPECT_TRUE(result.out.contains("Hello from the fixture")) << "the response body is in the exchange too";

    const CliResult missing = history({QStringLiteral("show"), QStringLiteral("999")});
    EXPECT_EQ(missing.exitCode, 3);
    EXPECT_TRUE(missing.err.contains("no exchange with id 999")) << missing.err.toStdString();
}

TEST_F(HistoryCommandTest, CurlPrintsACommandThatSendsTheSameBody)
{
    const CliResult result = history({QStringLiteral("curl"), QStringLiteral("2")});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.startsWith("curl ")) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(QByteArray("--data-binary '" + s_bodies.at(1) + "'"))) << result.out.toStdString();
    EXPECT_EQ(history({QStringLiteral("curl"), QStringLiteral("999")}).exitCode, 3);
}

TEST_F(HistoryCommandTest, ExportsHarWithEveryEntry)
{
    const QString harPath = s_dir->filePath(QStringLiteral("all.har"));
    const CliResult result = history({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("har"),
                                      QStringLiteral("--no-redact"), QStringLiteral("--output"), harPath});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.isEmpty()) << "the export went to the file, not standard output";
    QFile file(harPath);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonObject log =
        QJsonDocument::fromJson(file.readAll(), &error).object().value(QStringLiteral("log")).toObject();
    ASSERT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString();
    EXPECT_EQ(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
    EXPECT_EQ(log.value(QStringLiteral("creator")).toObject().value(QStringLiteral("name")).toString().isEmpty(),
              false);
    const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
    ASSERT_EQ(entries.size(), 5);
    const QJsonObject first = entries.at(0).toObject();
    const QJsonObject request = first.value(QStringLiteral("request")).toObject();
    EXPECT_EQ(request.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    EXPECT_TRUE(request.value(QStringLiteral("url")).toString().startsWith(QStringLiteral("http://127.0.0.1:")))
        << request.value(QStringLiteral("url")).toString().toStdString();
    EXPECT_EQ(request.value(QStringLiteral("postData")).toObject().value(QStringLiteral("text")).toString().toUtf8(),
              s_bodies.at(0));
    EXPECT_EQ(
        entries.at(2).toObject().value(QStringLiteral("response")).toObject().value(QStringLiteral("status")).toInt(),
        500);
    for (const QJsonValue &entry : entries) {
        for (const char *key : {"startedDateTime", "time", "request", "response", "cache", "timings"})
            EXPECT_TRUE(entry.toObject().contains(QLatin1String(key))) << key;
    }

    // Filters apply to exports too; without --output it goes to standard output.
    const CliResult filtered = history({QStringLiteral("export"), QStringLiteral("--status"), QStringLiteral("500")});
    ASSERT_EQ(filtered.exitCode, 0) << filtered.err.toStdString();
    const QJsonArray filteredEntries = QJsonDocument::fromJson(filtered.out)
                                           .object()
                                           .value(QStringLiteral("log"))
                                           .toObject()
                                           .value(QStringLiteral("entries"))
                                           .toArray();
    EXPECT_EQ(filteredEntries.size(), 1) << filtered.out.toStdString();
}

TEST_F(HistoryCommandTest, ExportsJson)
{
    const CliResult result =
        history({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
                 QStringLiteral("--event"), QStringLiteral("assistant-request"), QStringLiteral("--no-redact")});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    QJsonParseError error;
    const QJsonObject document = QJsonDocument::fromJson(result.out, &error).object();
    ASSERT_EQ(error.error, QJsonParseError::NoError) << result.out.toStdString();
    EXPECT_EQ(document.value(QStringLiteral("format")).toString(), QStringLiteral("dockside-history"));
    const QJsonArray exchanges = document.value(QStringLiteral("exchanges")).toArray();
    ASSERT_EQ(exchanges.size(), 2);
    EXPECT_EQ(exchanges.at(0).toObject().value(QStringLiteral("id")).toInt(), 1) << "exports run oldest first";
    EXPECT_EQ(exchanges.at(1)
                  .toObject()
                  .value(QStringLiteral("request"))
                  .toObject()
                  .value(QStringLiteral("body"))
                  .toString()
                  .toUtf8(),
              s_bodies.at(1));
}

TEST_F(HistoryCommandTest, AMissingHistoryFileSaysHowToCreateOne)
{
    const QString missing = s_dir->filePath(QStringLiteral("never-written.sqlite"));
    const CliResult result = runCli({QStringLiteral("history"), QStringLiteral("--history"), missing});
    EXPECT_EQ(result.exitCode, 3);
    EXPECT_TRUE(result.err.contains(QByteArray("no history at " + missing.toUtf8()))) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("Run 'dockside-cli serve'")) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("--history FILE")) << result.err.toStdString();
    EXPECT_FALSE(QFile::exists(missing)) << "reading must not create the file";

    const QString notADatabase = s_dir->filePath(QStringLiteral("notes.txt"));
    QFile notes(notADatabase);
    ASSERT_TRUE(notes.open(QIODevice::WriteOnly));
    notes.write("these are not exchanges\n");
    notes.close();
    const CliResult garbage = runCli({QStringLiteral("history"), QStringLiteral("--history"), notADatabase});
    EXPECT_EQ(garbage.exitCode, 3);
    EXPECT_FALSE(garbage.err.isEmpty());
}

TEST_F(HistoryCommandTest, HelpNamesEveryOption)
{
    const CliResult result = runCli({QStringLiteral("history"), QStringLiteral("--help")});
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_TRUE(result.out.startsWith("Usage: dockside-cli history [options] [list | show ID | curl ID | export]"))
        << result.out.toStdString();
    for (const char *option : {"--history", "--search", "--event", "--caller", "--status", "--outcome", "--direction",
                               "--since", "--limit", "--format", "--output", "--clear"})
        EXPECT_TRUE(result.out.contains(option)) << option;
}

TEST_F(HistoryCommandTest, ClearRemovesEveryExchangeAndLaterOnesGetNewIds)
{
    // A copy: the other tests read the fixture's five exchanges.
    const QString copy = s_dir->filePath(QStringLiteral("cleared.sqlite"));
    ASSERT_TRUE(QFile::copy(historyPath(), copy));
    const auto run = [&copy](const QStringList &arguments) {
        return runCli(QStringList {QStringLiteral("history"), QStringLiteral("--history"), copy} + arguments);
    };
    const CliResult cleared = run({QStringLiteral("--clear")});
    EXPECT_EQ(cleared.exitCode, 0) << cleared.err.toStdString();
    EXPECT_EQ(cleared.out, QByteArray("Cleared the history " + copy.toUtf8() + ": 5 exchange(s) removed.\n"));
    EXPECT_TRUE(cleared.err.isEmpty()) << cleared.err.toStdString();

    EXPECT_EQ(run({}).out, QByteArray("0 of 0 exchange(s) shown, newest first.\n"));
    EXPECT_EQ(run({QStringLiteral("--search"), QStringLiteral("histalpha")}).out,
              QByteArray("0 of 0 exchange(s) shown, newest first.\n"));
    EXPECT_EQ(run({QStringLiteral("show"), QStringLiteral("1")}).exitCode, 3);
    EXPECT_TRUE(run({QStringLiteral("--clear")}).out.endsWith(": 0 exchange(s) removed.\n"));

    // Ids are never reused: the next exchange recorded is number 6, and it is found by its body.
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"), copy,
                             QStringLiteral("--workspace"), s_dir->filePath(QStringLiteral("history.dockside.json"))}))
        << serve.standardError().toStdString();
    QUrl url = serve.url();
    url.setPath(QStringLiteral("/hook"));
    const HttpAnswer answer =
        postRequest(url, assistantRequestBody(QStringLiteral("histfoxtrot"), QStringLiteral("+31633333333")),
                    webhookHeaders("assistant-request"));
    EXPECT_EQ(answer.status, 200) << answer.error.toStdString();
    ASSERT_EQ(serve.stop(SIGTERM), 0) << serve.standardError().toStdString();
    EXPECT_EQ(listedIds(run({}).out), QList<int> {6});
    EXPECT_EQ(listedIds(run({QStringLiteral("--search"), QStringLiteral("histfoxtrot")}).out), QList<int> {6});
}

TEST_F(HistoryCommandTest, ClearTakesNoActionOrFilter)
{
    for (const QStringList &arguments :
         {QStringList {QStringLiteral("--clear"), QStringLiteral("--search"), QStringLiteral("histalpha")},
          QStringList {QStringLiteral("list"), QStringLiteral("--clear")},
          QStringList {QStringLiteral("export"), QStringLiteral("--clear"), QStringLiteral("--format"),
                       QStringLiteral("json")}}) {
        const CliResult result = history(arguments);
        EXPECT_EQ(result.exitCode, 2) << arguments.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(result.err.contains("--clear removes every exchange, so it takes no action or filter"))
            << result.err.toStdString();
    }
    EXPECT_TRUE(history({}).out.endsWith("5 of 5 exchange(s) shown, newest first.\n")) << "nothing was removed";

    const QString missing = s_dir->filePath(QStringLiteral("no-history-here.sqlite"));
    const CliResult result =
        runCli({QStringLiteral("history"), QStringLiteral("--history"), missing, QStringLiteral("--clear")});
    EXPECT_EQ(result.exitCode, 3);
    EXPECT_TRUE(result.err.contains(QByteArray("no history at " + missing.toUtf8()))) << result.err.toStdString();
    EXPECT_FALSE(QFile::exists(missing)) << "clearing must not create the file";
}

TEST_F(HistoryCommandTest, ExportsOfSeveralExchangesAreRedactedByDefault)
{
    const QString harPath = s_dir->filePath(QStringLiteral("redacted.har"));
    const CliResult result = history({QStringLiteral("export"), QStringLiteral("--output"), harPath});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains("Redacted")) << result.err.toStdString();
    QFile file(harPath);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray har = file.readAll();
    EXPECT_EQ(QFile::permissions(harPath) &
                  (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
              QFile::Permissions())
        << "exports are owner-only";
    for (const SentRequest &sent : kSent)
        EXPECT_FALSE(har.contains(QByteArray(sent.caller).mid(1))) << sent.caller << " in " << har.toStdString();
    const QJsonObject log = QJsonDocument::fromJson(har).object().value(QStringLiteral("log")).toObject();
    EXPECT_TRUE(log.value(QStringLiteral("comment")).toString().startsWith(QStringLiteral("Redacted")));
    EXPECT_EQ(log.value(QStringLiteral("entries")).toArray().size(), 5);

    // One exchange is exported as it is unless asked; --redact masks it too.
    const CliResult one = history({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
                                   QStringLiteral("--status"), QStringLiteral("500")});
    EXPECT_TRUE(one.out.contains("+31611111111")) << one.out.toStdString();
    const CliResult redacted = history({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
                                        QStringLiteral("--status"), QStringLiteral("500"), QStringLiteral("--redact")});
    EXPECT_FALSE(redacted.out.contains("611111111")) << redacted.out.toStdString();
    EXPECT_TRUE(redacted.out.contains("\"redacted\":true")) << redacted.out.toStdString();
    EXPECT_EQ(history({QStringLiteral("export"), QStringLiteral("--redact"), QStringLiteral("--no-redact")}).exitCode,
              2);

    const CliResult curl = history({QStringLiteral("curl"), QStringLiteral("1"), QStringLiteral("--redact")});
    ASSERT_EQ(curl.exitCode, 0) << curl.err.toStdString();
    EXPECT_FALSE(curl.out.contains("611111111")) << curl.out.toStdString();
    EXPECT_TRUE(curl.out.contains("curl ")) << curl.out.toStdString();
}

TEST_F(HistoryCommandTest, ForgetErasesACallerAndItsBytes)
{
    // A copy: the other tests read the fixture's five exchanges.
    const QString copy = s_dir->filePath(QStringLiteral("forget.sqlite"));
    ASSERT_TRUE(QFile::copy(historyPath(), copy));
    const auto run = [&copy](const QStringList &arguments) {
        return runCli(QStringList {QStringLiteral("history"), QStringLiteral("--history"), copy} + arguments);
    };
    const auto fileBytes = [&copy] {
        QByteArray bytes;
        for (const QString &name : QStringList {copy, copy + QStringLiteral("-wal")}) {
            QFile file(name);
            if (file.open(QIODevice::ReadOnly))
                bytes += file.readAll();
        }
        return bytes;
    };
    ASSERT_TRUE(fileBytes().contains("+31611111111"));
    const CliResult forgot = run({QStringLiteral("forget"), QStringLiteral("+31 6 1111 1111")});
    ASSERT_EQ(forgot.exitCode, 0) << forgot.err.toStdString();
    EXPECT_TRUE(forgot.out.startsWith("Forgot 2 exchanges in 2 calls of +31611111111")) << forgot.out.toStdString();
    EXPECT_FALSE(fileBytes().contains("+31611111111"));
    EXPECT_FALSE(fileBytes().contains("31611111111"));
    EXPECT_EQ(listedIds(run({}).out), (QList<int> {5, 4, 2}));

    const CliResult again = run({QStringLiteral("forget"), QStringLiteral("+31611111111")});
    EXPECT_EQ(again.exitCode, 0);
    EXPECT_TRUE(again.out.contains("holds no exchange with +31611111111")) << again.out.toStdString();
    EXPECT_EQ(run({QStringLiteral("forget")}).exitCode, 2);
    EXPECT_EQ(run({QStringLiteral("forget"), QStringLiteral("+31611111111"), QStringLiteral("--status"),
                   QStringLiteral("200")})
                  .exitCode,
              2);
}
