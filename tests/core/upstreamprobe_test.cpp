// SPDX-License-Identifier: GPL-3.0-or-later

#include "relay/upstreamprobe.h"

#include "qtprinters.h"
#include "upstreampeer.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using dockside::relay::ProbeResult;
using dockside::relay::UpstreamProbe;

namespace {

ProbeResult probeOnce(UpstreamProbe &probe, const QUrl &upstream)
{
    QSignalSpy finished(&probe, &UpstreamProbe::finished);
    probe.probe(upstream);
    EXPECT_TRUE(finished.wait(10000));
    EXPECT_EQ(finished.count(), 1);
    return finished.isEmpty() ? ProbeResult() : finished.constFirst().at(0).value<ProbeResult>();
}

} // namespace

TEST(UpstreamProbe, AListeningWebhookIsReachable)
{
    QTcpServer webhook;
    ASSERT_TRUE(webhook.listen(QHostAddress::LocalHost));
    UpstreamProbe probe;
    const ProbeResult result =
        probeOnce(probe, QUrl(QStringLiteral("http://127.0.0.1:%1/webhook").arg(webhook.serverPort())));
    EXPECT_TRUE(result.reachable) << result.error.toStdString();
    EXPECT_TRUE(result.error.isEmpty());
    EXPECT_FALSE(probe.isRunning());
}

TEST(UpstreamProbe, ARefusedPortSaysNothingListensThere)
{
    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    UpstreamProbe probe;
    const ProbeResult result = probeOnce(probe, QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)));
    EXPECT_FALSE(result.reachable);
    EXPECT_TRUE(result.error.contains(QStringLiteral("nothing listens on 127.0.0.1:%1").arg(port)))
        << result.error.toStdString();
}

TEST(UpstreamProbe, ANonHttpUrlIsRefusedAfterProbeReturns)
{
    UpstreamProbe probe;
    const ProbeResult result = probeOnce(probe, QUrl(QStringLiteral("ftp://127.0.0.1/")));
    EXPECT_FALSE(result.reachable);
    EXPECT_TRUE(result.error.contains(QStringLiteral("not an http:// or https:// URL"))) << result.error.toStdString();
}

TEST(UpstreamProbe, AnHttpsWebhookNeedsTheHandshakeNotOnlyAConnection)
{
    // A plain TCP server that never answers the TLS handshake: the probe waits for it, then says so.
    QTcpServer silent;
    ASSERT_TRUE(silent.listen(QHostAddress::LocalHost));
    UpstreamProbe probe;
    QSignalSpy finished(&probe, &UpstreamProbe::finished);
    probe.probe(QUrl(QStringLiteral("https://127.0.0.1:%1/").arg(silent.serverPort())), 300);
    ASSERT_TRUE(finished.wait(10000));
    const auto result = finished.constFirst().at(0).value<ProbeResult>();
    EXPECT_FALSE(result.reachable) << "a TCP connection alone does not make an https webhook reachable";
    EXPECT_FALSE(result.error.isEmpty());
}

TEST(UpstreamProbe, AnHttpsWebhookIsReachableOnlyWithItsCertificateTrusted)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    const TlsIdentity identity = TlsIdentity::create(directory.path());
    ASSERT_TRUE(identity.error.isEmpty()) << identity.error.toStdString();
    UpstreamPeer webhook(identity, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    ASSERT_EQ(webhook.url().scheme(), QStringLiteral("https"));

    UpstreamProbe untrusting;
    const ProbeResult refused = probeOnce(untrusting, webhook.url());
    EXPECT_FALSE(refused.reachable);
    EXPECT_TRUE(refused.error.startsWith(QStringLiteral("TLS: "))) << refused.error.toStdString();
    EXPECT_TRUE(refused.error.contains(QStringLiteral("CA file"))) << refused.error.toStdString();

    dockside::relay::RelayOptions options;
    const dockside::relay::CaFile ca = dockside::relay::loadCaFile(identity.certificatePath);
    ASSERT_TRUE(ca.error.isEmpty()) << ca.error.toStdString();
    options.extraCaCertificates = ca.certificates;
    UpstreamProbe trusting(options);
    const ProbeResult reached = probeOnce(trusting, webhook.url());
    EXPECT_TRUE(reached.reachable) << reached.error.toStdString();
}
