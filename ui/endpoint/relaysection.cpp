// SPDX-License-Identifier: GPL-3.0-or-later

#include "relaysection.h"

#include "rules/forwardeditor.h"
#include "rules/inlinemessage.h"
#include "session/endpointhost.h"
#include "workspace/workspacedocument.h"

#include "base/latencytext.h"
#include "relay/relay.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTime>
#include <QToolButton>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {

QString clockTime(qint64 unixMicroseconds)
{
    return QDateTime::fromMSecsSinceEpoch(unixMicroseconds / 1000).toLocalTime().toString(QStringLiteral("HH:mm:ss"));
}

} // namespace

RelaySection::RelaySection(EndpointHost *host, WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_document(document)
{
    setObjectName(QStringLiteral("relaySection"));
    createWidgets();
    connect(m_document, &WorkspaceDocument::changed, this, &RelaySection::syncFromDocument);
    connect(m_document, &WorkspaceDocument::workspaceReset, this, &RelaySection::syncFromDocument);
    connect(m_host, &EndpointHost::upstreamSeen, this, &RelaySection::showReport);
    connect(&m_probe, &relay::UpstreamProbe::finished, this, &RelaySection::showProbe);
    syncFromDocument();
    updatePublicUrl();
}

RelaySection::~RelaySection() = default;

void RelaySection::createWidgets()
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setColumnStretch(1, 1);
    grid->setVerticalSpacing(6);
    const auto caption = [](const QString &text) {
        auto *label = new QLabel(text);
        label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        return label;
    };

    // What answers when no rule matches.
    m_answerTemplate = new QRadioButton;
    m_answerTemplate->setObjectName(QStringLiteral("defaultAnswerTemplate"));
    m_answerForward = new QRadioButton(tr("forward to your webhook"));
    m_answerForward->setObjectName(QStringLiteral("defaultAnswerForward"));
    m_answerForward->setToolTip(tr("Relay: requests no rule matches go on to your own webhook, byte for byte, and "
                                   "its answer comes back, judged against the platform's deadline"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_answerTemplate);
    group->addButton(m_answerForward);
    m_forwardEditor = new ForwardEditor;
    m_forwardEditor->setObjectName(QStringLiteral("defaultForwardEditor"));
    m_forwardError = new InlineMessage;
    m_forwardError->setObjectName(QStringLiteral("defaultForwardError"));
    auto *answer = new QVBoxLayout;
    answer->setSpacing(2);
    answer->addWidget(m_answerTemplate);
    answer->addWidget(m_answerForward);
    answer->addWidget(m_forwardEditor);
    answer->addWidget(m_forwardError);
    grid->addWidget(caption(tr("Unmatched")), 0, 0);
    grid->addLayout(answer, 0, 1);
    connect(group, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool checked) {
        if (checked)
            userEditedAnswer();
    });
    connect(m_forwardEditor, &ForwardEditor::edited, this, &RelaySection::userEditedAnswer);

    // The webhook's state.
    m_upstreamState = new QLabel;
    m_upstreamState->setObjectName(QStringLiteral("upstreamState"));
    m_upstreamState->setWordWrap(true);
    m_upstreamState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_checkButton = new QPushButton(tr("Check"));
    m_checkButton->setObjectName(QStringLiteral("upstreamCheck"));
    m_checkButton->setToolTip(tr("Connect to your webhook now (and complete the TLS handshake for https)"));
    connect(m_checkButton, &QPushButton::clicked, this, &RelaySection::checkUpstream);
    auto *upstreamRow = new QHBoxLayout;
    upstreamRow->addWidget(m_upstreamState, 1);
    upstreamRow->addWidget(m_checkButton, 0, Qt::AlignTop);
    m_resign = new QCheckBox(tr("Re-sign with your webhook's own secret"));
    m_resign->setObjectName(QStringLiteral("resignForwarded"));
    m_resign->setToolTip(tr("For a webhook that checks signatures with a secret other than the platform's: "
                            "X-Webhook-Signature is computed anew over the same timestamp and body"));
    connect(m_resign, &QCheckBox::toggled, this, &RelaySection::updateResign);
    m_resignState = new QLabel;
    m_resignState->setObjectName(QStringLiteral("resignState"));
    m_resignState->setWordWrap(true);
    m_resignState->setTextFormat(Qt::RichText);
    m_resignState->setForegroundRole(QPalette::PlaceholderText);
    // Tab reaches the link and Enter follows it, not only a click.
    m_resignState->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_resignState, &QLabel::linkActivated, this, &RelaySection::upstreamSecretRequested);
    auto *upstreamColumn = new QVBoxLayout;
    upstreamColumn->setSpacing(2);
    upstreamColumn->addLayout(upstreamRow);
    upstreamColumn->addWidget(m_resign);
    upstreamColumn->addWidget(m_resignState);
    grid->addWidget(caption(tr("Your webhook")), 1, 0);
    grid->addLayout(upstreamColumn, 1, 1);

    // The tunnel's public address.
    m_publicUrl = new QLineEdit;
    m_publicUrl->setObjectName(QStringLiteral("publicUrl"));
    m_publicUrl->setAccessibleName(tr("Public URL"));
    m_publicUrl->setPlaceholderText(tr("Paste your tunnel's address, e.g. https://abc.trycloudflare.com"));
    m_publicUrl->setClearButtonEnabled(true);
    m_publicUrl->setToolTip(tr("The address a tunnel (ssh -R, cloudflared, ngrok) gives this endpoint on the "
                               "internet; the platform needs it as the webhook URL"));
    connect(m_publicUrl, &QLineEdit::textChanged, this, &RelaySection::updatePublicUrl);
    m_platformUrl = new QToolButton;
    m_platformUrl->setObjectName(QStringLiteral("platformUrl"));
    m_platformUrl->setAutoRaise(true);
    m_platformUrl->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_platformUrl->setToolTip(tr("Click to copy the URL to give the platform"));
    connect(m_platformUrl, &QToolButton::clicked, this, [this] {
        const QString url = m_publicUrl->text().trimmed();
        QApplication::clipboard()->setText(url);
        Q_EMIT statusMessage(tr("Copied %1: set it as the webhook URL of your VoiceDock number").arg(url));
    });
    m_tunnelHint = new QLabel;
    m_tunnelHint->setObjectName(QStringLiteral("tunnelHint"));
    m_tunnelHint->setWordWrap(true);
    m_tunnelHint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tunnelHint->setForegroundRole(QPalette::PlaceholderText);
    auto *publicColumn = new QVBoxLayout;
    publicColumn->setSpacing(2);
    publicColumn->addWidget(m_publicUrl);
    publicColumn->addWidget(m_platformUrl, 0, Qt::AlignLeft);
    publicColumn->addWidget(m_tunnelHint);
    grid->addWidget(caption(tr("Public URL")), 2, 0);
    grid->addLayout(publicColumn, 2, 1);
}

void RelaySection::syncFromDocument()
{
    const workspace::Workspace &workspace = m_document->workspace();
    m_loading = true;
    QList<QPair<QString, QString>> templates;
    for (const workspace::ResponseTemplate &answer : workspace.templates)
        templates.append({answer.id, answer.name});
    m_forwardEditor->setTemplates(templates);
    const workspace::ResponseTemplate *fallback = workspace.fallbackTemplate();
    m_answerTemplate->setText(fallback ? tr("the template “%1”").arg(fallback->name)
                                       : tr("the fallback template (none is set)"));
    // A half-typed URL the workspace does not hold yet stays in the field.
    if (workspace.defaultForward) {
        m_answerForward->setChecked(true);
        if (m_forwardEditor->forward() != *workspace.defaultForward)
            m_forwardEditor->setForward(*workspace.defaultForward);
        m_forwardError->clearMessage();
    } else if (!m_forwardError->isError()) {
        m_answerTemplate->setChecked(true);
    }
    m_forwardEditor->setVisible(m_answerForward->isChecked());
    m_loading = false;
    updateUpstreamRow();
}

void RelaySection::userEditedAnswer()
{
    m_forwardEditor->setVisible(m_answerForward->isChecked());
    if (m_loading)
        return;
    if (m_answerTemplate->isChecked()) {
        m_forwardError->clearMessage();
        m_document->setDefaultForward(std::nullopt);
        return;
    }
    QList<base::LoadError> errors;
    const std::optional<rules::ForwardTo> forward =
        rules::ForwardTo::fromJson(m_forwardEditor->forward().toJson(), QStringLiteral("default_forward"), errors);
    if (!forward) {
        QStringList messages;
        for (const base::LoadError &error : std::as_const(errors))
            messages.append(error.message);
        m_forwardError->showError(tr("Not saved: %1").arg(messages.join(QLatin1Char(' '))));
        updateUpstreamRow();
        return;
    }
    m_forwardError->clearMessage();
    m_document->setDefaultForward(forward);
}

QUrl RelaySection::upstreamUrl() const
{
    const workspace::Workspace &workspace = m_document->workspace();
    if (workspace.defaultForward)
        return QUrl(workspace.defaultForward->url);
    for (const rules::Rule &rule : workspace.rules.rules()) {
        if (rule.enabled && rule.action.isForward())
            return QUrl(rule.action.forwardTo()->url);
    }
    return {};
}

void RelaySection::updateUpstreamRow()
{
    const QUrl upstream = upstreamUrl();
    m_checkButton->setEnabled(!upstream.isEmpty() && !m_probe.isRunning());
    if (upstream.isEmpty())
        m_upstreamState->setText(tr("Nothing is forwarded: choose “forward to your webhook” above, or in a rule."));
    else if (upstream != m_shownUpstream)
        m_upstreamState->setText(tr("%1 · not checked yet").arg(upstream.toString()));
    m_shownUpstream = upstream;
}

void RelaySection::checkUpstream()
{
    const QUrl upstream = upstreamUrl();
    if (upstream.isEmpty())
        return;
    m_checkButton->setEnabled(false);
    m_upstreamState->setText(tr("%1 · checking…").arg(upstream.toString()));
    m_probe.probe(upstream);
}

void RelaySection::showProbe(const relay::ProbeResult &result)
{
    m_checkButton->setEnabled(!upstreamUrl().isEmpty());
    const QString when = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    if (result.reachable)
        m_upstreamState->setText(tr("✔ %1 accepts connections (%2 ms) · checked %3")
                                     .arg(result.upstream.toString())
                                     .arg(result.elapsedMs)
                                     .arg(when));
    else
        m_upstreamState->setText(
            tr("✖ %1 is not reachable: %2 · checked %3").arg(result.upstream.toString(), result.error, when));
    Q_EMIT statusMessage(m_upstreamState->text());
}

void RelaySection::showReport(const UpstreamReport &report)
{
    const std::optional<relay::RelayVerdict> verdict = relay::verdictFromName(report.verdict);
    const QString when = clockTime(report.receivedAtUs);
    const QString count = tr("%1 relayed").arg(report.relayed);
    QString text;
    if (report.status != 0) {
        const bool inTime = verdict == relay::RelayVerdict::InTime;
        text = tr("%1 %2 answered %3 in %4 (%5) · %6 · %7")
                   .arg(inTime ? QStringLiteral("✔") : QStringLiteral("⚠"), report.url)
                   .arg(report.status)
                   .arg(base::roundedMilliseconds(report.finishedAfterUs),
                        inTime ? tr("in time") : tr("late: the platform would have given up"), when, count);
    } else {
        text = tr("✖ %1 gave no answer: %2 · %3 · %4").arg(report.url, report.error, when, count);
    }
    m_upstreamState->setText(text);
}

void RelaySection::setUpstreamSecret(const QByteArray &secret, const QString &summary)
{
    m_upstreamSecret = secret;
    m_resignState->setText(summary.toHtmlEscaped() + QStringLiteral(" · <a href=\"set\">%1</a>").arg(tr("Set…")));
    updateResign();
}

bool RelaySection::resignChosen() const
{
    return m_resign->isChecked();
}

void RelaySection::setResignChosen(bool chosen)
{
    m_resign->setChecked(chosen);
}

QByteArray RelaySection::resignSecret() const
{
    return m_resign->isChecked() ? m_upstreamSecret : QByteArray();
}

void RelaySection::updateResign()
{
    m_resignState->setVisible(m_resign->isChecked());
    const QByteArray secret = resignSecret();
    if (secret == m_appliedResignSecret)
        return;
    m_appliedResignSecret = secret;
    Q_EMIT resignSecretChanged(secret);
}

QString RelaySection::upstreamStateText() const
{
    return m_upstreamState->text();
}

QString RelaySection::publicUrl() const
{
    return m_publicUrl->text().trimmed();
}

void RelaySection::setPublicUrl(const QString &url)
{
    m_publicUrl->setText(url);
}

void RelaySection::setLocalPort(quint16 port)
{
    if (port == m_localPort)
        return;
    m_localPort = port;
    updatePublicUrl();
}

QString RelaySection::platformUrlText() const
{
    return m_platformUrl->isHidden() ? QString() : m_platformUrl->text();
}

void RelaySection::updatePublicUrl()
{
    const QString text = m_publicUrl->text().trimmed();
    const QUrl url(text, QUrl::StrictMode);
    const QString port = m_localPort == 0 ? tr("PORT") : QString::number(m_localPort);
    m_tunnelHint->setText(tr("Start a tunnel to this endpoint, then paste its address: ssh -R 80:127.0.0.1:%1 "
                             "nokey@localhost.run · cloudflared tunnel --url http://127.0.0.1:%1 · ngrok http %1")
                              .arg(port));
    if (text.isEmpty()) {
        m_platformUrl->hide();
        return;
    }
    m_platformUrl->show();
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        m_platformUrl->setText(tr("⚠ not an http(s) URL: paste the whole address the tunnel printed"));
        m_platformUrl->setEnabled(false);
        return;
    }
    m_platformUrl->setEnabled(true);
    m_platformUrl->setText(tr("Give the platform: %1").arg(url.toString()));
}

} // namespace dockside::ui
