// SPDX-License-Identifier: GPL-3.0-or-later

#include "endpointpanel.h"

#include "relaysection.h"

#include "session/endpointhost.h"
#include "theme/theme.h"
#include "workspace/workspacedocument.h"

#include "history/historyoptions.h"
#include "mock/mockresponder.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <type_traits>

namespace dockside::ui {

namespace {

QString badgeStyle(const QColor &colour)
{
    return QStringLiteral("QLabel { color: %1; background: %2; border-radius: 8px; padding: 2px 10px; "
                          "font-weight: bold; }")
        .arg(endpointBadgeText().name(), colour.name());
}

} // namespace

QColor endpointBadgeColor(EndpointBadge badge)
{
    // White text on each is at least 4.6:1 (WCAG AA for normal text), on light and dark windows alike.
    switch (badge) {
    case EndpointBadge::Running:
        return {0x2e, 0x7d, 0x32};
    case EndpointBadge::Stopped:
        return {0x75, 0x75, 0x75};
    case EndpointBadge::Failed:
        return {0xc6, 0x28, 0x28};
    case EndpointBadge::Clock:
        return {0x6a, 0x1b, 0x9a};
    }
    return {0x75, 0x75, 0x75};
}

QColor endpointBadgeText()
{
    return Qt::white;
}

EndpointPanel::EndpointPanel(EndpointHost *host, WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_document(document)
{
    createWidgets();
    connect(m_host, &EndpointHost::started, this, [this](const QUrl &url) {
        m_lastError.clear();
        updateState();
        Q_EMIT statusMessage(tr("Mock endpoint listening on %1").arg(url.toString()));
    });
    connect(m_host, &EndpointHost::stopped, this, [this] {
        updateState();
        Q_EMIT statusMessage(tr("Mock endpoint stopped"));
    });
    connect(m_host, &EndpointHost::failed, this, [this](const QString &message) {
        m_lastError = message;
        updateState();
        Q_EMIT statusMessage(tr("The mock endpoint could not start: %1").arg(message));
    });
    connect(m_host, &EndpointHost::countersChanged, this, &EndpointPanel::showCounters);
    connect(m_document, &WorkspaceDocument::changed, this, &EndpointPanel::updateResponder);
    connect(m_document, &WorkspaceDocument::workspaceReset, this, [this] {
        // Another workspace brings its own clock: a value the previous one refused is gone with it.
        m_clockError->clear();
        m_clockError->hide();
        updateResponder();
    });
    updateResponder();
    updateState();
    showCounters({});
}

EndpointPanel::~EndpointPanel() = default;

void EndpointPanel::createWidgets()
{
    // Scrolls rather than squeezes its rows when the window gives it little height.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("endpointScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // long text wraps instead
    auto *content = new QWidget(scroll);
    scroll->setWidget(content);
    // Word-wrapped rows get their width from the viewport, also once the vertical scroll bar takes its share.
    scroll->viewport()->installEventFilter(this);
    m_content = content;
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 4, 0);

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(new QLabel(tr("<b>Mock endpoint</b> — stands in for your webhook")), 1);
    m_clockBadge = new QLabel;
    m_clockBadge->setObjectName(QStringLiteral("clockBadge"));
    m_clockBadge->setStyleSheet(badgeStyle(endpointBadgeColor(EndpointBadge::Clock)));
    m_clockBadge->hide();
    m_stateBadge = new QLabel;
    titleRow->addWidget(m_stateBadge);
    layout->addLayout(titleRow);

    auto *urlRow = new QHBoxLayout;
    m_urlButton = new QToolButton;
    m_urlButton->setAutoRaise(true);
    m_urlButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_urlButton->setToolTip(tr("Click to copy the URL"));
    QFont urlFont = m_urlButton->font();
    urlFont.setPointSizeF(urlFont.pointSizeF() * 1.15);
    m_urlButton->setFont(urlFont);
    connect(m_urlButton, &QToolButton::clicked, this, &EndpointPanel::copyUrl);
    m_startButton = new QPushButton;
    m_startButton->setToolTip(tr("Start or stop the mock endpoint (F5)"));
    connect(m_startButton, &QPushButton::clicked, this, &EndpointPanel::toggle);
    urlRow->addWidget(m_urlButton);
    urlRow->addStretch(1);
    urlRow->addWidget(m_startButton);
    layout->addLayout(urlRow);
    // A row of its own: the instant is long, and beside the title it would be cut.
    auto *clockBadgeRow = new QHBoxLayout;
    clockBadgeRow->addWidget(m_clockBadge);
    clockBadgeRow->addStretch(1);
    layout->addLayout(clockBadgeRow);

    // A grid, not a QFormLayout: word-wrapped labels get their full height here.
    auto *form = new QGridLayout;
    form->setColumnStretch(1, 1);
    form->setVerticalSpacing(6);
    const auto addRow = [form](const QString &label, auto *field) {
        const int row = form->rowCount();
        auto *name = new QLabel(label);
        name->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        form->addWidget(name, row, 0);
        if constexpr (std::is_base_of_v<QLayout, std::remove_pointer_t<decltype(field)>>)
            form->addLayout(field, row, 1);
        else
            form->addWidget(field, row, 1);
    };
    auto *listenRow = new QHBoxLayout;
    m_addressCombo = new QComboBox;
    m_addressCombo->setEditable(true);
    m_addressCombo->addItems({QStringLiteral("127.0.0.1"), QStringLiteral("::1"), QStringLiteral("0.0.0.0")});
    m_addressCombo->setToolTip(tr("Loopback by default: other addresses expose captured calls to your network."));
    m_portSpin = new QSpinBox;
    m_portSpin->setObjectName(QStringLiteral("endpointPort"));
    m_portSpin->setAccessibleName(tr("Port"));
    m_portSpin->setRange(0, 65535);
    m_portSpin->setValue(mock::kDefaultMockPort);
    m_portSpin->setSpecialValueText(tr("any free port"));
    m_portSpin->setToolTip(tr("0 picks a free port. Applies the next time the endpoint starts."));
    listenRow->addWidget(m_addressCombo, 1);
    listenRow->addWidget(new QLabel(tr("port")));
    listenRow->addWidget(m_portSpin);
    addRow(tr("Listen on"), listenRow);
    connect(m_addressCombo, &QComboBox::currentTextChanged, this, &EndpointPanel::updateState);
    m_workspaceLabel = new QLabel;
    m_workspaceLabel->setWordWrap(true);
    m_answersLabel = new QLabel;
    m_answersLabel->setWordWrap(true);
    m_signatureLabel = new QLabel;
    m_signatureLabel->setWordWrap(true);
    m_countersLabel = new QLabel;
    m_countersLabel->setWordWrap(true); // with a backlog the line outgrows a narrow panel
    addRow(tr("Workspace"), m_workspaceLabel);
    addRow(tr("Answers"), m_answersLabel);
    addRow(tr("Signatures"), m_signatureLabel);
    addRow(tr("Requests"), m_countersLabel);

    auto *clockRow = new QVBoxLayout;
    m_clockEdit = new QLineEdit;
    m_clockEdit->setObjectName(QStringLiteral("clockEdit"));
    m_clockEdit->setAccessibleName(tr("Pinned clock"));
    m_clockEdit->setPlaceholderText(tr("real time; or 2026-12-24T18:00:00+01:00, +2h, -30m"));
    m_clockEdit->setToolTip(
        tr("What the rules (business hours) and {{now}} take for the time: empty or \"real\" for the real time, an "
           "instant with its UTC offset to stand still at (every request counts as arriving then), or an offset "
           "such as +2h or -30m that moves with the real time. Signatures are always checked against the real "
           "time. Kept in the workspace."));
    connect(m_clockEdit, &QLineEdit::editingFinished, this, &EndpointPanel::applyClockText);
    m_clockHeaderCheck = new QCheckBox(tr("Honour X-Dockside-Clock from this machine"));
    m_clockHeaderCheck->setObjectName(QStringLiteral("clockHeaderCheck"));
    m_clockHeaderCheck->setToolTip(
        tr("The composer's “Call at” and scenarios' “at” send this header to evaluate one request at another "
           "moment. Requests from any other address have it refused, and the exchange says why."));
    connect(m_clockHeaderCheck, &QCheckBox::toggled, this,
            [this](bool allow) { m_document->setClock(m_document->workspace().clock, allow); });
    m_clockError = new QLabel;
    m_clockError->setObjectName(QStringLiteral("clockError"));
    m_clockError->setWordWrap(true);
    m_clockError->hide();
    clockRow->addWidget(m_clockEdit);
    clockRow->addWidget(m_clockError);
    clockRow->addWidget(m_clockHeaderCheck);
    addRow(tr("Clock"), clockRow);
    m_retentionLabel = new QLabel;
    m_retentionLabel->setObjectName(QStringLiteral("endpointRetention"));
    m_retentionLabel->setWordWrap(true);
    m_retentionLabel->setTextFormat(Qt::RichText);
    // Tab reaches the link and Enter follows it, not only a click.
    m_retentionLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_retentionLabel, &QLabel::linkActivated, this, &EndpointPanel::retentionChangeRequested);
    addRow(tr("History keeps"), m_retentionLabel);
    // With a team history: is this machine's capture in the shared database yet? Hidden until one reports.
    m_teamLabel = new QLabel;
    m_teamLabel->setObjectName(QStringLiteral("endpointTeamHistory"));
    m_teamLabel->setWordWrap(true);
    auto *teamName = new QLabel(tr("Team history"));
    teamName->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    const int teamRow = form->rowCount();
    form->addWidget(teamName, teamRow, 0);
    form->addWidget(m_teamLabel, teamRow, 1);
    teamName->hide();
    m_teamLabel->hide();
    const auto showTeamStatus = [this, teamName](const QString &status, bool problem) {
        m_teamLabel->setText(status);
        m_teamLabel->setAccessibleName(tr("Team history: %1").arg(status));
        m_teamLabel->setToolTip(problem ? tr("Exchanges are kept on this machine and copied when the team database "
                                             "takes them again.")
                                        : tr("This window's exchanges are in the team database."));
        teamName->show();
        m_teamLabel->show();
    };
    connect(m_host, &EndpointHost::teamStatusChanged, this, showTeamStatus);
    if (!m_host->teamStatus().isEmpty())
        showTeamStatus(m_host->teamStatus(), false);
    layout->addLayout(form);
    m_relay = new RelaySection(m_host, m_document, this);
    connect(m_relay, &RelaySection::statusMessage, this, &EndpointPanel::statusMessage);
    connect(m_relay, &RelaySection::resignSecretChanged, m_host, &EndpointHost::setResignSecret);
    layout->addWidget(m_relay);

    m_warningLabel = new QLabel;
    m_warningLabel->setWordWrap(true);
    m_warningLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_warningLabel);
    layout->addStretch(1);
}

bool EndpointPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize && m_content && watched == m_content->parentWidget())
        m_content->setMaximumWidth(static_cast<QResizeEvent *>(event)->size().width());
    return QWidget::eventFilter(watched, event);
}

void EndpointPanel::setRetention(qint64 maxRows, int maxAgeDays, bool historyOpen)
{
    if (!historyOpen) {
        m_retentionLabel->setText(tr("Nothing: no history file is open."));
        return;
    }
    if (m_teamReadOnly) {
        m_retentionLabel->setText(tr("Unavailable: the team history's role may only read."));
        m_retentionLabel->setToolTip(tr("Retention and Clear need a role that may delete; ask the team database's "
                                        "owner."));
        return;
    }
    m_retentionLabel->setText(tr("%1%2 — <a href=\"change\">Change…</a>")
                                  .arg(history::retentionText(maxRows, maxAgeDays).toHtmlEscaped(),
                                       m_teamHistory ? tr(" on this machine") : QString()));
    m_retentionLabel->setToolTip(
        m_teamHistory ? tr("The limits apply to this machine's copy of its own exchanges; the team database keeps "
                           "what it has until its owner removes it (Clear History empties it).")
                      : tr("Captured calls hold callers' numbers, names and transcripts: older exchanges are "
                           "removed continuously. Right-click a timeline row to forget one caller."));
}

void EndpointPanel::setTeamHistory(bool readOnly)
{
    m_teamHistory = true;
    m_teamReadOnly = readOnly;
}

void EndpointPanel::setSecret(const QByteArray &secret)
{
    m_secret = secret;
    updateResponder();
}

void EndpointPanel::start()
{
    const QHostAddress address(m_addressCombo->currentText().trimmed());
    if (address.isNull()) {
        m_lastError = tr("\"%1\" is not an IP address. Use 127.0.0.1 to listen on this machine only.")
                          .arg(m_addressCombo->currentText());
        updateState();
        return;
    }
    mock::MockEndpointOptions options;
    options.address = address;
    options.port = port();
    options.secret = m_secret;
    options.relay.resignSecret = m_relay->resignSecret();
    options.clock = m_document->workspace().clock;
    options.allowClockHeader = m_document->workspace().allowClockHeader;
    m_lastError.clear();
    m_host->start(options);
}

void EndpointPanel::stop()
{
    m_host->stop();
}

void EndpointPanel::toggle()
{
    if (m_host->isRunning())
        stop();
    else
        start();
}

void EndpointPanel::copyUrl()
{
    if (!m_host->isRunning())
        return;
    QApplication::clipboard()->setText(m_host->url().toString());
    Q_EMIT statusMessage(tr("Copied %1").arg(m_host->url().toString()));
}

quint16 EndpointPanel::port() const
{
    return static_cast<quint16>(m_portSpin->value());
}

void EndpointPanel::setPort(quint16 port)
{
    m_portSpin->setValue(port);
}

QString EndpointPanel::bindAddress() const
{
    return m_addressCombo->currentText().trimmed();
}

void EndpointPanel::setBindAddress(const QString &address)
{
    m_addressCombo->setCurrentText(address);
}

void EndpointPanel::updateResponder()
{
    const workspace::Workspace &workspace = m_document->workspace();
    m_host->setResponder(mock::MockResponder(workspace, m_secret, m_host->options().platformDeadlineMs));
    if (m_host->options().clock != workspace.clock || m_host->options().allowClockHeader != workspace.allowClockHeader)
        m_host->setClock(workspace.clock, workspace.allowClockHeader);
    updateWorkspaceSummary();
    showClock();
}

void EndpointPanel::applyClockText()
{
    const QString text = m_clockEdit->text().trimmed();
    QString error;
    const std::optional<base::MockClock> clock =
        text.isEmpty() ? base::MockClock {} : base::parseMockClock(text, &error);
    if (!clock) {
        m_clockError->setText(tr("%1 The clock stays %2.").arg(error, m_document->workspace().clock.describe()));
        // Picked when shown, so the red reads on the theme in use (a fixed #c62828 was 2.5:1 on the dark window).
        m_clockError->setStyleSheet(
            QStringLiteral("QLabel { color: %1; }").arg(errorTextColor(QApplication::palette()).name()));
        m_clockError->show();
        return;
    }
    m_clockError->clear();
    m_clockError->hide();
    m_document->setClock(*clock, m_document->workspace().allowClockHeader);
    showClock();
}

void EndpointPanel::showClock()
{
    const workspace::Workspace &workspace = m_document->workspace();
    const base::MockClock &clock = workspace.clock;
    // The field keeps what is being typed or a rejected value until it parses.
    if (!m_clockEdit->hasFocus() && m_clockError->isHidden())
        m_clockEdit->setText(clock.isReal() ? QString() : clock.toText());
    {
        const QSignalBlocker blocker(m_clockHeaderCheck);
        m_clockHeaderCheck->setChecked(workspace.allowClockHeader);
    }
    m_clockBadge->setVisible(!clock.isReal());
    if (clock.isReal())
        return;
    m_clockBadge->setText(tr("Clock: %1").arg(clock.describe()));
    m_clockBadge->setToolTip(
        clock.mode == base::MockClock::Mode::Pinned
            ? tr("The rules (business hours) and {{now}} take every request as arriving at %1; the clock does not "
                 "tick on. Signatures are checked against the real time. Clear the Clock field to use the real time.")
                  .arg(base::clockInstantText(clock.pinned))
            : tr("The rules (business hours) and {{now}} see the real time moved by %1 (%2 now). Signatures are "
                 "checked against the real time. Clear the Clock field to use the real time.")
                  .arg(clock.describe(), base::clockInstantText(clock.now(QDateTime::currentDateTime()))));
}

void EndpointPanel::updateWorkspaceSummary()
{
    const workspace::Workspace &workspace = m_document->workspace();
    qsizetype enabledRules = 0;
    for (const rules::Rule &rule : workspace.rules.rules())
        enabledRules += rule.enabled ? 1 : 0;
    m_workspaceLabel->setText(
        tr("%1%2").arg(m_document->displayName(), m_document->isModified() ? tr(" (unsaved changes)") : QString()));
    const workspace::ResponseTemplate *fallback = workspace.fallbackTemplate();
    // No translations ship yet, so %n would not pick "1 contact" over "1 contacts": choose the word here.
    const auto counted = [](qsizetype count, const QString &one, const QString &many) -> QString {
        return QString::number(count) + QLatin1Char(' ') + (count == 1 ? one : many);
    };
    const QString otherwise = workspace.defaultForward
        ? tr("otherwise forwarded to %1").arg(workspace.defaultForward->url)
        : tr("otherwise “%1”").arg(fallback ? fallback->name : tr("no template"));
    m_answersLabel->setText(tr("%1 of %2 enabled, first match wins; %3. %4, %5.")
                                .arg(enabledRules)
                                .arg(counted(workspace.rules.size(), tr("rule"), tr("rules")))
                                .arg(otherwise)
                                .arg(counted(workspace.templates.size(), tr("template"), tr("templates")))
                                .arg(counted(workspace.contacts.size(), tr("contact"), tr("contacts"))));
    m_signatureLabel->setText(m_secret.isEmpty() ? tr("Not checked: no webhook secret is set (Tools ▸ Webhook Secret…)")
                                                 : tr("Checked with the webhook secret on every request"));
}

void EndpointPanel::updateState()
{
    const bool running = m_host->isRunning();
    if (running) {
        m_stateBadge->setText(tr("Running"));
        m_stateBadge->setStyleSheet(badgeStyle(endpointBadgeColor(EndpointBadge::Running)));
        m_urlButton->setText(m_host->url().toString());
        m_urlButton->setEnabled(true);
        m_startButton->setText(tr("Stop"));
    } else {
        m_stateBadge->setText(m_lastError.isEmpty() ? tr("Stopped") : tr("Failed"));
        m_stateBadge->setStyleSheet(
            badgeStyle(endpointBadgeColor(m_lastError.isEmpty() ? EndpointBadge::Stopped : EndpointBadge::Failed)));
        m_urlButton->setText(tr("not listening"));
        m_urlButton->setEnabled(false);
        m_startButton->setText(tr("Start"));
    }
    m_relay->setLocalPort(running ? static_cast<quint16>(m_host->url().port()) : port());
    m_addressCombo->setEnabled(!running);
    m_portSpin->setEnabled(!running);

    QString warning = m_lastError;
    const QHostAddress address(m_addressCombo->currentText().trimmed());
    if (!address.isNull() && !address.isLoopback()) {
        const QString exposed = tr("⚠ Listening on %1 exposes every captured call (numbers, names, bodies) to "
                                   "your network. Use 127.0.0.1 unless you need a tunnel or another machine.")
                                    .arg(address.toString());
        warning = warning.isEmpty() ? exposed : warning + QStringLiteral("\n") + exposed;
    }
    m_warningLabel->setText(warning);
    m_warningLabel->setVisible(!warning.isEmpty());
    updateWorkspaceSummary();
}

void EndpointPanel::showCounters(const mock::MockCounters &counters)
{
    QString text = tr("%1 received · %2 answered · %3 dropped · %4 refused")
                       .arg(counters.received)
                       .arg(counters.answered)
                       .arg(counters.dropped)
                       .arg(counters.rejected);
    // Under heavy traffic the timeline waits for a pause; say so rather than look stuck.
    if (counters.historyBacklog > 0)
        text += tr(" · %1 waiting for the timeline").arg(counters.historyBacklog);
    m_countersLabel->setText(text);
    m_countersLabel->setToolTip(counters.historyBacklog > 0
                                    ? tr("Every answered request is already safe on disk; above 5,000 requests a "
                                         "second they are copied into the history when the traffic pauses.")
                                    : QString());
}

} // namespace dockside::ui
