// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <QPointer>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <memory>

// A throw-away self-signed certificate for 127.0.0.1 and localhost with its key, made by the openssl command in
// directory, for a webhook over HTTPS that only its PEM file makes trusted.
struct TlsIdentity {
    QString certificatePath; // the certificate in PEM: what `serve --upstream-ca` takes
    QSslCertificate certificate;
    QSslKey key;
    QString error; // why there is none

    static TlsIdentity create(const QString &directory)
    {
        TlsIdentity identity;
        identity.certificatePath = QDir(directory).filePath(QStringLiteral("webhook-cert.pem"));
        const QString keyPath = QDir(directory).filePath(QStringLiteral("webhook-key.pem"));
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                       QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                       QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=Dockside test webhook"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"), QStringLiteral("-keyout"), keyPath,
                       QStringLiteral("-out"), identity.certificatePath});
        if (!openssl.waitForFinished(30000) || openssl.exitStatus() != QProcess::NormalExit ||
            openssl.exitCode() != 0) {
            identity.error = QStringLiteral("openssl req failed (%1): %2")
                                 .arg(openssl.errorString(), QString::fromLocal8Bit(openssl.readAll()));
            return identity;
        }
        QFile certificateFile(identity.certificatePath);
        QFile keyFile(keyPath);
        if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            identity.error = QStringLiteral("cannot read what openssl wrote in %1").arg(directory);
            return identity;
        }
        const QList<QSslCertificate> certificates = QSslCertificate::fromData(certificateFile.readAll(), QSsl::Pem);
        identity.key = QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem);
        if (certificates.isEmpty() || identity.key.isNull())
            identity.error = QStringLiteral("Qt cannot read the certificate or key openssl wrote in %1").arg(directory);
        else
            identity.certificate = certificates.constFirst();
        return identity;
    }
};

// Hands each connection out at once as a QSslSocket in its server handshake; reads see the bytes inside TLS. (Qt 6.4's
// QSslServer queues a connection once its handshake is done but emits newConnection() before, so it is never taken.)
class TlsServer final : public QTcpServer {
public:
    explicit TlsServer(QSslConfiguration configuration)
        : m_configuration(std::move(configuration))
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        socket->setSslConfiguration(m_configuration);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->startServerEncryption();
        addPendingConnection(socket);
    }

private:
    QSslConfiguration m_configuration;
};

// A webhook on loopback for relay tests: keeps each request exactly as the bytes arrived, then plays one scripted
// behaviour: an answer (raw bytes) after a delay, a close, a reset, or silence. Over plain HTTP, or over TLS with a
// TlsIdentity (the bytes kept and played are those inside TLS).
class UpstreamPeer final {
public:
    enum class Behaviour { Answer, Close, Reset, Silence };

    explicit UpstreamPeer(QByteArray answer = {}, int delayMs = 0, Behaviour behaviour = Behaviour::Answer)
        : UpstreamPeer(std::make_unique<QTcpServer>(), std::move(answer), delayMs, behaviour)
    {
    }

    UpstreamPeer(const TlsIdentity &tls, QByteArray answer, int delayMs = 0, Behaviour behaviour = Behaviour::Answer)
        : UpstreamPeer(tlsServer(tls), std::move(answer), delayMs, behaviour)
    {
        m_tls = true;
    }

    QUrl url(const QString &path = QStringLiteral("/hook")) const
    {
        return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                        .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                        .arg(m_server->serverPort())
                        .arg(path));
    }
    quint16 port() const { return m_server->serverPort(); }
    // Each request's bytes as they arrived: head and body.
    const QList<QByteArray> &requests() const { return m_requests; }
    void setAnswer(QByteArray answer, int delayMs)
    {
        m_answer = std::move(answer);
        m_delayMs = delayMs;
    }

private:
    UpstreamPeer(std::unique_ptr<QTcpServer> server, QByteArray answer, int delayMs, Behaviour behaviour)
        : m_server(std::move(server))
        , m_answer(std::move(answer))
        , m_delayMs(delayMs)
        , m_behaviour(behaviour)
    {
        m_server->listen(QHostAddress::LocalHost, 0);
        QObject::connect(m_server.get(), &QTcpServer::newConnection, m_server.get(), [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                socket->setParent(m_server.get());
                auto *buffer = new QByteArray;
                QObject::connect(socket, &QObject::destroyed, [buffer] { delete buffer; });
                QObject::connect(socket, &QTcpSocket::readyRead, socket,
                                 [this, socket, buffer] { onRead(socket, *buffer); });
            }
        });
    }

    static std::unique_ptr<QTcpServer> tlsServer(const TlsIdentity &tls)
    {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(tls.certificate);
        configuration.setPrivateKey(tls.key);
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        return std::make_unique<TlsServer>(configuration);
    }

    void onRead(QTcpSocket *socket, QByteArray &buffer)
    {
        buffer += socket->readAll();
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : buffer.left(headEnd).split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        if (buffer.size() < headEnd + 4 + length)
            return;
        m_requests.append(buffer.left(headEnd + 4 + length));
        buffer.remove(0, headEnd + 4 + length);
        const QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(m_delayMs, Qt::PreciseTimer, socket, [this, guard] {
            QTcpSocket *target = guard.data();
            if (!target)
                return;
            switch (m_behaviour) {
            case Behaviour::Answer:
                target->write(m_answer);
                break;
            case Behaviour::Close:
                target->disconnectFromHost();
                break;
            case Behaviour::Reset:
                target->abort();
                break;
            case Behaviour::Silence:
                break;
            }
        });
    }

    std::unique_ptr<QTcpServer> m_server;
    QByteArray m_answer;
    int m_delayMs = 0;
    Behaviour m_behaviour = Behaviour::Answer;
    bool m_tls = false;
    QList<QByteArray> m_requests;
};
