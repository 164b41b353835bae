// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

#include <csignal>
#include <utility>

// A running `dockside-cli serve --port 0`: learns its URL from the first line it prints, and stops it.
class ServeProcess final {
public:
    ServeProcess() = default;
    ~ServeProcess();
    Q_DISABLE_COPY_MOVE(ServeProcess)

    // Starts serve with these arguments (add --port 0 yourself) and waits for the "listening on" line.
    bool start(const QStringList &arguments, const QProcessEnvironment &environment = {}, int timeoutMs = 10000);
    QUrl url() const { return m_url; }
    quint16 port() const { return static_cast<quint16>(m_url.port()); }
    qint64 pid() const { return m_process.processId(); }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

    // Sends the signal and waits for the exit; the exit code, or -1 after a crash or the timeout.
    int stop(int signalNumber = SIGTERM, int timeoutMs = 10000);
    // SIGKILL at once: nothing in the process gets a chance to run.
    void kill();
    bool waitForExit(int timeoutMs);

    // Reads until a line of standard output contains needle; false after the timeout.
    bool waitForOutput(const QByteArray &needle, int timeoutMs = 5000);
    bool waitForError(const QByteArray &needle, int timeoutMs = 5000);
    QByteArray standardOutput();
    QByteArray standardError();
    QList<QByteArray> outputLinesContaining(const QByteArray &needle);

private:
    void collect();
    bool waitFor(const QByteArray &collected, const QByteArray &needle, int timeoutMs);

    QProcess m_process;
    QUrl m_url;
    QByteArray m_out;
    QByteArray m_err;
};

struct HttpAnswer {
    int status = 0; // 0: no answer (refused, reset, timed out)
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QString error;
};

using RequestHeaders = QList<std::pair<QByteArray, QByteArray>>;

// One POST with QNetworkAccessManager, waiting at most timeoutMs on a local event loop.
HttpAnswer postRequest(const QUrl &url, const QByteArray &body, const RequestHeaders &headers, int timeoutMs = 10000);

// A VoiceDock assistant-request body; callId and caller are its only variable parts.
QByteArray assistantRequestBody(const QString &callId, const QString &caller);
RequestHeaders webhookHeaders(const QByteArray &event);

// The platform's scheme: sha256=hex(HMAC-SHA256(secret, "<timestamp>.<body>")).
QByteArray webhookSignature(const QByteArray &secret, const QByteArray &timestamp, const QByteArray &body);

// Opens the SQLite file with its own connection and runs PRAGMA integrity_check; "ok" when it is intact.
QString sqliteIntegrity(const QString &path);
