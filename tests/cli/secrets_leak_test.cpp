// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "qtprinters.h"
#include "serveprocess.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QUrl>

#include <gtest/gtest.h>

#include <iostream>

namespace {

// Recognisable in any file, and not a prefix of anything Dockside writes on its own.
const QByteArray kSecret = QByteArrayLiteral("whsec_DocksideLeakCanary_7f3a9c51e0");

// Every form a careless program could write the secret in.
QList<std::pair<QString, QByteArray>> secretForms()
{
    return {
        {QStringLiteral("as is"), kSecret},
        {QStringLiteral("hex"), kSecret.toHex()},
        {QStringLiteral("HEX"), kSecret.toHex().toUpper()},
        {QStringLiteral("base64"), kSecret.toBase64(QByteArray::OmitTrailingEquals)},
        {QStringLiteral("base64url"), kSecret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)},
        {QStringLiteral("UTF-16"),
         QByteArray(reinterpret_cast<const char *>(QString::fromLatin1(kSecret).utf16()), kSecret.size() * 2)},
        // The distinctive middle alone, in case something cut or re-encoded the ends.
        {QStringLiteral("its middle"), QByteArrayLiteral("DocksideLeakCanary")},
    };
}

// "where: form" for every place the secret shows up in `bytes`.
QStringList leaksIn(const QString &where, const QByteArray &bytes)
{
    QStringList found;
    for (const auto &[form, needle] : secretForms()) {
        if (bytes.contains(needle))
            found.append(where + QStringLiteral(": ") + form);
    }
    return found;
}

QStringList leaksUnder(const QString &directory)
{
    QStringList found;
    QDirIterator it(directory, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            found += leaksIn(path, file.readAll());
    }
    return found;
}

class SecretsLeakTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        // Everything a command may write by default (history, settings, caches) lands inside the scanned folder.
        for (const char *sub : {"home", "config", "data", "cache", "state", "runtime", "out"})
            ASSERT_TRUE(QDir().mkpath(m_dir.filePath(QString::fromLatin1(sub))));
        m_environment.insert(QStringLiteral("DOCKSIDE_WEBHOOK_SECRET"), QString::fromLatin1(kSecret));
        m_environment.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        m_environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        m_environment.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir.filePath(QStringLiteral("cache")));
        m_environment.insert(QStringLiteral("XDG_STATE_HOME"), m_dir.filePath(QStringLiteral("state")));
        m_environment.insert(QStringLiteral("TMPDIR"), m_dir.filePath(QStringLiteral("runtime")));
    }

    QString out(const QString &name) const { return m_dir.filePath(QStringLiteral("out/") + name); }

    CliResult run(const QStringList &arguments, QList<int> acceptedExitCodes = {0})
    {
        const CliResult result = runCli(arguments, m_environment);
        EXPECT_TRUE(acceptedExitCodes.contains(result.exitCode))
            << arguments.join(QLatin1Char(' ')).toStdString() << " exited " << result.exitCode << '\n'
            << result.err.toStdString();
        m_leaks += leaksIn(QStringLiteral("output of ") + arguments.join(QLatin1Char(' ')), result.out + result.err);
        return result;
    }

    QTemporaryDir m_dir;
    QProcessEnvironment m_environment;
    QStringList m_leaks;
};

} // namespace

TEST(SecretsLeakScanner, FindsTheSecretInEveryForm)
{
    // The scan below must be able to fail: each form it looks for is found when it is there.
    for (const auto &[form, needle] : secretForms())
        EXPECT_TRUE(leaksIn(QStringLiteral("x"), "prefix " + needle + " suffix").contains(QStringLiteral("x: ") + form))
            << form.toStdString();
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("nested/.hidden")));
    ASSERT_TRUE(QDir().mkpath(dir.filePath(QStringLiteral("nested"))));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("{\"k\": \"" + kSecret.toBase64() + "\"}");
    file.close();
    EXPECT_TRUE(leaksUnder(dir.path()).contains(file.fileName() + QStringLiteral(": base64")))
        << leaksUnder(dir.path()).join(QLatin1Char(' ')).toStdString();
}

TEST_F(SecretsLeakTest, TheWebhookSecretIsInNoFileAndNoLineThatDocksideWrites)
{
    const QString body = testData(QStringLiteral("signing/body.json"));
    const CliResult signature =
        run({QStringLiteral("sign"), body, QStringLiteral("--timestamp"), QStringLiteral("1700000000")});
    const qsizetype signatureAt = signature.out.indexOf("sha256=");
    ASSERT_GE(signatureAt, 0) << signature.out.toStdString();
    const QByteArray signatureValue = signature.out.mid(signatureAt, 7 + 64);
    run({QStringLiteral("verify"), body, QStringLiteral("--timestamp"), QStringLiteral("1700000000"),
         QStringLiteral("--now"), QStringLiteral("1700000010"), QStringLiteral("--signature"),
         QString::fromLatin1(signatureValue.trimmed())});
    run({QStringLiteral("verify"), body, QStringLiteral("--timestamp"), QStringLiteral("1700000000"),
         QStringLiteral("--now"), QStringLiteral("1700000010"), QStringLiteral("--signature"),
         QStringLiteral("sha256=") + QString(64, QLatin1Char('0'))},
        {1});

    // serve checks signatures with the secret and records into the default history under $XDG_DATA_HOME.
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0")}, m_environment))
        << serve.standardError().toStdString();
    const QString url = serve.url().toString();
    run({QStringLiteral("send"), url + QStringLiteral("webhook")});
    run({QStringLiteral("send"), url + QStringLiteral("webhook"), QStringLiteral("--json"), QStringLiteral("--event"),
         QStringLiteral("end-of-call-report")});
    run({QStringLiteral("send"), url, QStringLiteral("--body"), body, QStringLiteral("--timestamp"),
         QStringLiteral("1700000000")});
    run({QStringLiteral("call"), url + QStringLiteral("call"), QStringLiteral("--tool"),
         QStringLiteral("book_appointment={\"day\":\"tuesday\"}")});
    run({QStringLiteral("burst"), url + QStringLiteral("burst"), QStringLiteral("-n"), QStringLiteral("20"),
         QStringLiteral("-c"), QStringLiteral("4")},
        {0, 1});
    run({QStringLiteral("check"), url + QStringLiteral("check"), QStringLiteral("--junit"),
         out(QStringLiteral("junit.xml"))},
        {0, 1});
    run({QStringLiteral("send"), url, QStringLiteral("--replay"), QStringLiteral("1"), QStringLiteral("--resign")});
    // Failures print messages too: an unreachable webhook, a port that is taken.
    run({QStringLiteral("send"), QStringLiteral("http://127.0.0.1:1/unreachable")}, {5});
    run({QStringLiteral("serve"), QStringLiteral("--port"), QString::number(serve.port())}, {4});
    // The database and its WAL while serve still has them open, then as it leaves them.
    m_leaks += leaksUnder(m_dir.path());
    EXPECT_EQ(serve.stop(SIGTERM), 0) << serve.standardError().toStdString();
    m_leaks += leaksIn(QStringLiteral("serve's output"), serve.standardOutput() + serve.standardError());

    run({QStringLiteral("history"), QStringLiteral("--limit"), QStringLiteral("500")});
    run({QStringLiteral("history"), QStringLiteral("show"), QStringLiteral("1")});
    run({QStringLiteral("history"), QStringLiteral("curl"), QStringLiteral("2")});
    run({QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("har"),
         QStringLiteral("--output"), out(QStringLiteral("calls.har"))});
    run({QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
         QStringLiteral("--output"), out(QStringLiteral("calls.json"))});
    const CliResult har = run({QStringLiteral("history"), QStringLiteral("export")});
    EXPECT_GT(har.out.count("\"request\""), 20) << "the exchanges above should all be in the history";

    // Saving a workspace and exporting templates.
    const QString workspace = out(QStringLiteral("mine.dockside.json"));
    ASSERT_TRUE(
        QFile::copy(QStringLiteral(DOCKSIDE_TEST_DATA_DIR "/workspaces/seed-answers.dockside.json"), workspace));
    QFile::setPermissions(workspace, QFile::ReadOwner | QFile::WriteOwner);
    run({QStringLiteral("templates"), QStringLiteral("export"), QStringLiteral("--output"),
         out(QStringLiteral("templates.json"))});
    run({QStringLiteral("templates"), QStringLiteral("import"), QStringLiteral("--workspace"), workspace,
         testData(QStringLiteral("workspaces/templates/support-pack.json"))});
    run({QStringLiteral("contacts"), QStringLiteral("import"), QStringLiteral("--workspace"), workspace,
         testData(QStringLiteral("contacts/six-contacts.csv"))});
    run({QStringLiteral("templates"), QStringLiteral("list"), QStringLiteral("--workspace"), workspace});

    m_leaks += leaksUnder(m_dir.path());
    m_leaks.removeDuplicates();
    EXPECT_TRUE(m_leaks.isEmpty()) << "the secret leaked:\n" << m_leaks.join(QLatin1Char('\n')).toStdString();

    qint64 scanned = 0;
    QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    QStringList names;
    while (it.hasNext()) {
        names.append(QDir(m_dir.path()).relativeFilePath(it.next()));
        scanned += it.fileInfo().size();
    }
    EXPECT_TRUE(names.contains(QStringLiteral("data/dockside/history.sqlite")))
        << names.join(QLatin1Char(' ')).toStdString();
    std::cout << "[ secrets ] scanned " << names.size() << " files (" << scanned
              << " bytes): " << names.join(QLatin1Char(' ')).toStdString() << '\n';
}
