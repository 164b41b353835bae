// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <optional>

namespace dockside::relay {

// What the caller of the relay gets when the webhook misses the platform's deadline.
enum class LateAnswer {
    Faithful, // the webhook's late answer, its error or its closed connection, as they happened
    Fallback, // a template answers at the deadline
};

QString lateAnswerName(LateAnswer late);
std::optional<LateAnswer> lateAnswerFromName(const QString &name);

// How the relay reaches upstreams: what the GUI's settings and the CLI's flags both turn into.
struct RelayOptions {
    bool forwardedFor = false; // adds X-Forwarded-For with the platform's address
    QList<QSslCertificate> extraCaCertificates; // trusted besides the system's CA store
    QByteArray resignSecret; // the webhook's own secret: X-Webhook-Signature is computed anew; empty: passed on
    qint64 maxAnswerBytes = 10 * 1024 * 1024;
    qint64 giveUpMs = 30000; // a faithful relay waits this long for a late answer, from the request's arrival
};

// Why url cannot be an upstream (not absolute http or https, no host), or empty.
QString upstreamProblem(const QUrl &url);

// The certificates in a PEM file, or why there are none.
struct CaFile {
    QList<QSslCertificate> certificates;
    QString error;
};
CaFile loadCaFile(const QString &path);

} // namespace dockside::relay
