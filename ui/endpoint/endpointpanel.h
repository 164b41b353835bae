// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "mock/mockendpoint.h"

#include <QByteArray>
#include <QColor>
#include <QUrl>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace dockside::ui {

// The panel's badges: the endpoint's state and a set clock, white bold text on these colours.
enum class EndpointBadge { Running, Stopped, Failed, Clock };
QColor endpointBadgeColor(EndpointBadge badge);
QColor endpointBadgeText();

class EndpointHost;
class RelaySection;
class WorkspaceDocument;

// The mock endpoint at a glance: whether it runs, its URL (a click copies it), what answers and the
// counters, and the relay (forwarding to the developer's webhook, its state, the tunnel's public URL); Start and
// Stop are one click.
class EndpointPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointPanel)

public:
    EndpointPanel(EndpointHost *host, WorkspaceDocument *document, QWidget *parent = nullptr);
    ~EndpointPanel() override;

    // Signatures are checked with this secret; empty: not checked.
    void setSecret(const QByteArray &secret);
    void start();
    void stop();
    void toggle();
    void copyUrl();

    quint16 port() const;
    void setPort(quint16 port);
    QString bindAddress() const;
    void setBindAddress(const QString &address);
    RelaySection *relaySection() const { return m_relay; }
    // How long the history keeps exchanges, shown in the panel with a Change link (0: no limit).
    void setRetention(qint64 maxRows, int maxAgeDays, bool historyOpen);
    // A team history: retention applies to this machine's copy; a role that may only read has none to change.
    void setTeamHistory(bool readOnly);

Q_SIGNALS:
    void statusMessage(const QString &message);
    // The Change link beside the retention.
    void retentionChangeRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createWidgets();
    void updateResponder();
    void updateWorkspaceSummary();
    void updateState();
    void showCounters(const mock::MockCounters &counters);
    void applyClockText();
    void showClock();

    EndpointHost *m_host = nullptr;
    WorkspaceDocument *m_document = nullptr;
    QByteArray m_secret;
    QString m_lastError;

    QLabel *m_stateBadge = nullptr;
    QToolButton *m_urlButton = nullptr;
    QPushButton *m_startButton = nullptr;
    QComboBox *m_addressCombo = nullptr;
    QSpinBox *m_portSpin = nullptr;
    QLabel *m_warningLabel = nullptr;
    QLabel *m_workspaceLabel = nullptr;
    QLabel *m_answersLabel = nullptr;
    QLabel *m_signatureLabel = nullptr;
    QLabel *m_countersLabel = nullptr;
    QLabel *m_clockBadge = nullptr; // shown whenever the clock is not the real time
    QLineEdit *m_clockEdit = nullptr;
    QCheckBox *m_clockHeaderCheck = nullptr;
    QLabel *m_clockError = nullptr;
    QLabel *m_retentionLabel = nullptr;
    QLabel *m_teamLabel = nullptr; // shown once a team history reports
    bool m_teamHistory = false;
    bool m_teamReadOnly = false;
    RelaySection *m_relay = nullptr;
    QWidget *m_content = nullptr; // inside the scroll area
};

} // namespace dockside::ui
