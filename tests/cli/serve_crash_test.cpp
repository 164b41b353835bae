// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "qtprinters.h"
#include "serveprocess.h"

#include "history/historyreader.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <iostream>
#include <memory>
#include <utility>
#include <vector>

namespace {

constexpr int kClients = 20;
constexpr int kKillAfterAnswers = 2000;
constexpr qint64 kLoadBudgetMs = 9000; // kill by then however many answers came, so a slow machine cannot hang us
constexpr qint64 kDrainMs = 2000;

// One keep-alive connection that sends the next assistant-request as soon as the previous answer is complete.
class WebhookClient final {
public:
    WebhookClient(quint16 port, QString runId, int index)
        : m_port(port)
        , m_runId(std::move(runId))
        , m_index(index)
    {
    }

    void start(const std::function<void(const QString &marker, int status)> &onAnswer)
    {
        m_onAnswer = onAnswer;
        QObject::connect(&m_socket, &QTcpSocket::connected, &m_socket, [this] { sendNext(); });
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { readAnswers(); });
        m_socket.connectToHost(QHostAddress::LocalHost, m_port);
    }
    void stopSending() { m_stopped = true; }
    bool isWaiting() const { return !m_marker.isEmpty(); }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QString protocolError() const { return m_protocolError; }

private:
    void sendNext()
    {
        if (m_stopped)
            return;
        // Letters and digits only, so the full-text search sees one word.
        m_marker = QStringLiteral("mk%1c%2n%3").arg(m_runId).arg(m_index).arg(m_sent++);
        const QByteArray body =
            assistantRequestBody(m_marker, QStringLiteral("+4420790%1").arg(m_index, 4, 10, QLatin1Char('0')));
        m_socket.write(QByteArrayLiteral("POST /crash HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                         "Content-Type: application/json\r\nX-Webhook-Event: assistant-request\r\n"
                                         "Content-Length: ") +
                       QByteArray::number(body.size()) + QByteArrayLiteral("\r\n\r\n") + body);
    }

    void readAnswers()
    {
        m_buffer += m_socket.readAll();
        for (;;) {
            const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            qsizetype contentLength = -1;
            for (const QByteArray &line : m_buffer.left(headerEnd).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    contentLength = line.mid(15).trimmed().toLongLong();
            }
            if (contentLength < 0 || !m_buffer.startsWith("HTTP/1.1 ") || m_marker.isEmpty()) {
                m_protocolError = QString::fromLatin1(m_buffer.left(200));
                m_socket.abort();
                return;
            }
            const qsizetype total = headerEnd + 4 + contentLength;
            if (m_buffer.size() < total)
                return;
            const int status = m_buffer.mid(9, 3).toInt();
            m_buffer.remove(0, total);
            const QString marker = std::exchange(m_marker, QString());
            m_onAnswer(marker, status);
            sendNext();
        }
    }

    quint16 m_port = 0;
    QString m_runId;
    int m_index = 0;
    int m_sent = 0;
    bool m_stopped = false;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    QString m_marker;
    QString m_protocolError;
    std::function<void(const QString &, int)> m_onAnswer;
};

} // namespace

// The issue: "Killing the process with SIGKILL under load loses no request that received an answer".
TEST(ServeCrash, SigkillUnderLoadLosesNoAnsweredRequest)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString historyPath = dir.filePath(QStringLiteral("history.sqlite"));
    ServeProcess serve;
    ASSERT_TRUE(serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"), historyPath,
                             QStringLiteral("--quiet")}))
        << serve.standardError().toStdString();

    const QString runId = QString::number(QRandomGenerator::global()->bounded(100000, 999999));
    QStringList answered;
    QHash<int, int> statuses;
    bool killed = false;
    int waitingAtKill = 0;
    qint64 killedAtMs = 0;
    QElapsedTimer clock;
    clock.start();

    std::vector<std::unique_ptr<WebhookClient>> clients;
    for (int i = 0; i < kClients; ++i)
        clients.push_back(std::make_unique<WebhookClient>(serve.port(), runId, i));
    const auto killNow = [&] {
        // Counted before the kill: each of these has a request written that may never be answered.
        waitingAtKill = static_cast<int>(
            std::count_if(clients.begin(), clients.end(), [](const auto &client) { return client->isWaiting(); }));
        serve.kill();
        killed = true;
        killedAtMs = clock.elapsed();
        for (const auto &client : clients)
            client->stopSending();
    };
    for (const auto &client : clients)
        client->start([&](const QString &marker, int status) {
            ++statuses[status];
            answered.append(marker);
            if (!killed && answered.size() >= kKillAfterAnswers)
                killNow();
        });

    QEventLoop loop;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (!killed && clock.elapsed() > kLoadBudgetMs)
            killNow();
        const bool drained =
            std::none_of(clients.begin(), clients.end(), [](const auto &client) { return client->isConnected(); });
        if (killed && (drained || clock.elapsed() - killedAtMs > kDrainMs))
            loop.quit();
    });
    tick.start(20);
    loop.exec();

    for (const auto &client : clients)
        EXPECT_TRUE(client->protocolError().isEmpty()) << client->protocolError().toStdString();
    // 503 would mean the server knew it could not record the request; it must not happen on a healthy disk.
    EXPECT_EQ(statuses.value(200), answered.size()) << "statuses: " << statuses.size();
    ASSERT_GE(answered.size(), 100) << "too little load to prove anything in " << killedAtMs << " ms";
    EXPECT_GT(waitingAtKill, 0) << "the kill should land while requests are in flight";

    // The command line reads the file exactly as the crash left it (WAL and all) before anything recovers it.
    for (const QString &marker : {answered.constFirst(), answered.at(answered.size() / 2), answered.constLast()}) {
        const CliResult found = runCli(
            {QStringLiteral("history"), QStringLiteral("--history"), historyPath, QStringLiteral("--search"), marker});
        EXPECT_EQ(found.exitCode, 0) << found.err.toStdString();
        EXPECT_TRUE(found.out.contains("1 of 1 exchange(s) shown")) << marker.toStdString() << '\n'
                                                                    << found.out.toStdString();
    }

    QSet<QString> recorded;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("crash-check"));
        database.setDatabaseName(historyPath);
        database.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        ASSERT_TRUE(database.open()) << database.lastError().text().toStdString();
        QSqlQuery query(database);
        ASSERT_TRUE(query.exec(QStringLiteral("SELECT call_id FROM exchange_details")))
            << query.lastError().text().toStdString();
        while (query.next())
            recorded.insert(query.value(0).toString());
        database.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("crash-check"));

    QStringList lost;
    for (const QString &marker : std::as_const(answered)) {
        if (!recorded.contains(marker))
            lost.append(marker);
    }
    EXPECT_TRUE(lost.isEmpty()) << lost.size() << " answered but not in the history, e.g. "
                                << lost.mid(0, 5).join(QLatin1Char(' ')).toStdString();
    EXPECT_GE(recorded.size(), answered.size());
    EXPECT_EQ(sqliteIntegrity(historyPath), QStringLiteral("ok"));

    // A restart on the file the crash left: it starts, keeps every row, and records new exchanges after them.
    ServeProcess restarted;
    ASSERT_TRUE(restarted.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--history"),
                                 historyPath, QStringLiteral("--quiet")}))
        << restarted.standardError().toStdString();
    const QString afterRestart = QStringLiteral("mk%1restart").arg(runId);
    const HttpAnswer answer =
        postRequest(restarted.url(), assistantRequestBody(afterRestart, QStringLiteral("+31612345678")),
                    webhookHeaders("assistant-request"));
    EXPECT_EQ(answer.status, 200) << answer.error.toStdString();
    EXPECT_EQ(restarted.stop(SIGTERM), 0) << restarted.standardError().toStdString();
    EXPECT_EQ(sqliteIntegrity(historyPath), QStringLiteral("ok"));
    dockside::history::HistoryReader reader;
    QString error;
    ASSERT_TRUE(reader.open(historyPath, &error)) << error.toStdString();
    EXPECT_EQ(reader.count({}), recorded.size() + 1);
    dockside::history::HistoryFilter byMarker;
    byMarker.text = afterRestart;
    EXPECT_EQ(reader.count(byMarker), 1);
    byMarker.text = answered.constLast();
    EXPECT_EQ(reader.count(byMarker), 1);
    std::cout << "[ ServeCrash ] " << answered.size() << " answered, " << recorded.size() << " recorded, "
              << waitingAtKill << " waiting at the kill after " << killedAtMs << " ms\n";
}
