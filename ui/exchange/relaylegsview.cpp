// SPDX-License-Identifier: GPL-3.0-or-later

#include "relaylegsview.h"

#include "bytesformat.h"
#include "messagepane.h"

#include "base/latencytext.h"
#include "relay/relay.h"

#include <QLabel>
#include <QSplitter>
#include <QUrl>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {

QString forwardedStartLine(const history::ExchangeRecord &record)
{
    const QUrl upstream(record.forwarded->upstreamUrl);
    QString target = upstream.path(QUrl::FullyEncoded);
    if (target.isEmpty())
        target = QStringLiteral("/");
    if (upstream.hasQuery())
        target += QLatin1Char('?') + upstream.query(QUrl::FullyEncoded);
    return QString::fromLatin1(record.request.method) + QLatin1Char(' ') + target + QStringLiteral(" HTTP/1.1");
}

QString webhookStartLine(const history::ForwardedLeg &leg)
{
    QString line = QStringLiteral("HTTP/1.1 ") + QString::number(leg.responseStatus);
    if (!leg.reasonPhrase.isEmpty())
        line += QLatin1Char(' ') + bytesAsText(leg.reasonPhrase);
    return line;
}

} // namespace

RelayLegsView::Prepared RelayLegsView::prepare(const history::ExchangeRecord &record)
{
    Prepared prepared;
    if (!record.forwarded)
        return prepared;
    const history::ForwardedLeg &leg = *record.forwarded;
    // The forwarded body is the request's own, byte for byte; only the start line and headers differ.
    prepared.forwarded =
        prepareMessage(forwardedStartLine(record), headerLines(leg.requestHeaders), record.request.body);
    if (leg.responseStatus != 0)
        prepared.webhookAnswer =
            prepareMessage(webhookStartLine(leg), headerLines(leg.responseHeaders), leg.responseBody);
    return prepared;
}

RelayLegsView::RelayLegsView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_columns(new QSplitter(Qt::Horizontal, this))
{
    setObjectName(QStringLiteral("relayLegsView"));
    m_summary->setObjectName(QStringLiteral("relaySummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_columns->setObjectName(QStringLiteral("relayColumns"));
    m_columns->setChildrenCollapsible(false);

    m_platformRequest = new MessagePane(QStringLiteral("relayArrived"), tr("Arrived"), this);
    m_platformAnswer = new MessagePane(QStringLiteral("relayReturned"), tr("Sent back"), this);
    m_forwardedRequest = new MessagePane(QStringLiteral("relayForwarded"), tr("Forwarded"), this);
    m_webhookAnswer = new MessagePane(QStringLiteral("relayWebhookAnswer"), tr("Your webhook answered"), this);
    m_columns->addWidget(createColumn(tr("Platform ⇄ Dockside"), m_platformRequest, m_platformAnswer));
    m_columns->addWidget(createColumn(tr("Dockside ⇄ your webhook"), m_forwardedRequest, m_webhookAnswer));
    m_columns->setStretchFactor(0, 1);
    m_columns->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_columns, 1);
}

RelayLegsView::~RelayLegsView() = default;

QWidget *RelayLegsView::createColumn(const QString &title, MessagePane *request, MessagePane *answer)
{
    auto *column = new QWidget(m_columns);
    auto *heading = new QLabel(title, column);
    QFont font = heading->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    heading->setFont(font);
    auto *rows = new QSplitter(Qt::Vertical, column);
    rows->setChildrenCollapsible(false);
    rows->addWidget(request);
    rows->addWidget(answer);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(rows, 1);
    return column;
}

QString RelayLegsView::timingText(const history::ForwardedLeg &leg)
{
    QStringList parts;
    parts << tr("forwarded %1 after arrival").arg(base::roundedMilliseconds(leg.sentAfterUs));
    if (leg.connectUs)
        parts << (*leg.connectUs == 0 ? tr("on a kept-alive connection")
                                      : tr("connected in %1").arg(base::roundedMilliseconds(*leg.connectUs)));
    if (leg.firstByteUs)
        parts << tr("first answer byte after %1").arg(base::roundedMilliseconds(*leg.firstByteUs));
    const QString finished = leg.responseStatus != 0 ? tr("answered %1 after arrival") : tr("gave up %1 after arrival");
    parts << finished.arg(base::roundedMilliseconds(leg.finishedAfterUs));
    if (leg.deadlineMs > 0)
        parts << tr("the platform's deadline is %1 ms").arg(leg.deadlineMs);
    QString text = parts.join(QStringLiteral(" · "));
    text[0] = text.at(0).toUpper();
    return text;
}

QString RelayLegsView::verdictText(const history::ExchangeRecord &record)
{
    const history::ForwardedLeg &leg = *record.forwarded;
    const std::optional<relay::RelayVerdict> verdict = relay::verdictFromName(leg.verdict);
    QString what;
    switch (verdict.value_or(relay::RelayVerdict::Failed)) {
    case relay::RelayVerdict::InTime:
        what = tr("Your webhook answered in time.");
        break;
    case relay::RelayVerdict::Late:
        what = tr("Your webhook answered after the deadline: the platform would have given up (timeout).");
        break;
    case relay::RelayVerdict::Failed:
        what = tr("Your webhook could not be reached or did not answer properly: %1").arg(leg.error);
        break;
    case relay::RelayVerdict::FailedLate:
        what = tr("Your webhook gave no answer by the deadline: %1").arg(leg.error);
        break;
    }
    QString who;
    if (leg.fallbackAnswered)
        who = record.templateId.isEmpty()
            ? tr("The fallback template answered the platform.")
            : tr("The fallback template “%1” answered the platform.").arg(record.templateId);
    else if (record.responseStatus != 0)
        who = tr("Its answer went back to the platform byte for byte.");
    else
        who = tr("The platform got no answer, as it would have from your webhook.");
    QString text = what + QLatin1Char(' ') + who;
    if (leg.resigned)
        text += QLatin1Char(' ') + tr("The forwarded request was signed again with your webhook's own secret.");
    return text;
}

void RelayLegsView::show(const history::ExchangeRecord &record, const PreparedMessage &platformRequest,
                         const std::optional<PreparedMessage> &platformAnswer, const Prepared &prepared)
{
    if (!record.forwarded) {
        clear();
        return;
    }
    const history::ForwardedLeg &leg = *record.forwarded;
    m_summary->setText(tr("To %1").arg(leg.upstreamUrl) + QStringLiteral("\n") + timingText(leg) +
                       QStringLiteral("\n") + verdictText(record));
    m_platformRequest->showMessage(platformRequest, record.request.headers);
    if (platformAnswer)
        m_platformAnswer->showMessage(*platformAnswer, record.responseHeaders);
    else
        m_platformAnswer->showNothing(record.error.isEmpty() ? tr("No answer was sent.")
                                                             : tr("No answer: %1").arg(record.error));
    m_forwardedRequest->showMessage(prepared.forwarded, leg.requestHeaders);
    if (prepared.webhookAnswer)
        m_webhookAnswer->showMessage(*prepared.webhookAnswer, leg.responseHeaders);
    else
        m_webhookAnswer->showNothing(leg.error.isEmpty() ? tr("No answer.") : tr("No answer: %1").arg(leg.error));
}

void RelayLegsView::clear()
{
    m_summary->clear();
    m_platformRequest->clear();
    m_platformAnswer->clear();
    m_forwardedRequest->clear();
    m_webhookAnswer->clear();
}

QString RelayLegsView::summaryText() const
{
    return m_summary->text();
}

} // namespace dockside::ui
