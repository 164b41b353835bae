// SPDX-License-Identifier: GPL-3.0-or-later

#include "http/httpconnection.h"
#include "http/httpserver.h"
#include "qtprinters.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <gtest/gtest.h>

using namespace dockside;

namespace {

// A server that echoes what it captured, so tests can see exactly what the parser kept.
class EchoServerTest : public ::testing::Test {
protected:
    void start(const http::HttpLimits &limits = {})
    {
        QString error;
        ASSERT_TRUE(m_server.listen(QHostAddress::LocalHost, 0, limits, &error)) << error.toStdString();
        QObject::connect(&m_server, &http::HttpServer::requestReady, &m_server,
                         [this](http::HttpConnection *connection, const base::CapturedRequest &request) {
                             m_requests.append(request);
                             if (m_holdAnswers) {
                                 m_held.append(connection);
                                 return;
                             }
                             connection->respond({200,
                                                  {{"Content-Type", "text/plain"}},
                                                  m_answerBody.isEmpty() ? "echo:" + request.body : m_answerBody,
                                                  false});
                         });
    }

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

    static bool hasAnswers(const QByteArray &received, int count) { return received.count("HTTP/1.1 ") >= count; }

    static bool isClosed(const QTcpSocket &socket) { return socket.state() == QAbstractSocket::UnconnectedState; }

    http::HttpServer m_server;
    QList<base::CapturedRequest> m_requests;
    QList<QPointer<http::HttpConnection>> m_held;
    bool m_holdAnswers = false;
    QByteArray m_answerBody;
};

bool completeAnswer(const QByteArray &received)
{
    const qsizetype headEnd = received.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    const qsizetype lengthAt = received.indexOf("Content-Length: ");
    if (lengthAt < 0)
        return true;
    const qsizetype lineEnd = received.indexOf("\r\n", lengthAt);
    const qsizetype length = received.mid(lengthAt + 16, lineEnd - lengthAt - 16).toLongLong();
    return received.size() >= headEnd + 4 + length;
}

} // namespace

TEST_F(EchoServerTest, CapturesTheRequestExactlyAsSent)
{
    start();
    QTcpSocket socket;
    const QByteArray answer = exchange(socket,
                                       "POST /hooks/voice?x=%20a&y=1 HTTP/1.1\r\nHost: example\r\nX-Zeta: 1\r\n"
                                       "x-alpha: two words \r\nContent-Length: 5\r\n\r\n{\"a\"}",
                                       completeAnswer);
    EXPECT_TRUE(answer.startsWith("HTTP/1.1 200 OK\r\n")) << answer.toStdString();
    EXPECT_TRUE(answer.endsWith("echo:{\"a\"}"));
    ASSERT_EQ(m_requests.size(), 1);
    const base::CapturedRequest &request = m_requests.first();
    EXPECT_EQ(request.method, QByteArray("POST"));
    EXPECT_EQ(request.path(), QByteArray("/hooks/voice"));
    EXPECT_EQ(request.rawQuery(), QByteArray("x=%20a&y=1"));
    ASSERT_EQ(request.headers.size(), 4);
    EXPECT_EQ(request.headers.at(1).first, QByteArray("X-Zeta"));
    EXPECT_EQ(request.headers.at(2).first, QByteArray("x-alpha"));
    EXPECT_EQ(request.headers.at(2).second, QByteArray("two words"));
    EXPECT_EQ(request.body, QByteArray("{\"a\"}"));
    // Counted in canonical form: the trailing space after "two words" is not part of the value.
    EXPECT_EQ(request.headerBytes,
              QByteArray("POST /hooks/voice?x=%20a&y=1 HTTP/1.1\r\nHost: example\r\nX-Zeta: 1\r\n"
                         "x-alpha: two words\r\nContent-Length: 5\r\n\r\n")
                  .size());
    EXPECT_EQ(request.peerAddress, QStringLiteral("127.0.0.1"));
    EXPECT_GT(request.receivedAtUs, 1'600'000'000'000'000LL);
}

TEST_F(EchoServerTest, BinaryBodiesAreKeptByteForByte)
{
    start();
    QByteArray body;
    for (int i = 0; i < 256; ++i)
        body.append(static_cast<char>(i));
    QTcpSocket socket;
    exchange(socket, "POST / HTTP/1.1\r\nContent-Length: 256\r\n\r\n" + body, completeAnswer);
    ASSERT_EQ(m_requests.size(), 1);
    EXPECT_EQ(m_requests.first().body, body);
}

TEST_F(EchoServerTest, PipelinedRequestsAreAnsweredInOrder)
{
    start();
    QTcpSocket socket;
    const QByteArray answer = exchange(socket,
                                       "POST /1 HTTP/1.1\r\nContent-Length: 3\r\n\r\none"
                                       "POST /2 HTTP/1.1\r\nContent-Length: 3\r\n\r\ntwo"
                                       "GET /3 HTTP/1.1\r\n\r\n",
                                       [](const QByteArray &received) { return hasAnswers(received, 3); });
    ASSERT_EQ(m_requests.size(), 3);
    EXPECT_LT(answer.indexOf("echo:one"), answer.indexOf("echo:two"));
    EXPECT_EQ(m_requests.at(2).path(), QByteArray("/3"));
}

// Sockets are unbuffered: what the kernel does not take at once must still leave, in order, and before a close.
TEST_F(EchoServerTest, AnAnswerLargerThanTheSocketBuffersArrivesWhole)
{
    start();
    m_answerBody.resize(24 * 1024 * 1024);
    for (qsizetype i = 0; i < m_answerBody.size(); ++i)
        m_answerBody[i] = static_cast<char>('a' + i % 26);
    QTcpSocket keptAlive;
    const QByteArray first = exchange(keptAlive, "GET /big HTTP/1.1\r\n\r\n", completeAnswer, 20000);
    ASSERT_TRUE(completeAnswer(first));
    EXPECT_TRUE(first.endsWith(m_answerBody));
    QTcpSocket closing;
    const QByteArray last = exchange(
        closing, "GET /big HTTP/1.0\r\n\r\n", [&](const QByteArray &) { return isClosed(closing); }, 20000);
    EXPECT_TRUE(last.contains("Connection: close\r\n"));
    EXPECT_TRUE(last.endsWith(m_answerBody)) << last.size();
}

TEST_F(EchoServerTest, ChunkedBodiesAreReassembled)
{
    start();
    QTcpSocket socket;
    exchange(socket, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
             completeAnswer);
    ASSERT_EQ(m_requests.size(), 1);
    EXPECT_EQ(m_requests.first().body, QByteArray("abcde"));
}

TEST_F(EchoServerTest, ABodyOverTheLimitIsRefusedBeforeItArrives)
{
    http::HttpLimits limits;
    limits.maxBodyBytes = 1024 * 1024;
    start(limits);
    QTcpSocket socket;
    // Only the headers are sent: the 413 must come without waiting for (or buffering) 20 MB.
    const QByteArray answer = exchange(socket, "POST / HTTP/1.1\r\nContent-Length: 20000000\r\n\r\n",
                                       [&](const QByteArray &) { return isClosed(socket); });
    EXPECT_TRUE(answer.startsWith("HTTP/1.1 413 ")) << answer.toStdString();
    EXPECT_TRUE(answer.contains("Connection: close"));
    EXPECT_TRUE(m_requests.isEmpty());
}

TEST_F(EchoServerTest, AChunkedBodyOverTheLimitIsRefusedAsItGrows)
{
    http::HttpLimits limits;
    limits.maxBodyBytes = 10;
    start(limits);
    QTcpSocket socket;
    const QByteArray answer =
        exchange(socket, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n12345678\r\n",
                 [&](const QByteArray &) { return isClosed(socket); });
    EXPECT_TRUE(answer.startsWith("HTTP/1.1 413 ")) << answer.toStdString();
}

TEST_F(EchoServerTest, GarbageGets400AndTheServerKeepsWorking)
{
    start();
    QTcpSocket garbage;
    const QByteArray answer = exchange(garbage, QByteArray("\x16\x03\x01\x02\x00 not http at all\r\n\r\n", 26),
                                       [&](const QByteArray &) { return isClosed(garbage); });
    EXPECT_TRUE(answer.startsWith("HTTP/1.1 400 ")) << answer.toStdString();

    QTcpSocket normal;
    EXPECT_TRUE(exchange(normal, "GET / HTTP/1.1\r\n\r\n", completeAnswer).startsWith("HTTP/1.1 200 OK"));
}

TEST_F(EchoServerTest, OversizedHeadersGet431)
{
    http::HttpLimits limits;
    limits.maxHeaderBytes = 1024;
    start(limits);
    QTcpSocket socket;
    const QByteArray answer = exchange(socket, "GET / HTTP/1.1\r\nX-Big: " + QByteArray(4096, 'a') + "\r\n\r\n",
                                       [&](const QByteArray &) { return isClosed(socket); });
    EXPECT_TRUE(answer.startsWith("HTTP/1.1 431 ")) << answer.toStdString();
}

TEST_F(EchoServerTest, HeadGetsNoBody)
{
    start();
    QTcpSocket socket;
    const QByteArray answer = exchange(socket, "HEAD / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n",
                                       [](const QByteArray &received) { return hasAnswers(received, 2); });
    // The first answer announces the body length but sends none, so the second starts right after its head.
    const qsizetype firstHeadEnd = answer.indexOf("\r\n\r\n");
    EXPECT_TRUE(answer.left(firstHeadEnd).contains("Content-Length: 5"));
    EXPECT_EQ(answer.indexOf("HTTP/1.1 200", 1), firstHeadEnd + 4) << answer.toStdString();
}

TEST_F(EchoServerTest, ExpectContinueIsAnswered)
{
    start();
    QTcpSocket socket;
    const QByteArray interim = exchange(socket, "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n",
                                        [](const QByteArray &received) { return received.contains("\r\n\r\n"); });
    EXPECT_EQ(interim, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
    const QByteArray answer = exchange(socket, "ok", completeAnswer);
    EXPECT_TRUE(answer.endsWith("echo:ok")) << answer.toStdString();
}

TEST_F(EchoServerTest, Http10ClosesAfterTheAnswer)
{
    start();
    QTcpSocket socket;
    const QByteArray answer =
        exchange(socket, "GET / HTTP/1.0\r\n\r\n", [&](const QByteArray &) { return isClosed(socket); });
    EXPECT_TRUE(answer.contains("Connection: close")) << answer.toStdString();
    EXPECT_TRUE(isClosed(socket));
}

TEST_F(EchoServerTest, SlowHeadersTimeOut)
{
    http::HttpLimits limits;
    limits.headerTimeoutMs = 300;
    start(limits);
    QTcpSocket socket;
    QElapsedTimer clock;
    clock.start();
    const QByteArray answer =
        exchange(socket, "GET / HTTP/1.1\r\nX-Slow: ", [&](const QByteArray &) { return isClosed(socket); });
    EXPECT_TRUE(answer.startsWith("HTTP/1.1 408 ")) << answer.toStdString();
    EXPECT_LT(clock.elapsed(), 2000);
}

TEST_F(EchoServerTest, IdleConnectionsAreClosed)
{
    http::HttpLimits limits;
    limits.idleTimeoutMs = 200;
    start(limits);
    QTcpSocket socket;
    exchange(socket, "GET / HTTP/1.1\r\n\r\n", completeAnswer);
    EXPECT_TRUE(QTest::qWaitFor([&] { return isClosed(socket); }, 2000));
    EXPECT_TRUE(QTest::qWaitFor([&] { return m_server.connectionCount() == 0; }, 2000));
}

// The head's short deadline ends with the head: a kept-alive client may send its next request any time within the idle
// timeout, also when the first one arrived in pieces (its head deadline was running when it was answered).
TEST_F(EchoServerTest, AfterAnAnswerTheIdleTimeoutAppliesNotTheHeadTimeout)
{
    http::HttpLimits limits;
    limits.headerTimeoutMs = 200;
    limits.idleTimeoutMs = 20000;
    start(limits);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server.port());
    ASSERT_TRUE(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 2000));
    socket.write("GET /first HTTP/1.1\r\n");
    ASSERT_TRUE(socket.flush());
    // The server has read the head's first piece alone: its connection is no longer idle.
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const auto connections = m_server.findChildren<http::HttpConnection *>();
            return connections.size() == 1 && !connections.first()->isIdle();
        },
        2000));
    const QByteArray first = exchange(socket, "\r\n", completeAnswer);
    ASSERT_TRUE(completeAnswer(first));
    QElapsedTimer sinceAnswer;
    sinceAnswer.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return sinceAnswer.elapsed() > 3 * limits.headerTimeoutMs; }, 5000));
    ASSERT_EQ(socket.state(), QAbstractSocket::ConnectedState); // exchange() would quietly connect again
    const QByteArray second = exchange(socket, "GET /second HTTP/1.1\r\n\r\n", completeAnswer);
    EXPECT_TRUE(completeAnswer(second)) << second.toStdString();
}

TEST_F(EchoServerTest, AClientThatLeavesBeforeTheAnswerIsNoProblem)
{
    start();
    m_holdAnswers = true;
    {
        QTcpSocket socket;
        exchange(socket, "GET / HTTP/1.1\r\n\r\n", [&](const QByteArray &) { return !m_held.isEmpty(); });
        socket.abort();
    }
    EXPECT_TRUE(QTest::qWaitFor([&] { return m_held.first().isNull(); }, 2000));
}

// Bytes that arrive while an answer is prepared wait in the kernel and are read once it is out, in order.
TEST_F(EchoServerTest, ARequestSentWhileTheLastIsHeldIsReadOnceThatIsAnswered)
{
    start();
    m_holdAnswers = true;
    QTcpSocket socket;
    exchange(socket, "GET /first HTTP/1.1\r\n\r\n", [&](const QByteArray &) { return m_held.size() == 1; });
    socket.write("GET /second HTTP/1.1\r\n\r\n");
    ASSERT_TRUE(socket.flush());
    QCoreApplication::processEvents(); // the server is told of /second while /first is held
    EXPECT_EQ(m_requests.size(), 1);
    m_holdAnswers = false;
    ASSERT_FALSE(m_held.first().isNull());
    m_held.first()->respond({200, {}, "first", false});
    const QByteArray answers = exchange(socket, {}, [](const QByteArray &received) { return hasAnswers(received, 2); });
    ASSERT_EQ(m_requests.size(), 2);
    EXPECT_EQ(m_requests.at(1).path(), QByteArray("/second"));
    EXPECT_LT(answers.indexOf("first"), answers.indexOf("echo:")) << answers.toStdString();
}

TEST(HttpServer, APortInUseSaysSoAndSuggestsAnother)
{
    http::HttpServer first;
    QString error;
    ASSERT_TRUE(first.listen(QHostAddress::LocalHost, 0, {}, &error));
    http::HttpServer second;
    EXPECT_FALSE(second.listen(QHostAddress::LocalHost, first.port(), {}, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("already in use"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("another port")));
}
