// SPDX-License-Identifier: GPL-3.0-or-later

#include "http/httpclientconnection.h"
#include "http/httpresponseparser.h"
#include "mock/mockendpoint.h"
#include "qtprinters.h"
#include "scriptedpeer.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <gtest/gtest.h>

using namespace dockside;
using http::ClientExchange;
using http::HttpClientConnection;
using http::HttpResponseParser;
using Reply = ScriptedPeer::Reply;
using After = ScriptedPeer::After;

namespace {

HttpResponseParser::State feedAll(HttpResponseParser &parser, const QByteArray &bytes)
{
    parser.feed(bytes.constData(), bytes.size());
    return parser.state();
}

QByteArray requestFor(quint16 port, const QByteArray &body = QByteArrayLiteral("{\"ping\":true}"))
{
    return http::serializeRequest("POST", "/hook", "127.0.0.1:" + QByteArray::number(port),
                                  {{"Content-Type", "application/json"}}, body);
}

ClientExchange exchangeOn(HttpClientConnection &connection, const QByteArray &request, qint64 deadlineMs = 5000)
{
    std::optional<ClientExchange> result;
    const QMetaObject::Connection once =
        QObject::connect(&connection, &HttpClientConnection::exchangeFinished, &connection,
                         [&result](const ClientExchange &exchange) { result = exchange; });
    connection.send(request, deadlineMs);
    // Never before send() returns, so a caller can file the exchange first.
    EXPECT_FALSE(result.has_value());
    EXPECT_TRUE(QTest::qWaitFor([&result] { return result.has_value(); }, static_cast<int>(deadlineMs) + 5000));
    QObject::disconnect(once);
    return result.value_or(ClientExchange {});
}

const QByteArray kOk =
    QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");

} // namespace

TEST(HttpResponseParser, ReadsAContentLengthAnswerWithItsHeadersInOrder)
{
    HttpResponseParser parser;
    EXPECT_EQ(feedAll(parser,
                      "HTTP/1.1 201 Created\r\nX-B: 2\r\nContent-Type: application/json  \r\nX-A: 1\r\n"
                      "Content-Length: 11\r\n\r\n{\"ok\":true}"),
              HttpResponseParser::State::Complete);
    const http::ParsedResponse &response = parser.response();
    EXPECT_EQ(response.status, 201);
    EXPECT_EQ(response.reasonPhrase, QByteArray("Created"));
    EXPECT_EQ(response.httpVersion, QByteArray("HTTP/1.1"));
    EXPECT_EQ(response.body, QByteArray("{\"ok\":true}"));
    ASSERT_EQ(response.headers.size(), 4);
    EXPECT_EQ(response.headers.at(0).first, QByteArray("X-B"));
    EXPECT_EQ(response.headers.at(1).second, QByteArray("application/json"));
    EXPECT_EQ(response.headers.at(2).first, QByteArray("X-A"));
    EXPECT_TRUE(parser.keepAlive());
}

TEST(HttpResponseParser, HeadersArrivingInPiecesAreTheSameAsHeadersArrivingWhole)
{
    const QByteArray answer = "HTTP/1.0 200 OK\r\nX-Long-Name: a value in pieces\r\nX-Empty:\r\nX-Spaced:   \r\n"
                              "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
    HttpResponseParser whole;
    ASSERT_EQ(feedAll(whole, answer), HttpResponseParser::State::Complete);
    HttpResponseParser pieces;
    for (qsizetype i = 0; i < answer.size(); ++i)
        ASSERT_EQ(pieces.feed(answer.constData() + i, 1), 1) << "at byte " << i;
    ASSERT_EQ(pieces.state(), HttpResponseParser::State::Complete);
    for (const HttpResponseParser *parser : {&whole, &pieces}) {
        const http::ParsedResponse &response = parser->response();
        EXPECT_EQ(response.httpVersion, QByteArray("HTTP/1.0"));
        ASSERT_EQ(response.headers.size(), 5);
        EXPECT_EQ(response.headers.at(0), (QPair<QByteArray, QByteArray>("X-Long-Name", "a value in pieces")));
        // An empty value is recorded null, as the history has always stored it, however it arrived.
        EXPECT_TRUE(response.headers.at(1).second.isNull());
        EXPECT_EQ(response.headers.at(2).first, QByteArray("X-Spaced"));
        EXPECT_TRUE(response.headers.at(2).second.isEmpty());
        EXPECT_EQ(response.headers.at(3).second, QByteArray("application/json"));
    }
    EXPECT_EQ(pieces.response().headers, whole.response().headers);
}

TEST(HeaderNames, CompareWithoutRegardToCaseAndNeverMatchAnotherLength)
{
    EXPECT_TRUE(base::sameHeaderName("content-length", "Content-Length"));
    EXPECT_TRUE(base::sameHeaderName("X-WEBHOOK-SIGNATURE", "x-webhook-signature"));
    EXPECT_TRUE(base::sameHeaderName("", ""));
    EXPECT_FALSE(base::sameHeaderName("Content-Length", "Content-Lengths"));
    EXPECT_FALSE(base::sameHeaderName("Content-Lengt", "Content-Length"));
    EXPECT_FALSE(base::sameHeaderName("Connection", "Connectiom"));
    EXPECT_FALSE(base::sameHeaderName("Connection", ""));
}

TEST(HttpResponseParser, AssemblesAChunkedAnswerFedOneByteAtATime)
{
    HttpResponseParser parser;
    const QByteArray answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n";
    for (qsizetype i = 0; i < answer.size(); ++i) {
        EXPECT_NE(parser.state(), HttpResponseParser::State::Complete) << "complete early at byte " << i;
        ASSERT_EQ(parser.feed(answer.constData() + i, 1), 1) << "at byte " << i;
    }
    EXPECT_EQ(parser.state(), HttpResponseParser::State::Complete);
    EXPECT_EQ(parser.response().body, QByteArray("Hello, world"));
    EXPECT_TRUE(parser.keepAlive());
}

TEST(HttpResponseParser, ABodyThatRunsToTheCloseIsCompleteAtTheClose)
{
    HttpResponseParser parser;
    EXPECT_EQ(feedAll(parser, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\npart one, "),
              HttpResponseParser::State::ReadingBody);
    EXPECT_TRUE(parser.hasHead());
    EXPECT_EQ(feedAll(parser, "part two"), HttpResponseParser::State::ReadingBody);
    parser.finishInput();
    EXPECT_EQ(parser.state(), HttpResponseParser::State::Complete);
    EXPECT_EQ(parser.response().body, QByteArray("part one, part two"));
    EXPECT_FALSE(parser.keepAlive());
}

TEST(HttpResponseParser, AnAnswerCutShortFailsAndSaysWhere)
{
    HttpResponseParser cutBody;
    feedAll(cutBody, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"assist");
    cutBody.finishInput();
    EXPECT_EQ(cutBody.state(), HttpResponseParser::State::Failed);
    EXPECT_TRUE(cutBody.failureReason().contains(QStringLiteral("after 8 byte(s) of the body")))
        << cutBody.failureReason().toStdString();

    HttpResponseParser cutHead;
    feedAll(cutHead, "HTTP/1.1 200 OK\r\nContent-Le");
    cutHead.finishInput();
    EXPECT_EQ(cutHead.state(), HttpResponseParser::State::Failed);
    EXPECT_TRUE(cutHead.failureReason().contains(QStringLiteral("headers"))) << cutHead.failureReason().toStdString();

    HttpResponseParser nothing;
    nothing.finishInput();
    EXPECT_EQ(nothing.state(), HttpResponseParser::State::Failed);
    EXPECT_TRUE(nothing.failureReason().contains(QStringLiteral("without answering")));
}

TEST(HttpResponseParser, AGarbageStatusLineIsNotHttp)
{
    for (const char *garbage : {"HELLO THERE\r\n\r\n", "HTTP/1.1 abc OK\r\n\r\n", "<html>oops</html>"}) {
        HttpResponseParser parser;
        EXPECT_EQ(feedAll(parser, garbage), HttpResponseParser::State::Failed) << garbage;
        EXPECT_TRUE(parser.failureReason().contains(QStringLiteral("not valid HTTP")))
            << parser.failureReason().toStdString();
    }
}

TEST(HttpResponseParser, SkipsAnInterimContinueAnswer)
{
    HttpResponseParser parser;
    EXPECT_EQ(feedAll(parser, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n"),
              HttpResponseParser::State::Complete);
    EXPECT_EQ(parser.response().status, 202);
}

TEST(HttpResponseParser, ConnectionCloseAndHttp10AnswersAreNotKeptAlive)
{
    HttpResponseParser close;
    feedAll(close, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    EXPECT_EQ(close.state(), HttpResponseParser::State::Complete);
    EXPECT_FALSE(close.keepAlive());

    HttpResponseParser old;
    feedAll(old, "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
    EXPECT_EQ(old.state(), HttpResponseParser::State::Complete);
    EXPECT_FALSE(old.keepAlive());

    HttpResponseParser noContent;
    EXPECT_EQ(feedAll(noContent, "HTTP/1.1 204 No Content\r\n\r\n"), HttpResponseParser::State::Complete);
    EXPECT_TRUE(noContent.keepAlive());
}

TEST(HttpResponseParser, AnswersToHeadAnd204And304EndWithTheirHeadersWhateverTheirContentLength)
{
    HttpResponseParser head;
    head.reset(true);
    // Larger than the body limit too: a HEAD answer announces its GET's length and carries none of it.
    EXPECT_EQ(feedAll(head, "HTTP/1.1 200 OK\r\nContent-Length: 999999999999\r\n\r\n"),
              HttpResponseParser::State::Complete);
    EXPECT_TRUE(head.keepAlive());
    EXPECT_TRUE(head.response().body.isEmpty());
    EXPECT_EQ(head.response().headers, (base::HeaderList {{"Content-Length", "999999999999"}}));

    for (const char *bodiless : {"HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n",
                                 "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n"}) {
        HttpResponseParser parser;
        EXPECT_EQ(feedAll(parser, bodiless), HttpResponseParser::State::Complete) << bodiless;
        EXPECT_TRUE(parser.keepAlive()) << bodiless;
    }

    // The next answer on the connection, to a POST, reads its body again.
    head.reset();
    EXPECT_EQ(feedAll(head, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"), HttpResponseParser::State::ReadingBody);
}

TEST(HttpResponseParser, BytesAfterTheAnswerAreLeftUnread)
{
    HttpResponseParser parser;
    const QByteArray bytes = kOk + "HTTP/1.1 200 OK\r\n";
    EXPECT_EQ(parser.feed(bytes.constData(), bytes.size()), kOk.size());
    EXPECT_EQ(parser.state(), HttpResponseParser::State::Complete);
    parser.reset();
    EXPECT_EQ(parser.state(), HttpResponseParser::State::Idle);
    EXPECT_EQ(feedAll(parser, kOk), HttpResponseParser::State::Complete);
}

TEST(HttpResponseParser, ABodyOverTheLimitFails)
{
    HttpResponseParser announced(10);
    EXPECT_EQ(feedAll(announced, "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n"), HttpResponseParser::State::Failed);
    EXPECT_TRUE(announced.failureReason().contains(QStringLiteral("limit")));

    HttpResponseParser chunked(10);
    EXPECT_EQ(
        feedAll(chunked, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n12345678\r\n"),
        HttpResponseParser::State::Failed);
}

TEST(HttpClientConnection, KeepsTheConnectionAliveAgainstTheMockEndpointAndTimesEachPart)
{
    mock::MockEndpoint endpoint(nullptr);
    mock::MockEndpointOptions options;
    options.port = 0;
    endpoint.start(options);
    ASSERT_TRUE(endpoint.isRunning());
    QList<quint16> peerPorts;
    QObject::connect(&endpoint, &mock::MockEndpoint::exchangeRecorded, &endpoint,
                     [&](const history::ExchangeRecord &record) { peerPorts.append(record.request.peerPort); });

    const auto port = static_cast<quint16>(endpoint.url().port());
    HttpClientConnection connection(QStringLiteral("127.0.0.1"), port);
    const ClientExchange first = exchangeOn(connection, requestFor(port));
    ASSERT_TRUE(first.response) << first.error.toStdString();
    EXPECT_EQ(first.response->status, 200);
    EXPECT_EQ(first.response->body, QByteArray("{}"));
    ASSERT_TRUE(first.connectUs && first.firstByteUs && first.headersUs);
    EXPECT_GT(*first.connectUs, 0);
    EXPECT_LE(*first.connectUs, *first.firstByteUs);
    EXPECT_LE(*first.firstByteUs, *first.headersUs);
    EXPECT_LE(*first.headersUs, first.totalUs);
    EXPECT_TRUE(connection.isReusable());

    const ClientExchange second = exchangeOn(connection, requestFor(port));
    ASSERT_TRUE(second.response) << second.error.toStdString();
    EXPECT_EQ(second.connectUs, std::optional<qint64>(0));
    // One TCP connection carried both: the endpoint saw the same client port twice.
    ASSERT_EQ(peerPorts.size(), 2);
    EXPECT_EQ(peerPorts.at(0), peerPorts.at(1));
}

TEST(HttpClientConnection, AssemblesAChunkedAnswerThatArrivesInPieces)
{
    ScriptedPeer peer({Reply {
        {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "6\r\n{\"a\":1\r\n", "1\r\n}\r\n", "0\r\n\r\n"}}});
    HttpClientConnection connection(QStringLiteral("127.0.0.1"), peer.port());
    const ClientExchange exchange = exchangeOn(connection, requestFor(peer.port()));
    ASSERT_TRUE(exchange.response) << exchange.error.toStdString();
    EXPECT_EQ(exchange.response->body, QByteArray("{\"a\":1}"));
    ASSERT_TRUE(exchange.firstByteUs);
    // The pieces came 20 ms apart: the first byte long before the last (one gap's worth, as a loaded machine may
    // read the first piece late).
    EXPECT_GE(exchange.totalUs - *exchange.firstByteUs, 20'000);
    EXPECT_TRUE(connection.isReusable());
}

TEST(HttpClientConnection, AServerThatClosesMidBodyIsAFailureThatSaysSo)
{
    ScriptedPeer peer({Reply {{"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{\"assistant\":"}, After::Close}});
    HttpClientConnection connection(QStringLiteral("127.0.0.1"), peer.port());
    const ClientExchange exchange = exchangeOn(connection, requestFor(peer.port()));
    EXPECT_FALSE(exchange.response);
    EXPECT_FALSE(exchange.timedOut);
    EXPECT_TRUE(exchange.error.contains(QStringLiteral("closed the connection after 13 byte(s) of the body")))
        << exchange.error.toStdString();
    EXPECT_FALSE(connection.isReusable());
}

TEST(HttpClientConnection, AServerThatResetsBeforeAnsweringIsAFailure)
{
    ScriptedPeer peer({Reply {{}, After::Abort}});
    HttpClientConnection connection(QStringLiteral("127.0.0.1"), peer.port());
    const ClientExchange exchange = exchangeOn(connection, requestFor(peer.port()));
    EXPECT_FALSE(exchange.response);
    EXPECT_TRUE(exchange.error.contains(QStringLiteral("closed the connection"))) << exchange.error.toStdString();
    EXPECT_FALSE(exchange.firstByteUs);
}

TEST(HttpClientConnection, HangingAfterTheHeadersTimesOutWithTheHeadersTime)
{
    ScriptedPeer peer({Reply {{"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"}}});
    HttpClientConnection connection(QStringLiteral("127.0.0.1"), peer.port());
    const ClientExchange exchange = exchangeOn(connection, requestFor(peer.port()), 300);
    EXPECT_TRUE(exchange.timedOut);
    EXPECT_FALSE(exchange.response);
    ASSERT_TRUE(exchange.headersUs);
    EXPECT_LT(*exchange.headersUs, 300'000);
    EXPECT_GE(exchange.totalUs, 300'000);
    EXPECT_LT(exchange.totalUs, 600'000);
    EXPECT_FALSE(connection.isReusable());
}

TEST(HttpClientConnection, ANeverAnsweringServerTimesOutWithNoFirstByte)
{
    ScriptedPeer peer({});
    HttpClientConnection connection(QStringLiteral("127.0.0.1"), peer.port());
    const ClientExchange exchange = exchangeOn(connection, requestFor(peer.port()), 200);
    EXPECT_TRUE(exchange.timedOut);
    EXPECT_FALSE(exchange.firstByteUs);
    EXPECT_TRUE(exchange.connectUs);
    EXPECT_EQ(peer.requests(), 1);
}

TEST(HttpClientConnection, AGarbageStatusLineIsNotHttp)
{
    ScriptedPeer peer({Reply {{"SSH-2.0-OpenSSH_9.2\r\n"}}});
    HttpClientConnection connection(QStringLiteral("127.0.0.1"), peer.port());
    const ClientExchange exchange = exchangeOn(connection, requestFor(peer.port()));
    EXPECT_FALSE(exchange.response);
    EXPECT_FALSE(exchange.timedOut);
    EXPECT_TRUE(exchange.error.contains(QStringLiteral("not valid HTTP"))) << exchange.error.toStdString();
}

TEST(HttpClientConnection, ABodyDelimitedByTheCloseIsCompleteButTheConnectionIsNotReused)
{
    ScriptedPeer peer(
        {Reply {{"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"until\":", "\"close\"}"}, After::Close},
         Reply {{kOk}}});
    HttpClientConnection connection(QStringLiteral("127.0.0.1"), peer.port());
    const ClientExchange exchange = exchangeOn(connection, requestFor(peer.port()));
    ASSERT_TRUE(exchange.response) << exchange.error.toStdString();
    EXPECT_EQ(exchange.response->body, QByteArray("{\"until\":\"close\"}"));
    EXPECT_FALSE(exchange.socketError);
    EXPECT_FALSE(connection.isReusable());

    // The next request connects again.
    const ClientExchange next = exchangeOn(connection, requestFor(peer.port()));
    ASSERT_TRUE(next.response) << next.error.toStdString();
    ASSERT_TRUE(next.connectUs);
    EXPECT_GT(*next.connectUs, 0);
    EXPECT_EQ(peer.connections(), 2);
}

TEST(HttpClientConnection, AnAnswerWithConnectionCloseIsNotReused)
{
    ScriptedPeer peer({Reply {{"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"}}, Reply {{kOk}}});
    HttpClientConnection connection(QStringLiteral("127.0.0.1"), peer.port());
    ASSERT_TRUE(exchangeOn(connection, requestFor(peer.port())).response);
    EXPECT_FALSE(connection.isReusable());
    ASSERT_TRUE(exchangeOn(connection, requestFor(peer.port())).response);
    EXPECT_EQ(peer.connections(), 2);
}

TEST(HttpClientConnection, AnIdleConnectionTheServerClosedIsNotReused)
{
    ScriptedPeer peer({Reply {{kOk}}, Reply {{kOk}}});
    HttpClientConnection connection(QStringLiteral("127.0.0.1"), peer.port());
    ASSERT_TRUE(exchangeOn(connection, requestFor(peer.port())).response);
    ASSERT_TRUE(connection.isReusable());
    peer.closeAll();
    EXPECT_TRUE(QTest::qWaitFor([&connection] { return !connection.isReusable(); }, 2000));
    const ClientExchange next = exchangeOn(connection, requestFor(peer.port()));
    ASSERT_TRUE(next.response) << next.error.toStdString();
    EXPECT_EQ(peer.connections(), 2);
}

TEST(HttpClientConnection, BytesNobodyAskedForEndTheConnection)
{
    ScriptedPeer peer({Reply {{kOk}}});
    HttpClientConnection connection(QStringLiteral("127.0.0.1"), peer.port());
    ASSERT_TRUE(exchangeOn(connection, requestFor(peer.port())).response);
    ASSERT_TRUE(connection.isReusable());
    peer.sendUnsolicited(kOk);
    EXPECT_TRUE(QTest::qWaitFor([&connection] { return !connection.isReusable(); }, 2000));
}

TEST(HttpClientConnection, AHeadAnswerIsCompleteWithItsHeadersAndTheConnectionIsReused)
{
    ScriptedPeer peer({Reply {{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"}},
                       Reply {{"HTTP/1.1 204 No Content\r\nContent-Length: 2\r\n\r\n"}}, Reply {{kOk}}});
    HttpClientConnection connection(QStringLiteral("127.0.0.1"), peer.port());
    const QByteArray head =
        http::serializeRequest("HEAD", "/hook", "127.0.0.1:" + QByteArray::number(peer.port()), {}, {});
    const ClientExchange headExchange = exchangeOn(connection, head);
    ASSERT_TRUE(headExchange.response) << headExchange.error.toStdString();
    EXPECT_FALSE(headExchange.timedOut);
    EXPECT_TRUE(headExchange.response->body.isEmpty());
    ASSERT_TRUE(connection.isReusable());

    const ClientExchange noContent = exchangeOn(connection, requestFor(peer.port()));
    ASSERT_TRUE(noContent.response) << noContent.error.toStdString();
    EXPECT_EQ(noContent.response->status, 204);
    ASSERT_TRUE(connection.isReusable());

    const ClientExchange post = exchangeOn(connection, requestFor(peer.port()));
    ASSERT_TRUE(post.response) << post.error.toStdString();
    EXPECT_EQ(post.response->body, QByteArrayLiteral("{}"));
    EXPECT_EQ(peer.connections(), 1);
}

TEST(HttpClientConnection, ARefusedConnectionSaysSoAndNeverConnected)
{
    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    HttpClientConnection connection(QStringLiteral("127.0.0.1"), port);
    const ClientExchange exchange = exchangeOn(connection, requestFor(port));
    EXPECT_EQ(exchange.socketError, std::optional(QAbstractSocket::ConnectionRefusedError));
    EXPECT_TRUE(exchange.error.contains(QStringLiteral("connection refused"))) << exchange.error.toStdString();
    EXPECT_FALSE(exchange.connectUs);
    EXPECT_LT(exchange.totalUs, 1'000'000);
}

TEST(HttpClientConnection, AHostThatDoesNotResolveIsADnsFailure)
{
    // .invalid never resolves (RFC 6761).
    HttpClientConnection connection(QStringLiteral("dockside-no-such-host.invalid"), 80);
    const ClientExchange exchange = exchangeOn(connection, requestFor(80), 15000);
    EXPECT_EQ(exchange.socketError, std::optional(QAbstractSocket::HostNotFoundError));
    EXPECT_TRUE(exchange.error.contains(QStringLiteral("DNS"))) << exchange.error.toStdString();
}

TEST(HttpClientConnection, CancelEndsTheExchangeAtOnce)
{
    ScriptedPeer peer({});
    HttpClientConnection connection(QStringLiteral("127.0.0.1"), peer.port());
    QSignalSpy finished(&connection, &HttpClientConnection::exchangeFinished);
    connection.send(requestFor(peer.port()), 5000);
    ASSERT_TRUE(QTest::qWaitFor([&peer] { return peer.requests() == 1; }, 2000));
    connection.cancel();
    ASSERT_EQ(finished.count(), 1);
    const auto exchange = finished.constFirst().constFirst().value<ClientExchange>();
    EXPECT_TRUE(exchange.cancelled);
    EXPECT_FALSE(exchange.timedOut);
    EXPECT_FALSE(connection.isReusable());
    EXPECT_FALSE(connection.isBusy());
}

TEST(SerializeRequest, WritesTheRequestLineHostHeadersAndLength)
{
    EXPECT_EQ(http::serializeRequest("POST", "/a?b=1", "[::1]:8790", {{"X-One", "1"}, {"X-Two", "2"}}, "body"),
              QByteArray("POST /a?b=1 HTTP/1.1\r\nHost: [::1]:8790\r\nX-One: 1\r\nX-Two: 2\r\nContent-Length: 4\r\n\r\n"
                         "body"));
}
