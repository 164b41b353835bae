// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "composer/eventsender.h"
#include "contract/defaultassistant.h"
#include "history/exchangerecord.h"
#include "mock/mockendpoint.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <functional>

// Real exchanges for the detail widgets: a MockEndpoint on loopback answers, an EventSender plays the platform,
// and both ends' records are kept (inbound from the endpoint, outbound from the sender).
namespace loopback {

inline const QByteArray kSecret = QByteArrayLiteral("whsec_exchange_detail_test");

// One rule per caller number, so a test picks the answer by the number it calls from.
inline const QByteArray kWorkspace = R"({
  "version": 1,
  "templates": [
    {"id": "greet", "headers": [{"name": "Content-Type", "value": "application/json"}], "body": {"assistant": {"first_message": "Hello {{contact.name}}, good to hear from you!",
                                          "llm_config": {"model": "gpt-4o"}}}},
    {"id": "plain", "body": {}},
    {"id": "reject", "body": {"error": "Sorry, we are closed. Please call back tomorrow.", "assistant": {}}},
    {"id": "crash", "status": 503, "headers": [{"name": "Content-Type", "value": "text/html"}],
     "raw_body": "<html>\n<body>Service unavailable</body>\n</html>"},
    {"id": "invalid", "body": {"max_duration_seconds": "300", "assistant": {"first_message": 42}}},
    {"id": "hang", "body": {}, "fault": "hang"},
    {"id": "binary", "headers": [{"name": "Content-Type", "value": "application/octet-stream"}],
     "raw_body": "\u0000\u0001binary\u0002"},
    {"id": "analysis", "body": {"assistant": {"analysis_plan": {"structured_data_plan": {"enabled": true,
      "schema": {"type": "object", "properties": {"intent": {"type": "string"}}},
      "messages": [{"role": "system", "content": "Extract per schema: {{schema}}"},
                   {"role": "user", "content": "Transcript: {{transcript}}"}]}}}}}
  ],
  "fallback_template": "plain",
  "contacts": [{"number": "+31611111111", "name": "John Smith"}],
  "rules": [
    {"id": "known-caller", "conditions": [{"kind": "caller", "equals": "+31611111111"}], "template": "greet"},
    {"id": "closed", "conditions": [{"kind": "caller", "equals": "+31622222222"}], "template": "reject"},
    {"id": "crash", "conditions": [{"kind": "caller", "equals": "+31633333333"}], "template": "crash"},
    {"id": "invalid", "conditions": [{"kind": "caller", "equals": "+31644444444"}], "template": "invalid"},
    {"id": "hang", "conditions": [{"kind": "caller", "equals": "+31655555555"}], "template": "hang"},
    {"id": "binary", "conditions": [{"kind": "caller", "equals": "+31666666666"}], "template": "binary"},
    {"id": "analysis", "conditions": [{"kind": "caller", "equals": "+31677777777"}], "template": "analysis"}
  ]
})";

inline const QString kKnownCaller = QStringLiteral("+31611111111");
inline const QString kRejectedCaller = QStringLiteral("+31622222222");
inline const QString kCrashCaller = QStringLiteral("+31633333333");
inline const QString kInvalidCaller = QStringLiteral("+31644444444");
inline const QString kHangCaller = QStringLiteral("+31655555555");
inline const QString kBinaryCaller = QStringLiteral("+31666666666");
inline const QString kAnalysisCaller = QStringLiteral("+31677777777");
inline const QString kUnknownCaller = QStringLiteral("+31699999999");

// The endpoint records an exchange once its answer (or fault) is delivered; a hang holds for its full time.
enum class Wait { ForSender, ForBoth };

struct Exchanges {
    dockside::composer::SendResult sent; // the outbound record and the sender's own outcome
    dockside::history::ExchangeRecord received; // what the endpoint captured (empty when nothing arrived)
};

class Loopback {
public:
    // platformDeadlineMs: how long the endpoint's "hang" holds, at least.
    explicit Loopback(QByteArray endpointSecret = kSecret, qint64 platformDeadlineMs = 5000)
    {
        const dockside::workspace::WorkspaceLoad load = dockside::workspace::parseWorkspace(kWorkspace);
        EXPECT_TRUE(load.workspace.has_value());
        dockside::workspace::Workspace workspace = load.workspace.value_or(dockside::workspace::Workspace {});
        workspace.defaultAssistant = dockside::contract::builtinDefaultAssistant();
        m_endpoint.setResponder(dockside::mock::MockResponder(workspace, endpointSecret, platformDeadlineMs));
        dockside::mock::MockEndpointOptions options;
        options.port = 0;
        options.secret = endpointSecret;
        options.platformDeadlineMs = platformDeadlineMs;
        m_endpoint.start(options);
        EXPECT_TRUE(m_endpoint.isRunning());
    }

    dockside::composer::SendOptions options(const QString &caller) const
    {
        dockside::composer::SendOptions options;
        options.url = m_endpoint.url().resolved(QUrl(QStringLiteral("/webhook")));
        options.event.customerNumber = caller;
        options.secret = kSecret;
        return options;
    }

    Exchanges send(const dockside::composer::SendOptions &options, Wait wait = Wait::ForBoth)
    {
        Exchanges exchanges;
        bool finished = false;
        QSignalSpy captured(&m_endpoint, &dockside::mock::MockEndpoint::exchangeRecorded);
        const QMetaObject::Connection connection =
            QObject::connect(&m_sender, &dockside::composer::EventSender::finished, &m_sender,
                             [&exchanges, &finished](quint64, const dockside::composer::SendResult &result) {
                                 exchanges.sent = result;
                                 finished = true;
                             });
        m_sender.send(options);
        EXPECT_TRUE(QTest::qWaitFor([&finished] { return finished; }, 15000));
        if (wait == Wait::ForBoth && captured.isEmpty()) {
            EXPECT_TRUE(captured.wait(5000));
        }
        if (!captured.isEmpty())
            exchanges.received = captured.first().first().value<dockside::history::ExchangeRecord>();
        QObject::disconnect(connection);
        return exchanges;
    }

    Exchanges send(const QString &caller, Wait wait = Wait::ForBoth) { return send(options(caller), wait); }

private:
    dockside::mock::MockEndpoint m_endpoint {nullptr};
    dockside::composer::EventSender m_sender;
};

} // namespace loopback
