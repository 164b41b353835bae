// SPDX-License-Identifier: GPL-3.0-or-later

#include "clirunner.h"
#include "qtprinters.h"
#include "serveprocess.h"

#include "history/historyreader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <iostream>
#include <memory>
#include <vector>

namespace {

// One template that answers everything; a second echoes the caller's number into a header, for requests that ask.
const QByteArray kWorkspace = R"({"version": 1, "name": "Hostile clients",
  "templates": [
    {"id": "plain", "name": "Plain", "status": 200, "headers": [{"name": "Content-Type", "value": "application/json"}],
     "body": {}},
    {"id": "echo", "name": "Echo", "status": 200,
     "headers": [{"name": "Content-Type", "value": "application/json"},
                 {"name": "X-Caller", "value": "{{message.customer.number}}"}],
     "body": {}}],
  "rules": [{"id": "echo", "conditions": [{"kind": "header", "name": "X-Echo", "exists": true}], "template": "echo"}],
  "fallback_template": "plain"})";

constexpr qint64 kPromptMs = 3000; // a loaded CI machine is slow; an endpoint that is stuck takes far longer
#if defined(__SANITIZE_ADDRESS__)
// AddressSanitizer keeps freed memory in quarantine (256 MiB by default) to catch use after free.
constexpr qint64 kRssGrowthLimitKb = 512 * 1024;
#else
constexpr qint64 kRssGrowthLimitKb = 96 * 1024;
#endif

// A blocking POSIX client, to misbehave byte by byte where QTcpSocket would buffer and be polite.
class RawClient final {
public:
    RawClient() = default;
    ~RawClient() { close(); }
    Q_DISABLE_COPY_MOVE(RawClient)

    bool connectTo(quint16 port)
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        // A server that stops reading must not hang the test in a blocking send.
        const timeval sendTimeout {5, 0};
        ::setsockopt(m_socket, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, sizeof sendTimeout);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return m_socket >= 0 && ::connect(m_socket, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
    }

    // False once the server has closed (EPIPE or a reset): writing on is pointless then.
    bool send(const QByteArray &bytes)
    {
        qsizetype sent = 0;
        while (sent < bytes.size()) {
            const ssize_t written =
                ::send(m_socket, bytes.constData() + sent, static_cast<size_t>(bytes.size() - sent), MSG_NOSIGNAL);
            if (written <= 0)
                return false;
            sent += written;
        }
        return true;
    }

    // Reads what arrives within timeoutMs, or until the server closes; received() has everything so far.
    bool readUntilClosed(int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            pollfd descriptor {m_socket, POLLIN, 0};
            if (::poll(&descriptor, 1, static_cast<int>(std::max<qint64>(1, timeoutMs - clock.elapsed()))) <= 0)
                continue;
            char buffer[65536];
            const ssize_t got = ::recv(m_socket, buffer, sizeof buffer, 0);
            if (got <= 0)
                return true;
            m_received.append(buffer, got);
        }
        return false;
    }

    bool readUntil(const std::function<bool(const QByteArray &)> &done, int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (!done(m_received) && clock.elapsed() < timeoutMs) {
            pollfd descriptor {m_socket, POLLIN, 0};
            if (::poll(&descriptor, 1, 50) <= 0)
                continue;
            char buffer[65536];
            const ssize_t got = ::recv(m_socket, buffer, sizeof buffer, 0);
            if (got <= 0)
                break;
            m_received.append(buffer, got);
        }
        return done(m_received);
    }

    QByteArray received() const { return m_received; }
    void close()
    {
        if (m_socket >= 0)
            ::close(m_socket);
        m_socket = -1;
    }

private:
    int m_socket = -1;
    QByteArray m_received;
};

// A whole answer: its head and as many body bytes as its Content-Length says.
bool hasCompleteAnswer(const QByteArray &received)
{
    const qsizetype headEnd = received.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    const qsizetype lengthAt = received.indexOf("Content-Length: ");
    if (lengthAt < 0 || lengthAt > headEnd)
        return true;
    const qsizetype lineEnd = received.indexOf("\r\n", lengthAt);
    return received.size() >= headEnd + 4 + received.mid(lengthAt + 16, lineEnd - lengthAt - 16).toLongLong();
}

QByteArray postHead(const QByteArray &path, qsizetype contentLength, const QByteArray &extra = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + extra +
        "Content-Length: " + QByteArray::number(contentLength) + "\r\n\r\n";
}

class ServeHostileTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        // serve inherits the raised limit, so only its own maxConnections bounds the connections it holds.
        rlimit files {};
        ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &files), 0);
        files.rlim_cur = files.rlim_max;
        ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &files), 0);
        QFile workspace(m_dir.filePath(QStringLiteral("hostile.dockside.json")));
        ASSERT_TRUE(workspace.open(QIODevice::WriteOnly));
        workspace.write(kWorkspace);
        workspace.close();
        ASSERT_TRUE(m_serve.start({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--workspace"),
                                   workspace.fileName(), QStringLiteral("--history"), historyPath()}))
            << m_serve.standardError().toStdString();
        expectNormalRequestAnswered(QStringLiteral("warmup"));
        m_baselineRssKb = rssKb();
        ASSERT_GT(m_baselineRssKb, 0);
    }

    QString historyPath() const { return m_dir.filePath(QStringLiteral("history.sqlite")); }

    qint64 rssKb() const
    {
        QFile status(QStringLiteral("/proc/%1/status").arg(m_serve.pid()));
        if (!status.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
        return -1;
    }

    void expectMemoryBounded(const char *after)
    {
        const qint64 now = rssKb();
        EXPECT_LT(now - m_baselineRssKb, kRssGrowthLimitKb)
            << "after " << after << ": " << m_baselineRssKb << " kB at the start, " << now << " kB now";
        std::cout << "[ memory ] after " << after << ": VmRSS " << m_baselineRssKb << " kB -> " << now << " kB\n";
    }

    // The well-behaved client every attack must not hurt: answered, promptly, and recorded byte for byte.
    void expectNormalRequestAnswered(const QString &marker)
    {
        const QByteArray body = assistantRequestBody(marker, QStringLiteral("+31612345678"));
        QUrl url = m_serve.url();
        url.setPath(QStringLiteral("/normal"));
        QElapsedTimer clock;
        clock.start();
        const HttpAnswer answer = postRequest(url, body, webhookHeaders("assistant-request"), 10000);
        EXPECT_EQ(answer.status, 200) << marker.toStdString() << ": " << answer.error.toStdString();
        EXPECT_LT(clock.elapsed(), kPromptMs) << marker.toStdString();
        m_expected.insert(marker, body);
    }

    // Stops serve and checks the history: every expected exchange whole, nothing else unless allowed.
    void expectHistoryIntact(bool otherRowsAllowed = false)
    {
        ASSERT_TRUE(m_serve.isRunning()) << "serve died: " << m_serve.standardError().toStdString();
        EXPECT_EQ(m_serve.stop(SIGTERM), 0) << m_serve.standardError().toStdString();
        EXPECT_EQ(sqliteIntegrity(historyPath()), QStringLiteral("ok"));
        dockside::history::HistoryReader reader;
        QString error;
        ASSERT_TRUE(reader.open(historyPath(), &error)) << error.toStdString();
        QHash<QString, QByteArray> missing = m_expected;
        qint64 others = 0;
        for (const auto &summary : reader.page({}, 0, 100000, Qt::AscendingOrder)) {
            const auto record = reader.load(summary.id);
            ASSERT_TRUE(record) << summary.id;
            const auto expected = m_expected.constFind(record->callId);
            if (expected == m_expected.constEnd()) {
                ++others;
                continue;
            }
            EXPECT_EQ(record->request.body, expected.value()) << "exchange " << summary.id << " is garbled";
            EXPECT_EQ(record->responseStatus, 200) << summary.id;
            missing.remove(record->callId);
        }
        EXPECT_TRUE(missing.isEmpty()) << missing.size() << " answered exchange(s) missing, e.g. "
                                       << missing.keys().value(0).toStdString();
        if (!otherRowsAllowed) {
            EXPECT_EQ(others, 0) << "exchanges recorded that no client completed";
        }
    }

    QTemporaryDir m_dir;
    ServeProcess m_serve;
    qint64 m_baselineRssKb = 0;
    QHash<QString, QByteArray> m_expected; // call id -> the body sent
};

} // namespace

TEST_F(ServeHostileTest, SlowlorisHeadersOneByteAtATimeGet408WhileOthersAreServed)
{
    constexpr int kSlowClients = 24;
    const QByteArray head = "GET /slowloris HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + QByteArray(400, 'a') + "\r\n\r\n";
    std::vector<std::unique_ptr<RawClient>> slow;
    for (int i = 0; i < kSlowClients; ++i) {
        slow.push_back(std::make_unique<RawClient>());
        ASSERT_TRUE(slow.back()->connectTo(m_serve.port()));
    }
    QElapsedTimer clock;
    clock.start();
    // 100 ms a byte: the head would take 40 s, past the 10 s the server allows for headers. The clients stop
    // just before the timeout, so no byte of theirs crosses the server's close and resets the connection.
    for (qsizetype at = 0; at < head.size() && clock.elapsed() < 9000; ++at) {
        for (const auto &client : slow)
            ASSERT_TRUE(client->send(head.mid(at, 1))) << "closed after " << clock.elapsed() << " ms";
        if (at % 20 == 0)
            expectNormalRequestAnswered(QStringLiteral("during%1").arg(at));
        QThread::msleep(100);
    }
    for (const auto &client : slow) {
        client->readUntilClosed(5000);
        EXPECT_TRUE(client->received().startsWith("HTTP/1.1 408 ")) << client->received().toStdString();
    }
    EXPECT_GT(clock.elapsed(), 9500) << "the header timeout is 10 s";
    expectNormalRequestAnswered(QStringLiteral("after"));
    expectMemoryBounded("slowloris");
    expectHistoryIntact();
}

TEST_F(ServeHostileTest, ASlowBodyIsRecordedWholeAndAnAbandonedOneNotAtAll)
{
    const QByteArray body = assistantRequestBody(QStringLiteral("slowbody"), QStringLiteral("+31612345678"));
    RawClient slow;
    ASSERT_TRUE(slow.connectTo(m_serve.port()));
    ASSERT_TRUE(slow.send(postHead("/slow", body.size(), "X-Webhook-Event: assistant-request\r\n")));
    RawClient abandoned;
    ASSERT_TRUE(abandoned.connectTo(m_serve.port()));
    ASSERT_TRUE(abandoned.send(postHead("/abandoned", 5000) + QByteArray(1000, 'x')));
    for (qsizetype at = 0; at < body.size(); at += 8) {
        ASSERT_TRUE(slow.send(body.mid(at, 8)));
        if (at % 80 == 0)
            expectNormalRequestAnswered(QStringLiteral("during%1").arg(at));
        QThread::msleep(40);
    }
    abandoned.close();
    ASSERT_TRUE(slow.readUntil(hasCompleteAnswer, 5000)) << slow.received().toStdString();
    EXPECT_TRUE(slow.received().startsWith("HTTP/1.1 200 OK\r\n"));
    m_expected.insert(QStringLiteral("slowbody"), body);
    expectNormalRequestAnswered(QStringLiteral("after"));
    expectMemoryBounded("slow bodies");
    expectHistoryIntact();
}

TEST_F(ServeHostileTest, OversizedHeadersAndBodiesAreRefusedWithoutBeingKept)
{
    RawClient bigHeader;
    ASSERT_TRUE(bigHeader.connectTo(m_serve.port()));
    bigHeader.send("GET / HTTP/1.1\r\nX-Big: " + QByteArray(200 * 1024, 'h') + "\r\n\r\n");
    bigHeader.readUntilClosed(5000);
    EXPECT_TRUE(bigHeader.received().startsWith("HTTP/1.1 431 ")) << bigHeader.received().left(200).toStdString();

    RawClient manyHeaders;
    ASSERT_TRUE(manyHeaders.connectTo(m_serve.port()));
    QByteArray lines;
    for (int i = 0; i < 20000; ++i)
        lines += "X-" + QByteArray::number(i) + ": v\r\n";
    manyHeaders.send("GET / HTTP/1.1\r\n" + lines + "\r\n");
    manyHeaders.readUntilClosed(5000);
    EXPECT_TRUE(manyHeaders.received().startsWith("HTTP/1.1 431 ")) << manyHeaders.received().left(200).toStdString();

    // Announced too large: refused at once, before a byte of the body is sent.
    RawClient announced;
    ASSERT_TRUE(announced.connectTo(m_serve.port()));
    QElapsedTimer clock;
    clock.start();
    announced.send(postHead("/big", 500LL * 1024 * 1024));
    announced.readUntilClosed(5000);
    EXPECT_TRUE(announced.received().startsWith("HTTP/1.1 413 ")) << announced.received().toStdString();
    EXPECT_LT(clock.elapsed(), kPromptMs);

    // Chunked bodies announce nothing: refused as they pass the limit, however long the client goes on.
    RawClient chunked;
    ASSERT_TRUE(chunked.connectTo(m_serve.port()));
    chunked.send("POST /chunked HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    const QByteArray chunk = "100000\r\n" + QByteArray(0x100000, 'c') + "\r\n";
    int sentChunks = 0;
    while (sentChunks < 40 && chunked.send(chunk))
        ++sentChunks;
    chunked.readUntilClosed(5000);
    EXPECT_TRUE(chunked.received().startsWith("HTTP/1.1 413 ")) << chunked.received().left(200).toStdString();
    EXPECT_LT(sentChunks, 40) << "the server should stop reading at 10 MiB";

    // A body just under the 10 MiB limit is accepted and kept byte for byte.
    const QString marker = QStringLiteral("bigbody");
    QByteArray big = assistantRequestBody(marker, QStringLiteral("+31612345678"));
    big.insert(big.size() - 1, ",\"pad\":\"" + QByteArray(10 * 1024 * 1024 - big.size() - 20, 'b') + '"');
    RawClient underLimit;
    ASSERT_TRUE(underLimit.connectTo(m_serve.port()));
    ASSERT_TRUE(underLimit.send(postHead("/under", big.size(), "X-Webhook-Event: assistant-request\r\n") + big));
    ASSERT_TRUE(underLimit.readUntil(hasCompleteAnswer, 10000)) << underLimit.received().toStdString();
    m_expected.insert(marker, big);

    expectNormalRequestAnswered(QStringLiteral("after"));
    expectMemoryBounded("oversized requests");
    expectHistoryIntact();
}

TEST_F(ServeHostileTest, GarbageGets4xxAndNeverReachesTheHistory)
{
    const QList<QByteArray> garbage {
        QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11), // a TLS ClientHello on the plain port
        "GET\r\n\r\n",
        "GE T / HTTP/1.1\r\n\r\n",
        "GET / HTTP/9.9\r\n\r\n",
        "GET / FTP/1.1\r\n\r\n",
        QByteArray("GET /\0 HTTP/1.1\r\n\r\n", 19),
        QByteArray(5000, 'G') + " / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nNo colon here\r\n\r\n",
        "GET / HTTP/1.1\r\n: empty name\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n",
        "GET / HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
        "CONNECT example.com:443 HTTP/1.1\r\n\r\n",
        "\r\n\r\n\r\n\r\n\x01\x02\x03",
        QByteArray(70000, '\n'),
    };
    for (const QByteArray &request : garbage) {
        RawClient client;
        ASSERT_TRUE(client.connectTo(m_serve.port()));
        client.send(request);
        EXPECT_TRUE(client.readUntilClosed(12000)) << "not closed: " << request.left(60).toStdString();
        const int status = client.received().mid(9, 3).toInt();
        EXPECT_TRUE(client.received().startsWith("HTTP/1.1 ") && status >= 400 && status < 600)
            << request.left(60).toStdString() << " -> " << client.received().left(120).toStdString();
    }
    expectNormalRequestAnswered(QStringLiteral("after"));
    expectMemoryBounded("garbage");
    expectHistoryIntact();
}

TEST_F(ServeHostileTest, MutatedRequestsFromZzufLeaveTheServerAndItsHistoryWhole)
{
    const QString zzuf = QStandardPaths::findExecutable(QStringLiteral("zzuf"));
    if (zzuf.isEmpty())
        GTEST_SKIP() << "zzuf is not installed (packaging/install-deps.sh --with-tests installs it)";
    const QByteArray event = assistantRequestBody(QStringLiteral("seedcall"), QStringLiteral("+31612345678"));
    const QList<QByteArray> seeds {
        postHead("/webhook", event.size(), "X-Webhook-Event: assistant-request\r\n") + event,
        "POST /chunked HTTP/1.1\r\nTransfer-Encoding: chunked\r\nX-Echo: 1\r\n\r\n" +
            QByteArray::number(event.size(), 16) + "\r\n" + event + "\r\n0\r\n\r\n",
        "GET /a?b=c HTTP/1.1\r\nHost: x\r\n\r\nHEAD / HTTP/1.1\r\n\r\n" + postHead("/p", 2) + "{}",
    };
    constexpr int kMutationsPerSeed = 120;
    constexpr int kBatch = 40;
    int answered = 0;
    int refused = 0;
    for (int seed = 0; seed < seeds.size(); ++seed) {
        QList<QByteArray> mutations;
        for (int round = 0; round < kMutationsPerSeed; ++round) {
            QProcess mutate;
            mutate.start(zzuf,
                         {QStringLiteral("-s"), QString::number(seed * 1000 + round), QStringLiteral("-r"),
                          QStringLiteral("0.001:0.03")});
            mutate.write(seeds.at(seed));
            mutate.closeWriteChannel();
            ASSERT_TRUE(mutate.waitForFinished(5000));
            mutations.append(mutate.readAllStandardOutput());
        }
        for (qsizetype first = 0; first < mutations.size(); first += kBatch) {
            std::vector<std::unique_ptr<RawClient>> clients;
            for (qsizetype i = first; i < std::min<qsizetype>(first + kBatch, mutations.size()); ++i) {
                clients.push_back(std::make_unique<RawClient>());
                ASSERT_TRUE(clients.back()->connectTo(m_serve.port()));
                clients.back()->send(mutations.at(i));
            }
            // Half a request waits for the rest until the header timeout; the clients give up sooner.
            QElapsedTimer clock;
            clock.start();
            for (const auto &client : clients) {
                client->readUntil(hasCompleteAnswer, static_cast<int>(std::max<qint64>(1, 400 - clock.elapsed())));
                const int status = client->received().mid(9, 3).toInt();
                answered += client->received().startsWith("HTTP/1.1 ") && status < 400;
                refused += status >= 400;
            }
        }
        expectNormalRequestAnswered(QStringLiteral("afterseed%1").arg(seed));
    }
    std::cout << "[ zzuf ] " << seeds.size() * kMutationsPerSeed << " mutated requests: " << answered << " answered, "
              << refused << " refused\n";
    EXPECT_GT(answered + refused, 0);
    expectMemoryBounded("mutated requests");
    expectHistoryIntact(true);
}

TEST_F(ServeHostileTest, ThousandsOfIdleConnectionsDoNotLockOutANormalClient)
{
    constexpr int kIdle = 3000;
    std::vector<int> sockets;
    for (int i = 0; i < kIdle; ++i) {
        const int descriptor = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        ASSERT_GE(descriptor, 0) << i << ": " << std::strerror(errno);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(m_serve.port());
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const int result = ::connect(descriptor, reinterpret_cast<const sockaddr *>(&address), sizeof address);
        ASSERT_TRUE(result == 0 || errno == EINPROGRESS) << i << ": " << std::strerror(errno);
        sockets.push_back(descriptor);
        if (i % 100 == 99)
            QThread::msleep(20); // lets serve accept, so the kernel's queue does not overflow into SYN retries
    }
    // serve has taken connections up to its limit of 1024 (the rest wait in the kernel or are turned away).
    const auto serveDescriptors = [this] {
        return QDir(QStringLiteral("/proc/%1/fd").arg(m_serve.pid()))
            .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
            .size();
    };
    ASSERT_TRUE(QTest::qWaitFor([&] { return serveDescriptors() >= 1024; }, 10000)) << serveDescriptors();
    expectNormalRequestAnswered(QStringLiteral("amongidle1"));
    expectMemoryBounded("3000 idle connections");
    const qsizetype serverDescriptors = serveDescriptors();
    EXPECT_LT(serverDescriptors, 1024 + 64) << "serve holds at most 1024 connections";
    std::cout << "[ idle ] serve holds " << serverDescriptors << " descriptors with " << kIdle << " idle clients\n";
    for (const int descriptor : sockets)
        ::close(descriptor);
    expectNormalRequestAnswered(QStringLiteral("amongidle2"));
    expectHistoryIntact();
}

TEST_F(ServeHostileTest, PipelinedRequestsAreAnsweredInOrderAndRecordedWhole)
{
    constexpr int kRequests = 100;
    QByteArray stream;
    for (int i = 0; i < kRequests; ++i) {
        const QString marker = QStringLiteral("pipe%1").arg(i);
        const QByteArray body = assistantRequestBody(marker, QStringLiteral("+31612345678"));
        stream += postHead("/pipelined", body.size(), "X-Webhook-Event: assistant-request\r\n") + body;
        m_expected.insert(marker, body);
    }
    RawClient client;
    ASSERT_TRUE(client.connectTo(m_serve.port()));
    ASSERT_TRUE(client.send(stream));
    EXPECT_TRUE(client.readUntil(
        [](const QByteArray &received) { return received.count("HTTP/1.1 200 OK") >= kRequests; }, 20000))
        << client.received().count("HTTP/1.1 200 OK") << " answers";

    // Garbage in the middle of a pipeline: what came before is answered, the rest is never read.
    RawClient broken;
    ASSERT_TRUE(broken.connectTo(m_serve.port()));
    const QByteArray first = assistantRequestBody(QStringLiteral("beforegarbage"), QStringLiteral("+31612345678"));
    const QByteArray never = assistantRequestBody(QStringLiteral("aftergarbage"), QStringLiteral("+31612345678"));
    m_expected.insert(QStringLiteral("beforegarbage"), first);
    broken.send(postHead("/p", first.size()) + first + "NOT HTTP\r\n\r\n" + postHead("/p", never.size()) + never);
    broken.readUntilClosed(5000);
    EXPECT_TRUE(broken.received().startsWith("HTTP/1.1 200 OK")) << broken.received().toStdString();
    EXPECT_TRUE(broken.received().contains("HTTP/1.1 400 ")) << broken.received().toStdString();
    expectNormalRequestAnswered(QStringLiteral("after"));
    expectHistoryIntact();
}

TEST_F(ServeHostileTest, ACallerCannotInjectAnswerHeadersThroughATemplate)
{
    const QByteArray body =
        R"({"message": {"type": "assistant-request", "call": {"id": "inject"}, "customer": {"number": "+316\r\nSet-Cookie: session=stolen\r\n\r\n{\"error\": \"forged\"}"}}})";
    RawClient client;
    ASSERT_TRUE(client.connectTo(m_serve.port()));
    ASSERT_TRUE(client.send(postHead("/inject", body.size(), "X-Echo: 1\r\n") + body));
    ASSERT_TRUE(client.readUntil(hasCompleteAnswer, 5000)) << client.received().toStdString();
    const QByteArray answer = client.received();
    const QByteArray head = answer.left(answer.indexOf("\r\n\r\n"));
    EXPECT_FALSE(answer.contains("\r\nSet-Cookie")) << answer.toStdString();
    EXPECT_TRUE(head.contains("\r\nX-Caller: +316  Set-Cookie: session=stolen    {\"error\": \"forged\"}"))
        << head.toStdString();
    EXPECT_EQ(answer.count("HTTP/1.1 "), 1) << answer.toStdString();
    EXPECT_EQ(answer.count("forged"), 1) << "only inside the X-Caller value";
    m_expected.insert(QStringLiteral("inject"), body);
    expectHistoryIntact();
}
