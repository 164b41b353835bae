// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/eventsender.h"
#include "contract/signature.h"
#include "mock/mockendpoint.h"
#include "qtprinters.h"
#include "scriptedpeer.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <gtest/gtest.h>

using namespace dockside;

namespace {

const QByteArray kSecret = QByteArrayLiteral("whsec_composer_test");

const QByteArray kWorkspace = R"({
  "version": 1,
  "templates": [
    {"id": "greet", "body": {"assistant": {"first_message": "Hi from the webhook"}}},
    {"id": "early", "body": {"assistant": {"first_message": "Just in time"}}, "delay_ms": 4600},
    {"id": "late", "body": {"assistant": {"first_message": "Too late"}}, "delay_ms": 5400},
    {"id": "crash", "status": 500, "raw_body": "<html>boom</html>"}
  ],
  "fallback_template": "greet",
  "rules": [
    {"id": "early", "conditions": [{"kind": "caller", "equals": "+3100000049"}], "template": "early"},
    {"id": "late", "conditions": [{"kind": "caller", "equals": "+3100000051"}], "template": "late"},
    {"id": "crash", "conditions": [{"kind": "caller", "equals": "+3100000500"}], "template": "crash"}
  ]
})";

class ComposerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const workspace::WorkspaceLoad load = workspace::parseWorkspace(kWorkspace);
        ASSERT_TRUE(load.workspace) << load.errors.first().message.toStdString();
        m_endpoint.setResponder(mock::MockResponder(*load.workspace, kSecret, 5000));
        mock::MockEndpointOptions options;
        options.port = 0;
        m_endpoint.start(options);
        ASSERT_TRUE(m_endpoint.isRunning());
    }

    composer::SendOptions optionsFor(const QString &caller) const
    {
        composer::SendOptions options;
        options.url = m_endpoint.url().resolved(QUrl(QStringLiteral("/webhook")));
        options.event.customerNumber = caller;
        options.secret = kSecret;
        return options;
    }

    QHash<quint64, composer::SendResult> sendAll(const QList<composer::SendOptions> &all, int timeoutMs = 15000)
    {
        QHash<quint64, composer::SendResult> results;
        QObject::connect(&m_sender, &composer::EventSender::finished, &m_sender,
                         [&](quint64 id, const composer::SendResult &result) { results.insert(id, result); });
        QList<quint64> ids;
        for (const composer::SendOptions &options : all)
            ids.append(m_sender.send(options));
        EXPECT_TRUE(QTest::qWaitFor([&] { return results.size() == all.size(); }, timeoutMs));
        QObject::disconnect(&m_sender, &composer::EventSender::finished, nullptr, nullptr);
        QHash<quint64, composer::SendResult> ordered;
        for (qsizetype i = 0; i < ids.size(); ++i)
            ordered.insert(static_cast<quint64>(i), results.value(ids.at(i)));
        return ordered;
    }

    composer::SendResult sendOne(const composer::SendOptions &options, int timeoutMs = 15000)
    {
        return sendAll({options}, timeoutMs).value(0);
    }

    mock::MockEndpoint m_endpoint {nullptr};
    composer::EventSender m_sender;
};

// A peer that misbehaves on purpose: answers with a head and then nothing, or hangs up.
class RudePeer {
public:
    enum class Behaviour { HeadersThenSilence, HangUp };

    explicit RudePeer(Behaviour behaviour)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this, behaviour] {
            QTcpSocket *socket = m_server.nextPendingConnection();
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, behaviour] {
                socket->readAll();
                if (behaviour == Behaviour::HangUp)
                    socket->abort();
                else
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
            });
        });
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_server.serverPort())); }

private:
    QTcpServer m_server;
};

} // namespace

TEST_F(ComposerTest, ASignedAssistantRequestIsVerifiedByThePeerAndAnswered)
{
    QSignalSpy captured(&m_endpoint, &mock::MockEndpoint::exchangeRecorded);
    const composer::SendResult result = sendOne(optionsFor(QStringLiteral("+31612345678")));
    ASSERT_TRUE(result.answered()) << result.transportError.toStdString();
    EXPECT_EQ(result.record.direction, history::Direction::Outbound);
    EXPECT_EQ(result.record.responseStatus, 200);
    ASSERT_TRUE(result.outcome);
    EXPECT_EQ(result.outcome->reason, contract::Reason::Override);
    EXPECT_EQ(result.outcome->spokenFirst, QStringLiteral("Hi from the webhook"));
    ASSERT_TRUE(result.firstByteUs);
    EXPECT_LE(*result.firstByteUs, result.latencyUs);

    // The peer checked the signature over the exact bytes sent.
    ASSERT_EQ(captured.size(), 1);
    const auto inbound = captured.first().first().value<history::ExchangeRecord>();
    EXPECT_EQ(inbound.signatureStatus, QStringLiteral("valid"));
    EXPECT_EQ(inbound.request.body, result.record.request.body);
    EXPECT_EQ(result.record.signedString, inbound.signedString);
}

// 400 ms either side of the 5 s deadline: enough that a sanitizer build on two busy cores still answers in time.
TEST_F(ComposerTest, AnAnswerAt4600MsIsAppliedAndAt5400MsIsATimeout)
{
    const QHash<quint64, composer::SendResult> results =
        sendAll({optionsFor(QStringLiteral("+3100000049")), optionsFor(QStringLiteral("+3100000051"))});
    const composer::SendResult early = results.value(0);
    const composer::SendResult late = results.value(1);
    ASSERT_TRUE(early.outcome && late.outcome);
    EXPECT_TRUE(early.answered());
    EXPECT_EQ(early.outcome->reason, contract::Reason::Override);
    EXPECT_EQ(early.outcome->spokenFirst, QStringLiteral("Just in time"));
    EXPECT_GE(early.latencyUs, 4'600'000);
    EXPECT_LT(early.latencyUs, 5'000'000);

    EXPECT_FALSE(late.answered());
    EXPECT_EQ(late.transport, contract::Transport::TimedOut);
    EXPECT_EQ(late.outcome->reason, contract::Reason::Timeout);
    EXPECT_NE(late.outcome->spokenFirst, QStringLiteral("Too late"));
    // The deadline is enforced by our own precise clock, not Qt's transfer timeout that fires early.
    EXPECT_GE(late.latencyUs, 5'000'000);
    EXPECT_LT(late.latencyUs, 5'300'000);
}

TEST_F(ComposerTest, AServerErrorIsAnAnswerWithTheHttpStatusReason)
{
    const composer::SendResult result = sendOne(optionsFor(QStringLiteral("+3100000500")));
    EXPECT_TRUE(result.answered());
    EXPECT_EQ(result.record.responseStatus, 500);
    EXPECT_EQ(result.record.responseBody, QByteArray("<html>boom</html>"));
    ASSERT_TRUE(result.outcome);
    EXPECT_EQ(result.outcome->reason, contract::Reason::HttpStatus);
}

TEST_F(ComposerTest, AWebCallWithNullNumbersIsSentAndAnswered)
{
    composer::SendOptions options = optionsFor(QString());
    options.event.callType = contract::CallType::WebCall;
    const composer::SendResult result = sendOne(options);
    EXPECT_TRUE(result.answered());
    const QJsonObject message =
        QJsonDocument::fromJson(result.record.request.body).object().value(QStringLiteral("message")).toObject();
    EXPECT_TRUE(message.value(QStringLiteral("customer")).toObject().value(QStringLiteral("number")).isNull());
}

TEST_F(ComposerTest, ARefusedConnectionIsUnreachableAtOnce)
{
    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    composer::SendOptions options = optionsFor(QStringLiteral("+31612345678"));
    options.url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port));
    const composer::SendResult result = sendOne(options);
    EXPECT_EQ(result.transport, contract::Transport::Unreachable);
    EXPECT_TRUE(result.transportError.contains(QStringLiteral("refused"))) << result.transportError.toStdString();
    ASSERT_TRUE(result.outcome);
    EXPECT_EQ(result.outcome->reason, contract::Reason::Unreachable);
    EXPECT_LT(result.latencyUs, 1'000'000);
}

TEST_F(ComposerTest, APeerThatHangsUpIsUnreachableWithItsOwnReason)
{
    RudePeer peer(RudePeer::Behaviour::HangUp);
    composer::SendOptions options = optionsFor(QStringLiteral("+31612345678"));
    options.url = peer.url();
    const composer::SendResult result = sendOne(options);
    EXPECT_EQ(result.transport, contract::Transport::Unreachable);
    EXPECT_TRUE(result.transportError.contains(QStringLiteral("closed"))) << result.transportError.toStdString();
}

TEST_F(ComposerTest, APeerThatHangsAfterTheHeadersTimesOutAndSaysSo)
{
    RudePeer peer(RudePeer::Behaviour::HeadersThenSilence);
    composer::SendOptions options = optionsFor(QStringLiteral("+31612345678"));
    options.url = peer.url();
    options.deadlineMs = 400;
    const composer::SendResult result = sendOne(options);
    EXPECT_EQ(result.transport, contract::Transport::TimedOut);
    EXPECT_TRUE(result.transportError.contains(QStringLiteral("headers arrived")))
        << result.transportError.toStdString();
    ASSERT_TRUE(result.firstByteUs);
    EXPECT_GE(result.latencyUs, 400'000);
}

TEST_F(ComposerTest, KeepsTheConnectionAliveBetweenSendsAndReportsItsSetUpTime)
{
    QList<quint16> peerPorts;
    QList<QByteArray> hosts;
    QObject::connect(&m_endpoint, &mock::MockEndpoint::exchangeRecorded, &m_endpoint,
                     [&](const history::ExchangeRecord &record) {
                         peerPorts.append(record.request.peerPort);
                         hosts.append(record.request.header("Host").value_or(QByteArray()));
                     });
    const composer::SendResult first = sendOne(optionsFor(QStringLiteral("+31612345678")));
    const composer::SendResult second = sendOne(optionsFor(QStringLiteral("+31612345678")));
    ASSERT_TRUE(first.answered() && second.answered()) << first.transportError.toStdString();
    ASSERT_TRUE(first.connectUs && first.firstByteUs);
    EXPECT_GT(*first.connectUs, 0);
    EXPECT_LE(*first.connectUs, *first.firstByteUs);
    EXPECT_LE(*first.firstByteUs, first.latencyUs);
    // The second send found the connection open.
    EXPECT_EQ(second.connectUs, std::optional<qint64>(0));
    // The record that goes into the history carries the same times.
    EXPECT_EQ(first.record.connectUs, first.connectUs);
    EXPECT_EQ(first.record.firstByteUs, first.firstByteUs);
    EXPECT_EQ(second.record.connectUs, std::optional<qint64>(0));
    ASSERT_EQ(peerPorts.size(), 2);
    EXPECT_EQ(peerPorts.at(0), peerPorts.at(1));
    EXPECT_EQ(hosts.at(0), QByteArray("127.0.0.1:") + QByteArray::number(m_endpoint.url().port()));
}

TEST_F(ComposerTest, AChunkedAnswerIsAppliedWhole)
{
    ScriptedPeer peer({ScriptedPeer::Reply {{"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                             "Transfer-Encoding: chunked\r\n\r\n",
                                             "18\r\n{\"assistant\":{\"first_mes\r\n",
                                             "17\r\nsage\":\"Chunked hello\"}}\r\n0\r\n\r\n"}}});
    composer::SendOptions options = optionsFor(QStringLiteral("+31612345678"));
    options.url = peer.url();
    const composer::SendResult result = sendOne(options);
    ASSERT_TRUE(result.answered()) << result.transportError.toStdString();
    EXPECT_EQ(result.record.responseBody, QByteArray(R"({"assistant":{"first_message":"Chunked hello"}})"));
    ASSERT_TRUE(result.outcome);
    EXPECT_EQ(result.outcome->spokenFirst, QStringLiteral("Chunked hello"));
}

TEST_F(ComposerTest, AServerThatClosesMidBodyIsUnreachableAndSaysWhere)
{
    ScriptedPeer peer({ScriptedPeer::Reply {{"HTTP/1.1 200 OK\r\nContent-Length: 80\r\n\r\n{\"assistant\": {"},
                                            ScriptedPeer::After::Close}});
    composer::SendOptions options = optionsFor(QStringLiteral("+31612345678"));
    options.url = peer.url();
    const composer::SendResult result = sendOne(options);
    EXPECT_EQ(result.transport, contract::Transport::Unreachable);
    EXPECT_TRUE(result.transportError.contains(QStringLiteral("closed the connection after 15 byte(s)")))
        << result.transportError.toStdString();
    EXPECT_EQ(result.record.responseStatus, 0);
    ASSERT_TRUE(result.outcome);
    EXPECT_EQ(result.outcome->reason, contract::Reason::Unreachable);
}

TEST_F(ComposerTest, AnAnswerThatIsNotHttpIsUnreachableAndSaysSo)
{
    ScriptedPeer peer({ScriptedPeer::Reply {{"220 smtp.example.com ESMTP ready\r\n"}}});
    composer::SendOptions options = optionsFor(QStringLiteral("+31612345678"));
    options.url = peer.url();
    const composer::SendResult result = sendOne(options);
    EXPECT_EQ(result.transport, contract::Transport::Unreachable);
    EXPECT_TRUE(result.transportError.contains(QStringLiteral("not valid HTTP")))
        << result.transportError.toStdString();
}

TEST_F(ComposerTest, AHeaderWithALineBreakIsRefusedBeforeAnythingIsSent)
{
    QSignalSpy failed(&m_sender, &composer::EventSender::failed);
    QSignalSpy captured(&m_endpoint, &mock::MockEndpoint::exchangeRecorded);
    composer::SendOptions options = optionsFor(QStringLiteral("+31612345678"));
    options.extraHeaders.append({QByteArrayLiteral("X-Tenant"), QByteArrayLiteral("a\r\nX-Injected: 1")});
    m_sender.send(options);
    ASSERT_TRUE(failed.wait(2000));
    EXPECT_TRUE(failed.first().at(1).toString().contains(QStringLiteral("X-Tenant")));
    // A request sent after it arrives alone: the refused one never reached the endpoint.
    m_sender.send(optionsFor(QStringLiteral("+31612345679")));
    ASSERT_TRUE(captured.wait(5000));
    EXPECT_EQ(captured.count(), 1);
    EXPECT_EQ(m_endpoint.counters().received, 1);
}

TEST_F(ComposerTest, CancelEndsAPlainHttpSendAsUnreachable)
{
    ScriptedPeer silent(QList<ScriptedPeer::Reply> {});
    composer::SendOptions options = optionsFor(QStringLiteral("+31612345678"));
    options.url = silent.url();
    QSignalSpy finished(&m_sender, &composer::EventSender::finished);
    const quint64 id = m_sender.send(options);
    ASSERT_TRUE(QTest::qWaitFor([&silent] { return silent.requests() == 1; }, 2000));
    m_sender.cancel(id);
    ASSERT_EQ(finished.count(), 1);
    const auto result = finished.constFirst().at(1).value<composer::SendResult>();
    EXPECT_EQ(result.transport, contract::Transport::Unreachable);
    EXPECT_TRUE(result.transportError.contains(QStringLiteral("cancelled")));
    EXPECT_EQ(m_sender.inFlight(), 0);
}

TEST_F(ComposerTest, ANonHttpUrlFailsWithoutSending)
{
    QSignalSpy failed(&m_sender, &composer::EventSender::failed);
    composer::SendOptions options = optionsFor(QStringLiteral("+31612345678"));
    options.url = QUrl(QStringLiteral("ftp://example.invalid/"));
    m_sender.send(options);
    ASSERT_TRUE(failed.wait(2000));
    EXPECT_TRUE(failed.first().at(1).toString().contains(QStringLiteral("http://")));
}

TEST(PreparedRequest, SignsTheExactBodyWithTheGivenTimestamp)
{
    composer::SendOptions options;
    options.rawBody = QByteArrayLiteral("{\"test\":true}");
    options.secret = QByteArrayLiteral("whsec_test_secret_12345");
    options.signatureTimestamp = 1700000000;
    const composer::PreparedRequest prepared = composer::prepareRequest(options, 0);
    EXPECT_EQ(prepared.body, QByteArray("{\"test\":true}"));
    EXPECT_EQ(prepared.signedString, QByteArray("1700000000.{\"test\":true}"));
    EXPECT_TRUE(prepared.headers.contains(
        qMakePair(QByteArray("X-Webhook-Signature"),
                  QByteArray("sha256=b7875b4bd3cc6c5c1a4453189b5fa746880c17cb42258530a7355906dbc5ec1d"))));
    // Without a secret, no signature headers at all (CONTRACT.md §1, assumed).
    options.secret.clear();
    const composer::PreparedRequest unsigned_ = composer::prepareRequest(options, 0);
    for (const auto &[name, value] : unsigned_.headers)
        EXPECT_FALSE(name.startsWith("X-Webhook-Signature")) << name.toStdString();
}
