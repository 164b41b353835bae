// SPDX-License-Identifier: GPL-3.0-or-later

#include "serveprocess.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <sys/types.h>

ServeProcess::~ServeProcess()
{
    if (isRunning())
        kill();
}

bool ServeProcess::start(const QStringList &arguments, const QProcessEnvironment &environment, int timeoutMs)
{
    QProcessEnvironment effective = QProcessEnvironment::systemEnvironment();
    effective.remove(QStringLiteral("DOCKSIDE_WEBHOOK_SECRET"));
    effective.remove(QStringLiteral("DOCKSIDE_UPSTREAM_SECRET"));
    for (const QString &key : environment.keys())
        effective.insert(key, environment.value(key));
    m_process.setProcessEnvironment(effective);
    m_process.start(QStringLiteral(DOCKSIDE_CLI_PATH), QStringList {QStringLiteral("serve")} + arguments);
    m_process.closeWriteChannel();
    if (!m_process.waitForStarted(timeoutMs))
        return false;
    if (!waitForOutput("Mock endpoint listening on ", timeoutMs))
        return false;
    static const QRegularExpression urlPattern(QStringLiteral("Mock endpoint listening on (http://\\S+)"));
    const QRegularExpressionMatch match = urlPattern.match(QString::fromUtf8(m_out));
    m_url = QUrl(match.captured(1));
    return m_url.isValid() && m_url.port() > 0;
}

int ServeProcess::stop(int signalNumber, int timeoutMs)
{
    if (!isRunning())
        return -1;
    ::kill(static_cast<pid_t>(m_process.processId()), signalNumber);
    if (!waitForExit(timeoutMs)) {
        kill();
        return -1;
    }
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void ServeProcess::kill()
{
    if (!isRunning())
        return;
    ::kill(static_cast<pid_t>(m_process.processId()), SIGKILL);
    waitForExit(10000);
}

bool ServeProcess::waitForExit(int timeoutMs)
{
    const bool finished = m_process.state() == QProcess::NotRunning || m_process.waitForFinished(timeoutMs);
    collect();
    return finished;
}

bool ServeProcess::waitForOutput(const QByteArray &needle, int timeoutMs)
{
    return waitFor(m_out, needle, timeoutMs);
}

bool ServeProcess::waitForError(const QByteArray &needle, int timeoutMs)
{
    return waitFor(m_err, needle, timeoutMs);
}

bool ServeProcess::waitFor(const QByteArray &collected, const QByteArray &needle, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    collect();
    while (!collected.contains(needle)) {
        if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
            return false;
        // Short waits: this one wakes only for standard output, and standard error is read along the way.
        m_process.waitForReadyRead(static_cast<int>(std::min<qint64>(deadline.remainingTime(), 20)));
        collect();
    }
    return true;
}

QByteArray ServeProcess::standardOutput()
{
    collect();
    return m_out;
}

QByteArray ServeProcess::standardError()
{
    collect();
    return m_err;
}

QList<QByteArray> ServeProcess::outputLinesContaining(const QByteArray &needle)
{
    QList<QByteArray> lines;
    for (const QByteArray &line : standardOutput().split('\n')) {
        if (line.contains(needle))
            lines.append(line);
    }
    return lines;
}

void ServeProcess::collect()
{
    m_out += m_process.readAllStandardOutput();
    m_err += m_process.readAllStandardError();
}

HttpAnswer postRequest(const QUrl &url, const QByteArray &body, const RequestHeaders &headers, int timeoutMs)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = manager.post(request, body);
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    HttpAnswer answer;
    if (!reply->isFinished()) {
        reply->abort();
        answer.error = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
    } else {
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.headers = reply->rawHeaderPairs();
        if (reply->error() != QNetworkReply::NoError && answer.status == 0)
            answer.error = reply->errorString();
    }
    delete reply;
    return answer;
}

QByteArray assistantRequestBody(const QString &callId, const QString &caller)
{
    const QJsonObject message {
        {QStringLiteral("type"), QStringLiteral("assistant-request")},
        {QStringLiteral("call"), QJsonObject {{QStringLiteral("id"), callId}}},
        {QStringLiteral("customer"), QJsonObject {{QStringLiteral("number"), caller}}},
        {QStringLiteral("phone_number"), QJsonObject {{QStringLiteral("number"), QStringLiteral("+3185000000")}}},
    };
    return QJsonDocument(QJsonObject {{QStringLiteral("message"), message}}).toJson(QJsonDocument::Compact);
}

RequestHeaders webhookHeaders(const QByteArray &event)
{
    return {{QByteArrayLiteral("X-Webhook-Event"), event}};
}

QByteArray webhookSignature(const QByteArray &secret, const QByteArray &timestamp, const QByteArray &body)
{
    return QByteArrayLiteral("sha256=") +
        QMessageAuthenticationCode::hash(timestamp + '.' + body, secret, QCryptographicHash::Sha256).toHex();
}

QString sqliteIntegrity(const QString &path)
{
    const QString connection = QStringLiteral("integrity-check-") + path;
    QString result;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        database.setDatabaseName(path);
        if (!database.open())
            return database.lastError().text();
        QSqlQuery query(database);
        if (!query.exec(QStringLiteral("PRAGMA integrity_check")))
            result = query.lastError().text();
        while (query.next())
            result += query.value(0).toString();
        database.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return result;
}
