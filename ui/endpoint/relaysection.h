// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "relay/upstreamprobe.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QToolButton;

namespace dockside::ui {

class EndpointHost;
class ForwardEditor;
class InlineMessage;
class WorkspaceDocument;
struct UpstreamReport;

// The relay in the endpoint panel: what answers when no rule matches (the fallback template, or the developer's
// webhook), how that webhook is doing (the last relayed answer, or a check on demand), and the public URL a tunnel
// gives the endpoint, which is what the platform must be told.
class RelaySection final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelaySection)

public:
    RelaySection(EndpointHost *host, WorkspaceDocument *document, QWidget *parent = nullptr);
    ~RelaySection() override;

    // The tunnel's address, as the user pasted it; kept by the window's settings.
    QString publicUrl() const;
    void setPublicUrl(const QString &url);
    // The port the endpoint listens on, for the tunnel commands the hint offers.
    void setLocalPort(quint16 port);

    // The webhook a check probes: the default answer's, else the first forwarding rule's; empty when none.
    QUrl upstreamUrl() const;
    // The webhook's own secret (keychain or DOCKSIDE_UPSTREAM_SECRET) and where it comes from, in words.
    void setUpstreamSecret(const QByteArray &secret, const QString &summary);
    bool resignChosen() const;
    void setResignChosen(bool chosen);
    // What forwarded requests are re-signed with: the webhook's secret when re-signing is on; else empty.
    QByteArray resignSecret() const;
    QString upstreamStateText() const;
    QString platformUrlText() const;
    void checkUpstream();

Q_SIGNALS:
    void statusMessage(const QString &message);
    void resignSecretChanged(const QByteArray &secret);
    // The user asked to set the webhook's own secret.
    void upstreamSecretRequested();

private:
    void createWidgets();
    void syncFromDocument();
    void userEditedAnswer();
    void showReport(const UpstreamReport &report);
    void showProbe(const relay::ProbeResult &result);
    void updatePublicUrl();
    void updateUpstreamRow();
    void updateResign();

    EndpointHost *m_host = nullptr;
    WorkspaceDocument *m_document = nullptr;
    relay::UpstreamProbe m_probe;
    quint16 m_localPort = 0;
    QUrl m_shownUpstream; // the webhook the state line is about
    bool m_loading = false;

    QRadioButton *m_answerTemplate = nullptr;
    QRadioButton *m_answerForward = nullptr;
    ForwardEditor *m_forwardEditor = nullptr;
    InlineMessage *m_forwardError = nullptr;
    QLabel *m_upstreamState = nullptr;
    QPushButton *m_checkButton = nullptr;
    QLineEdit *m_publicUrl = nullptr;
    QToolButton *m_platformUrl = nullptr;
    QLabel *m_tunnelHint = nullptr;
    QCheckBox *m_resign = nullptr;
    QLabel *m_resignState = nullptr;
    QByteArray m_upstreamSecret;
    QByteArray m_appliedResignSecret;
};

} // namespace dockside::ui
