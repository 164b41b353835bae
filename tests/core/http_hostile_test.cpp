// SPDX-License-Identifier: GPL-3.0-or-later

#include "http/httpconnection.h"
#include "http/httpserver.h"
#include "qtprinters.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <memory>
#include <vector>

using namespace dockside;

namespace {

// Clients that misbehave on purpose, against an in-process server with small limits so each test is quick.
class HostileClientTest : public ::testing::Test {
protected:
    void start(const http::HttpLimits &limits)
    {
        QString error;
        ASSERT_TRUE(m_server.listen(QHostAddress::LocalHost, 0, limits, &error)) << error.toStdString();
        QObject::connect(&m_server, &http::HttpServer::requestReady, &m_server,
                         [this](http::HttpConnection *connection, const base::CapturedRequest &request) {
                             m_requests.append(request);
                             connection->respond({200, m_answerHeaders, "ok:" + request.body, false});
                         });
    }

    // Sends bytes on a fresh connection and reads until the server closes it or `done` says so.
    QByteArray exchange(QTcpSocket &socket, const QByteArray &bytes,
                        const std::function<bool(const QByteArray &)> &done, int timeoutMs = 3000)
    {
        if (socket.state() != QAbstractSocket::ConnectedState) {
            socket.connectToHost(QHostAddress::LocalHost, m_server.port());
            EXPECT_TRUE(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 2000));
        }
        QByteArray received;
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { received += socket.readAll(); });
        socket.write(bytes);
        static_cast<void>(QTest::qWaitFor([&] { return done(received); }, timeoutMs));
        QObject::disconnect(&socket, &QTcpSocket::readyRead, nullptr, nullptr);
        received += socket.readAll();
        return received;
    }

    // A well-behaved client's request on its own connection: answered, and quickly.
    void expectANormalRequestIsAnswered()
    {
        QElapsedTimer clock;
        clock.start();
        QTcpSocket socket;
        const QByteArray answer = exchange(socket, "POST /normal HTTP/1.1\r\nContent-Length: 6\r\n\r\nnormal",
                                           [](const QByteArray &received) { return received.endsWith("ok:normal"); });
        EXPECT_TRUE(answer.startsWith("HTTP/1.1 200 OK\r\n")) << answer.toStdString();
        EXPECT_LT(clock.elapsed(), 2000);
    }

    static bool isClosed(const QTcpSocket &socket) { return socket.state() == QAbstractSocket::UnconnectedState; }

    http::HttpServer m_server;
    QList<base::CapturedRequest> m_requests;
    base::HeaderList m_answerHeaders {{"Content-Type", "text/plain"}};
};

// A plain POSIX client socket: thousands of QTcpSockets would cost more than the server under test.
int connectRaw(quint16 port)
{
    const int descriptor = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (descriptor < 0)
        return -1;
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(descriptor, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0 &&
        errno != EINPROGRESS) {
        ::close(descriptor);
        return -1;
    }
    return descriptor;
}

} // namespace

TEST_F(HostileClientTest, ASlowBodyGets408AndOthersAreServedMeanwhile)
{
    http::HttpLimits limits;
    limits.requestTimeoutMs = 500;
    start(limits);
    QTcpSocket slow;
    QElapsedTimer clock;
    clock.start();
    const QByteArray interim = exchange(
        slow, "POST /slow HTTP/1.1\r\nContent-Length: 100\r\n\r\nfirst bytes", [](const QByteArray &) { return false; },
        100);
    EXPECT_TRUE(interim.isEmpty()) << interim.toStdString();
    expectANormalRequestIsAnswered();
    const QByteArray answer = exchange(slow, "more", [&](const QByteArray &) { return isClosed(slow); });
    EXPECT_TRUE(answer.startsWith("HTTP/1.1 408 ")) << answer.toStdString();
    EXPECT_LT(clock.elapsed(), 2500);
    ASSERT_EQ(m_requests.size(), 1);
    EXPECT_EQ(m_requests.first().path(), QByteArray("/normal"));
}

TEST_F(HostileClientTest, AtTheConnectionLimitAnIdleConnectionGivesWay)
{
    http::HttpLimits limits;
    limits.maxConnections = 3;
    start(limits);
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 3; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        // Each asks once and then keeps its connection open without a word.
        exchange(*idle.back(), "GET /idle HTTP/1.1\r\n\r\n",
                 [](const QByteArray &received) { return received.endsWith("ok:"); });
    }
    ASSERT_EQ(m_server.connectionCount(), 3);
    expectANormalRequestIsAnswered();
    EXPECT_TRUE(QTest::qWaitFor([&] { return isClosed(*idle.front()); }, 2000)) << "the longest idle gives way";
    EXPECT_LE(m_server.connectionCount(), 3);
}

TEST_F(HostileClientTest, AtTheConnectionLimitBusyConnectionsAreKept)
{
    http::HttpLimits limits;
    limits.maxConnections = 2;
    start(limits);
    QTcpSocket first;
    QTcpSocket second;
    // Both are in the middle of a request, so neither is idle.
    exchange(
        first, "GET / HTTP/1.1\r\nX-Half: ", [](const QByteArray &) { return false; }, 100);
    exchange(
        second, "POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\nhalf", [](const QByteArray &) { return false; }, 100);
    QTcpSocket third;
    third.connectToHost(QHostAddress::LocalHost, m_server.port());
    EXPECT_TRUE(QTest::qWaitFor([&] { return isClosed(third); }, 2000));
    EXPECT_EQ(m_server.connectionCount(), 2);
    EXPECT_FALSE(isClosed(first));
    EXPECT_FALSE(isClosed(second));
}

TEST_F(HostileClientTest, ThousandsOfSilentConnectionsDoNotLockOutANormalClient)
{
    rlimit files {};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &files), 0);
    files.rlim_cur = files.rlim_max;
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &files), 0);
    const int wanted = static_cast<int>(std::min<rlim_t>(3000, (files.rlim_cur - 100) / 2));
    ASSERT_GT(wanted, 1100) << "the file limit (" << files.rlim_cur << ") is too low to open thousands of connections";

    http::HttpLimits limits; // the default limit of 1024 connections
    start(limits);
    std::vector<int> sockets;
    for (int i = 0; i < wanted; ++i) {
        const int descriptor = connectRaw(m_server.port());
        ASSERT_GE(descriptor, 0) << "connection " << i << ": " << std::strerror(errno);
        sockets.push_back(descriptor);
        if (i % 50 == 0)
            QTest::qWait(5);
    }
    // The server has taken connections up to its limit and turns the rest away.
    ASSERT_TRUE(QTest::qWaitFor([&] { return m_server.connectionCount() >= limits.maxConnections; }, 10000))
        << m_server.connectionCount();
    EXPECT_LE(m_server.connectionCount(), limits.maxConnections);
    expectANormalRequestIsAnswered();
    for (const int descriptor : sockets)
        ::close(descriptor);
    EXPECT_TRUE(QTest::qWaitFor([&] { return m_server.connectionCount() == 0; }, 5000))
        << m_server.connectionCount() << " connections left";
}

TEST_F(HostileClientTest, AcceptingResumesAfterRunningOutOfFileDescriptors)
{
    start({});
    rlimit saved {};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &saved), 0);
    // Room for only a few more descriptors: the clients take them, so the server's accept fails with EMFILE.
    int highest = 0;
    for (const QString &entry :
         QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot))
        highest = std::max(highest, entry.toInt());
    ASSERT_GT(highest, 2);
    rlimit tight = saved;
    tight.rlim_cur = static_cast<rlim_t>(highest + 24);
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &tight), 0);
    // A plain counter, not a QSignalSpy: with every descriptor taken, UBSan cannot check the dynamic type of an
    // object called through a reference, and reports the spy's calls as errors.
    int acceptFailures = 0;
    QObject::connect(&m_server, &http::HttpServer::acceptFailed, &m_server, [&acceptFailures] { ++acceptFailures; });
    std::vector<int> sockets;
    for (;;) {
        const int descriptor = connectRaw(m_server.port());
        if (descriptor < 0)
            break;
        sockets.push_back(descriptor);
    }
    // The server tries to accept what is pending, and runs out.
    const bool ranOut = QTest::qWaitFor([&acceptFailures] { return acceptFailures > 0; }, 5000);
    for (const int descriptor : sockets)
        ::close(descriptor);
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &saved), 0);
    ASSERT_TRUE(ranOut) << "the server never failed to accept";
    expectANormalRequestIsAnswered();
}

TEST_F(HostileClientTest, CallerDataInAnswerHeadersCannotSplitTheResponse)
{
    start({});
    m_answerHeaders = {{"X-Caller", "+316\r\nSet-Cookie: stolen=1\r\n\r\nHTTP/1.1 200 OK\r\n"},
                       {"X-Name\r\nX-Forged", "x\0y"}};
    m_answerHeaders[1].second = QByteArray("x\0y", 3);
    QTcpSocket socket;
    const QByteArray answer =
        exchange(socket, "GET / HTTP/1.1\r\n\r\n", [](const QByteArray &received) { return received.endsWith("ok:"); });
    const QByteArray head = answer.left(answer.indexOf("\r\n\r\n"));
    EXPECT_FALSE(answer.contains("\r\nSet-Cookie")) << answer.toStdString();
    EXPECT_FALSE(answer.contains("\r\nX-Forged")) << answer.toStdString();
    EXPECT_EQ(answer.count("HTTP/1.1 "), 2) << "one status line and the text inside the header value";
    EXPECT_TRUE(head.contains("\r\nX-Caller: +316  Set-Cookie: stolen=1    HTTP/1.1 200 OK  \r\n"))
        << head.toStdString();
    EXPECT_TRUE(head.contains("\r\nX-Name  X-Forged: x y\r\n")) << head.toStdString();
    EXPECT_FALSE(head.contains('\0'));
}

TEST_F(HostileClientTest, HundredsOfPipelinedRequestsPastTheReadBufferAreAnsweredInOrder)
{
    start({});
    QByteArray requests;
    constexpr int kRequests = 400;
    for (int i = 0; i < kRequests; ++i) {
        const QByteArray body = QByteArray::number(i) + ':' + QByteArray(1000, 'p');
        requests += "POST /p HTTP/1.1\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }
    QTcpSocket socket;
    const QByteArray answers = exchange(
        socket, requests, [](const QByteArray &received) { return received.count("HTTP/1.1 200") >= kRequests; },
        20000);
    ASSERT_EQ(answers.count("HTTP/1.1 200"), kRequests);
    ASSERT_EQ(m_requests.size(), kRequests);
    qsizetype at = 0;
    for (int i = 0; i < kRequests; ++i) {
        EXPECT_TRUE(m_requests.at(i).body.startsWith(QByteArray(QByteArray::number(i) + ':'))) << i;
        const qsizetype next = answers.indexOf(QByteArray("ok:" + QByteArray::number(i) + ':'), at);
        ASSERT_GE(next, at) << "answer " << i << " is out of order";
        at = next;
    }
}

TEST_F(HostileClientTest, OnlyHttp1IsServedOtherVersionsGet505)
{
    start({});
    for (const QByteArray &version : {QByteArray("HTTP/9.9"), QByteArray("HTTP/2.0"), QByteArray("HTTP/0.9")}) {
        QTcpSocket socket;
        const QByteArray answer =
            exchange(socket, "GET / " + version + "\r\n\r\n", [&](const QByteArray &) { return isClosed(socket); });
        EXPECT_TRUE(answer.startsWith("HTTP/1.1 505 HTTP Version Not Supported\r\n")) << answer.toStdString();
    }
    EXPECT_TRUE(m_requests.isEmpty());
    expectANormalRequestIsAnswered();
}

TEST_F(HostileClientTest, EmptyLinesCountAgainstTheHeadLimitAndDoNotPostponeTheIdleTimeout)
{
    http::HttpLimits limits;
    limits.maxHeaderBytes = 1024;
    limits.idleTimeoutMs = 600;
    start(limits);
    QTcpSocket flood;
    const QByteArray refused =
        exchange(flood, QByteArray(5000, '\n'), [&](const QByteArray &) { return isClosed(flood); });
    EXPECT_TRUE(refused.startsWith("HTTP/1.1 400 ")) << refused.toStdString();

    // A trickle of empty lines, each well within the idle timeout, still ends with the timeout.
    QTcpSocket trickle;
    QElapsedTimer clock;
    clock.start();
    trickle.connectToHost(QHostAddress::LocalHost, m_server.port());
    ASSERT_TRUE(QTest::qWaitFor([&] { return trickle.state() == QAbstractSocket::ConnectedState; }, 2000));
    while (!isClosed(trickle) && clock.elapsed() < 3000) {
        trickle.write("\r\n");
        QTest::qWait(100);
    }
    EXPECT_TRUE(isClosed(trickle));
    EXPECT_LT(clock.elapsed(), 1500) << "the empty lines kept the connection open";
    expectANormalRequestIsAnswered();
}
