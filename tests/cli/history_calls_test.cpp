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

namespace {

// A whole call played at a real serve, then read back as a call: the calls list, its timeline and its JSON.
TEST(CliHistoryCalls, APlayedCallIsListedAndReadsAsATimelineInOrder)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString history = dir.filePath(QStringLiteral("history.sqlite"));
    ServeProcess serve;
    ASSERT_TRUE(
        serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"), history,
                     QStringLiteral("--workspace"), testData(QStringLiteral("workspaces/seed-answers.dockside.json"))}))
        << serve.standardError().toStdString();
    const QString url = serve.url().toString();
    const CliResult played =
        runCli({QStringLiteral("call"), url, QStringLiteral("--call-id"), QStringLiteral("call-good"),
                QStringLiteral("--tool"), QStringLiteral("book_appointment={\"day\":\"tuesday\"}")});
    ASSERT_EQ(played.exitCode, 0) << played.err.toStdString();
    // A second report for the same call breaks the order.
    for (int i = 0; i < 2; ++i) {
        const CliResult sent =
            runCli({QStringLiteral("send"), url, QStringLiteral("--event"), QStringLiteral("end-of-call-report"),
                    QStringLiteral("--call-id"), QStringLiteral("call-twice")});
        ASSERT_EQ(sent.exitCode, 0) << sent.err.toStdString();
    }
    ASSERT_EQ(serve.stop(SIGTERM), 0) << serve.standardError().toStdString();

    const CliResult listed = runCli({QStringLiteral("history"), QStringLiteral("calls"), QStringLiteral("--history"),
                                     history, QStringLiteral("--json")});
    ASSERT_EQ(listed.exitCode, 0) << listed.err.toStdString();
    const QJsonArray calls = QJsonDocument::fromJson(listed.out).array();
    ASSERT_EQ(calls.size(), 2) << listed.out.toStdString();
    EXPECT_EQ(calls.at(0).toObject().value(u"call_id").toString(), QStringLiteral("call-twice"));
    EXPECT_EQ(calls.at(0).toObject().value(u"outcome").toString(), QStringLiteral("no_assistant_request"));
    EXPECT_EQ(calls.at(1).toObject().value(u"call_id").toString(), QStringLiteral("call-good"));
    EXPECT_EQ(calls.at(1).toObject().value(u"events").toInt(), 5);

    const CliResult text = runCli({QStringLiteral("history"), QStringLiteral("--history"), history,
                                   QStringLiteral("call"), QStringLiteral("call-good")});
    EXPECT_EQ(text.exitCode, 0) << text.out.toStdString() << text.err.toStdString();
    for (const char *line :
         {"assistant-request: default assistant", "Answered 200 in ", "status-update: in-progress",
          "tool-calls: book_appointment", "status-update: ended", "end-of-call-report", "follow the contract's order"})
        EXPECT_TRUE(text.out.contains(line)) << line << '\n' << text.out.toStdString();

    const CliResult broken = runCli({QStringLiteral("history"), QStringLiteral("call"), QStringLiteral("call-twice"),
                                     QStringLiteral("--history"), history, QStringLiteral("--json")});
    EXPECT_EQ(broken.exitCode, 1) << broken.err.toStdString();
    const QJsonObject track = QJsonDocument::fromJson(broken.out).object();
    EXPECT_TRUE(track.value(u"broke_order").toBool());
    QStringList codes;
    for (const QJsonValue &flag : track.value(u"flags").toArray())
        codes << flag.toObject().value(u"code").toString();
    EXPECT_EQ(codes, (QStringList {QStringLiteral("duplicate_report"), QStringLiteral("no_assistant_request")}));

    const CliResult missing = runCli({QStringLiteral("history"), QStringLiteral("call"), QStringLiteral("nope"),
                                      QStringLiteral("--history"), history});
    EXPECT_EQ(missing.exitCode, 3);
    EXPECT_TRUE(missing.err.contains("no exchange of call nope")) << missing.err.toStdString();
}

// A captured call saved as a scenario replays against the same webhook and passes; against one that now answers
// differently it fails and names the step and the field.
TEST(CliHistoryCalls, ACallSavedAsAScenarioPassesAgainstTheSameMockAndNamesTheStepThatChanged)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString history = dir.filePath(QStringLiteral("history.sqlite"));
    const QString seed = testData(QStringLiteral("workspaces/seed-answers.dockside.json"));
    QString url;
    {
        ServeProcess serve;
        ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"), history,
                                 QStringLiteral("--workspace"), seed}))
            << serve.standardError().toStdString();
        const CliResult played = runCli({QStringLiteral("call"), serve.url().toString(), QStringLiteral("--call-id"),
                                         QStringLiteral("call-saved")});
        ASSERT_EQ(played.exitCode, 0) << played.err.toStdString();
        ASSERT_EQ(serve.stop(SIGTERM), 0);
    }
    const QString workspace = dir.filePath(QStringLiteral("suite.dockside.json"));
    ASSERT_TRUE(QFile::copy(seed, workspace));
    QFile::setPermissions(workspace, QFile::ReadOwner | QFile::WriteOwner);

    const CliResult missingWorkspace =
        runCli({QStringLiteral("history"), QStringLiteral("call"), QStringLiteral("call-saved"),
                QStringLiteral("--history"), history, QStringLiteral("--save-scenario"), QStringLiteral("Saved call")});
    EXPECT_EQ(missingWorkspace.exitCode, 2) << "the built-in sample cannot be written";

    const CliResult saved = runCli({QStringLiteral("history"), QStringLiteral("call"), QStringLiteral("call-saved"),
                                    QStringLiteral("--history"), history, QStringLiteral("--save-scenario"),
                                    QStringLiteral("Saved call"), QStringLiteral("--workspace"), workspace});
    ASSERT_EQ(saved.exitCode, 0) << saved.err.toStdString();
    EXPECT_TRUE(saved.out.contains("saved scenario \"saved-call\" (4 step(s))")) << saved.out.toStdString();

    // The same webhook: every step answers as it did.
    ServeProcess same;
    ASSERT_TRUE(same.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-history"),
                            QStringLiteral("--workspace"), seed}));
    const CliResult passed = runCli({QStringLiteral("check"), same.url().toString(), QStringLiteral("--workspace"),
                                     workspace, QStringLiteral("--only"), QStringLiteral("saved-call")});
    EXPECT_EQ(passed.exitCode, 0) << passed.out.toStdString() << passed.err.toStdString();
    EXPECT_TRUE(passed.out.contains("PASS  Saved call")) << passed.out.toStdString();
    ASSERT_EQ(same.stop(SIGTERM), 0);
    // Each run gives the steps one fresh call id, the same for all of them and not the captured one.
    EXPECT_FALSE(same.standardOutput().contains("call-saved")) << same.standardOutput().toStdString();

    // A webhook that now rejects every call.
    QJsonObject changed = QJsonDocument::fromJson([&] {
                              QFile file(seed);
                              return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
                          }())
                              .object();
    changed.insert(QStringLiteral("fallback_template"), QStringLiteral("reject"));
    const QString rejecting = dir.filePath(QStringLiteral("rejecting.dockside.json"));
    QFile rejectingFile(rejecting);
    ASSERT_TRUE(rejectingFile.open(QIODevice::WriteOnly));
    rejectingFile.write(QJsonDocument(changed).toJson());
    rejectingFile.close();
    ServeProcess other;
    ASSERT_TRUE(other.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-history"),
                             QStringLiteral("--workspace"), rejecting}))
        << other.standardError().toStdString();
    const CliResult failed = runCli({QStringLiteral("check"), other.url().toString(), QStringLiteral("--workspace"),
                                     workspace, QStringLiteral("--only"), QStringLiteral("saved-call")});
    EXPECT_EQ(failed.exitCode, 1) << failed.out.toStdString() << failed.err.toStdString();
    EXPECT_TRUE(failed.out.contains("step 1 (assistant-request): disposition: expected answered, actual rejected"))
        << failed.out.toStdString();
    ASSERT_EQ(other.stop(SIGTERM), 0);
}

} // namespace
