// SPDX-License-Identifier: GPL-3.0-or-later

#include "relayoptions.h"

#include <QFile>

namespace dockside::relay {

QString lateAnswerName(LateAnswer late)
{
    return late == LateAnswer::Fallback ? QStringLiteral("fallback") : QStringLiteral("faithful");
}

std::optional<LateAnswer> lateAnswerFromName(const QString &name)
{
    if (name == QLatin1String("faithful"))
        return LateAnswer::Faithful;
    if (name == QLatin1String("fallback"))
        return LateAnswer::Fallback;
    return std::nullopt;
}

QString upstreamProblem(const QUrl &url)
{
    if (!url.isValid())
        return QStringLiteral("\"%1\" is not a URL: %2").arg(url.toString(), url.errorString());
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return QStringLiteral("\"%1\" is not an http:// or https:// URL").arg(url.toString());
    if (url.host().isEmpty())
        return QStringLiteral("\"%1\" names no host").arg(url.toString());
    return {};
}

CaFile loadCaFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {{}, QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    CaFile result;
    result.certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (result.certificates.isEmpty())
        result.error = QStringLiteral("%1 holds no PEM certificate").arg(path);
    return result;
}

} // namespace dockside::relay
