// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/capturedrequest.h"
#include "httplimits.h"
#include "httprequestparser.h"
#include "httpresponse.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace dockside::http {

class TcpStream;

// One client connection: parses requests within the limits, hands each one out, writes answers in order.
class HttpConnection final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    HttpConnection(qintptr socketDescriptor, const HttpLimits &limits, QObject *parent = nullptr);
    ~HttpConnection() override;

    // Answers the request last handed out by requestReady; the next pipelined request follows.
    void respond(const HttpResponse &response);
    // Closes the connection without a word, as a crashed webhook would.
    void closeWithoutAnswer();
    // True between requests: nothing received of the next one and nothing left to write.
    bool isIdle() const;
    // Closes an idle connection at once (its closed() is emitted before this returns), to make room for another.
    void closeIdle();

    QString peerAddress() const;
    quint16 peerPort() const;

Q_SIGNALS:
    void requestReady(const dockside::base::CapturedRequest &request);
    // A request that broke a limit or the protocol; it was answered with `status` and the connection closed.
    void requestRejected(int status, const QString &reason);
    void closed();

private:
    void readFromSocket();
    void afterParsing();
    void onTimeout();
    void writeResponse(const HttpResponse &response, bool headOnly, bool keepAlive);
    void armTimer();
    void finish();

    TcpStream *m_socket = nullptr;
    HttpLimits m_limits;
    HttpRequestParser m_parser;
    QTimer m_timer;
    QDeadlineTimer m_deadline; // when the current phase (head, body, idle) times out
    QDeadlineTimer m_timerDue; // when m_timer fires, which may be before m_deadline
    QElapsedTimer m_requestClock;
    bool m_awaitingAnswer = false;
    bool m_sentContinue = false;
    bool m_lastRequestWasHead = false;
    bool m_readingPaused = false; // input arrived while an answer was awaited
    bool m_closing = false;
    bool m_finished = false;
};

} // namespace dockside::http
