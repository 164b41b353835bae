// SPDX-License-Identifier: GPL-3.0-or-later

#include "exchangedetailview.h"

#include "bytesformat.h"
#include "calls/callview.h"
#include "common/background.h"
#include "messagepane.h"
#include "outcome/calloutcomeview.h"
#include "outcome/outcomestyle.h"
#include "preparedmessage.h"
#include "relaylegsview.h"

#include "history/exchangechecks.h"
#include "history/historydatabase.h"
#include "http/httprequestparser.h"

#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

#include <memory>

namespace dockside::ui {

namespace {

constexpr int kFieldColumns = 4;
// Bodies up to this size (both together) are shown at once; larger ones are formatted on a worker thread.
constexpr qsizetype kSynchronousBodyBytes = 64 * 1024;
const char *const kToneProperty = "badgeTone";
// A badge without a tone: drawn in the palette's own muted colours.
constexpr int kNeutralTone = -1;

QLabel *makeValue(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

void setBadge(QLabel *badge, const QString &text, int tone)
{
    badge->setText(text);
    badge->setProperty(kToneProperty, tone);
    badge->setVisible(!text.isEmpty());
}

OutcomeTone statusTone(int status)
{
    if (status == 0)
        return OutcomeTone::Problem;
    if (status >= 200 && status <= 299)
        return OutcomeTone::DefaultAssistant;
    if (status >= 300 && status <= 399)
        return OutcomeTone::Overrides;
    return OutcomeTone::Rejected;
}

QString statusText(int status)
{
    if (status == 0)
        return ExchangeDetailView::tr("no answer");
    const QByteArray phrase = http::reasonPhrase(status);
    return phrase == "Status" ? QString::number(status)
                              : QString::number(status) + QLatin1Char(' ') + QString::fromLatin1(phrase);
}

QString timeText(qint64 unixMicroseconds)
{
    return QDateTime::fromMSecsSinceEpoch(unixMicroseconds / 1000)
        .toLocalTime()
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString latencyText(qint64 microseconds)
{
    // Inbound latencies are planned in whole milliseconds; measured ones show their tenths.
    if (microseconds % 1000 == 0)
        return ExchangeDetailView::tr("%1 ms").arg(microseconds / 1000);
    return ExchangeDetailView::tr("%1 ms").arg(static_cast<double>(microseconds) / 1000.0, 0, 'f', 1);
}

QString requestStartLine(const history::ExchangeRecord &record)
{
    const QByteArray version =
        record.request.httpVersion.isEmpty() ? QByteArrayLiteral("HTTP/1.1") : record.request.httpVersion;
    return QString::fromLatin1(record.request.method) + QLatin1Char(' ') + bytesAsText(record.request.target) +
        QLatin1Char(' ') + QString::fromLatin1(version);
}

QString answerStartLine(const history::ExchangeRecord &record)
{
    return QStringLiteral("HTTP/1.1 ") + statusText(record.responseStatus);
}

QString noAnswerText(const history::ExchangeRecord &record)
{
    return record.error.isEmpty() ? ExchangeDetailView::tr("No answer was sent.")
                                  : ExchangeDetailView::tr("No answer: %1").arg(record.error);
}

struct SignatureVerdict {
    QString title;
    QString detail;
    int tone = kNeutralTone;
};

SignatureVerdict signatureVerdict(const history::ExchangeRecord &record)
{
    using Status = contract::SignatureStatus;
    if (record.direction == history::Direction::Outbound) {
        if (record.signedString.isEmpty())
            return {ExchangeDetailView::tr("Unsigned"),
                    ExchangeDetailView::tr("Sent without a signature: no webhook secret was set, as the platform "
                                           "does without one."),
                    kNeutralTone};
        return {ExchangeDetailView::tr("Signed by Dockside"),
                ExchangeDetailView::tr("Dockside signed the exact bytes it sent; the webhook checks them with the "
                                       "same secret."),
                static_cast<int>(OutcomeTone::DefaultAssistant)};
    }
    const std::optional<contract::SignatureCheck> check = history::recordedSignatureCheck(record);
    if (!check)
        return {ExchangeDetailView::tr("Not checked"),
                record.eventType.isEmpty()
                    ? ExchangeDetailView::tr("Not a VoiceDock event: signatures are checked on platform events only.")
                    : ExchangeDetailView::tr("No signature check was recorded for this exchange."),
                kNeutralTone};
    const QString detail = contract::describeSignatureCheck(*check);
    switch (check->status) {
    case Status::Valid:
        return {ExchangeDetailView::tr("Valid"), detail, static_cast<int>(OutcomeTone::DefaultAssistant)};
    case Status::NoSecret:
        return {ExchangeDetailView::tr("Not checked"),
                detail + QLatin1Char(' ') +
                    ExchangeDetailView::tr("Set the webhook secret to check the signatures of incoming events."),
                kNeutralTone};
    case Status::MissingSignature:
    case Status::MissingTimestamp:
        return {ExchangeDetailView::tr("Missing"), detail, static_cast<int>(OutcomeTone::Rejected)};
    case Status::MalformedTimestamp:
    case Status::StaleTimestamp:
    case Status::MalformedSignature:
    case Status::Mismatch:
        break;
    }
    return {ExchangeDetailView::tr("Invalid: %1").arg(contract::signatureStatusCode(check->status)), detail,
            static_cast<int>(OutcomeTone::Rejected)};
}

} // namespace

ExchangeDetailView::ExchangeDetailView(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
{
    setObjectName(QStringLiteral("exchangeDetailView"));
    m_placeholder->setObjectName(QStringLiteral("detailPlaceholder"));
    m_placeholder->setText(tr("Select an exchange to see its request, answer, outcome and signature."));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(6);
    contentLayout->addWidget(createSummary());

    m_tabs = new QTabWidget(content);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_splitter = new QSplitter(Qt::Horizontal, m_tabs);
    m_splitter->setObjectName(QStringLiteral("detailSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_requestPane = new MessagePane(QStringLiteral("request"), tr("Request"), m_splitter);
    m_answerPane = new MessagePane(QStringLiteral("answer"), tr("Answer"), m_splitter);
    m_splitter->addWidget(m_requestPane);
    m_splitter->addWidget(m_answerPane);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_tabs->addTab(m_splitter, tr("Request and answer"));
    m_tabs->addTab(createOutcomeTab(), tr("Outcome"));
    m_tabs->addTab(createSignatureTab(), tr("Signature"));
    m_relayLegs = new RelayLegsView(m_tabs);
    m_relayTab = m_tabs->addTab(m_relayLegs, tr("Both legs"));
    m_tabs->setTabToolTip(m_relayTab,
                          tr("A relayed exchange: what the platform sent and got, beside what your "
                             "webhook was sent and answered"));
    m_tabs->setTabVisible(m_relayTab, false);
    m_callView = new CallView(m_tabs);
    m_callView->setObjectName(QStringLiteral("callView"));
    m_callTab = m_tabs->addTab(m_callView, tr("Call"));
    m_tabs->setTabToolTip(m_callTab,
                          tr("Every event of this exchange's call on a time axis, checked against the "
                             "contract's order"));
    m_tabs->setTabVisible(m_callTab, false);
    contentLayout->addWidget(m_tabs, 1);

    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    clear();
}

ExchangeDetailView::~ExchangeDetailView()
{
    // The view waits for a running worker as it goes; cancelled, the worker stops at its next check.
    interruptWorkers();
}

void ExchangeDetailView::interruptWorkers()
{
    if (m_cancelPreparing)
        *m_cancelPreparing = true;
    m_cancelPreparing.reset();
}

QWidget *ExchangeDetailView::createSummary()
{
    auto *summary = new QFrame(this);
    summary->setObjectName(QStringLiteral("exchangeSummary"));
    summary->setFrameShape(QFrame::StyledPanel);
    summary->setAutoFillBackground(true);
    summary->setBackgroundRole(QPalette::Base);
    auto *layout = new QVBoxLayout(summary);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(6);

    auto *lineRow = new QHBoxLayout;
    lineRow->setSpacing(8);
    m_direction = makeValue(QStringLiteral("summaryDirection"), summary);
    m_method = makeValue(QStringLiteral("summaryMethod"), summary);
    m_target = makeValue(QStringLiteral("summaryTarget"), summary);
    m_status = makeValue(QStringLiteral("summaryStatus"), summary);
    m_outcomeBadge = makeValue(QStringLiteral("summaryOutcome"), summary);
    QFont big = m_method->font();
    big.setBold(true);
    if (big.pointSizeF() > 0)
        big.setPointSizeF(big.pointSizeF() * 1.15);
    m_method->setFont(big);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (big.pointSizeF() > 0)
        mono.setPointSizeF(big.pointSizeF());
    m_target->setFont(mono);
    m_target->setMinimumWidth(80);
    m_target->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont badgeFont = m_status->font();
    badgeFont.setBold(true);
    for (QLabel *badge : {m_direction, m_status, m_outcomeBadge})
        badge->setFont(badgeFont);
    lineRow->addWidget(m_direction);
    lineRow->addWidget(m_method);
    lineRow->addWidget(m_target, 1);
    lineRow->addWidget(m_status);
    lineRow->addWidget(m_outcomeBadge);
    layout->addLayout(lineRow);

    m_fieldGrid = new QGridLayout;
    m_fieldGrid->setHorizontalSpacing(18);
    m_fieldGrid->setVerticalSpacing(6);
    m_received = addField(QStringLiteral("summaryReceived"), tr("Received"));
    m_latency = addField(QStringLiteral("summaryLatency"), tr("Latency"));
    m_event = addField(QStringLiteral("summaryEvent"), tr("Event"));
    m_caller = addField(QStringLiteral("summaryCaller"), tr("Caller"));
    m_peer = addField(QStringLiteral("summaryPeer"), tr("Peer"));
    m_template = addField(QStringLiteral("summaryTemplate"), tr("Template"));
    m_rule = addField(QStringLiteral("summaryRule"), tr("Rule"));
    m_signatureBadge = addField(QStringLiteral("summarySignature"), tr("Signature"));
    // The strip's background is Base, which would make Text their colour role; the verdict colours WindowText.
    m_signatureBadge->setForegroundRole(QPalette::WindowText);
    for (int column = 0; column < kFieldColumns; ++column)
        m_fieldGrid->setColumnStretch(column, 1);
    layout->addLayout(m_fieldGrid);

    m_error = makeValue(QStringLiteral("summaryError"), summary);
    m_error->setWordWrap(true);
    m_error->setForegroundRole(QPalette::WindowText);
    layout->addWidget(m_error);

    m_clockNote = makeValue(QStringLiteral("summaryClock"), summary);
    m_clockNote->setWordWrap(true);
    m_clockNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_clockNote->setForegroundRole(QPalette::WindowText);
    m_clockNote->hide();
    layout->addWidget(m_clockNote);
    return summary;
}

QLabel *ExchangeDetailView::addField(const QString &objectName, const QString &caption)
{
    auto *field = new QWidget(this);
    // Hidden until the grid places it: a visible child outside any layout is painted at the view's corner.
    field->hide();
    auto *layout = new QVBoxLayout(field);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    auto *captionLabel = new QLabel(caption, field);
    captionLabel->setForegroundRole(QPalette::PlaceholderText);
    QFont small = captionLabel->font();
    if (small.pointSizeF() > 0)
        small.setPointSizeF(small.pointSizeF() * 0.88);
    captionLabel->setFont(small);
    QLabel *value = makeValue(objectName, field);
    value->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    // A narrow detail pane wraps a long time or URL instead of cutting it off.
    value->setWordWrap(true);
    layout->addWidget(captionLabel);
    layout->addWidget(value);
    m_fields.append({field, captionLabel, value});
    return value;
}

void ExchangeDetailView::layoutFields()
{
    // Only the fields that say something, packed in reading order.
    for (const Field &field : std::as_const(m_fields))
        m_fieldGrid->removeWidget(field.box);
    int position = 0;
    for (const Field &field : std::as_const(m_fields)) {
        const bool shown = !field.value->text().isEmpty();
        field.box->setVisible(shown);
        if (shown) {
            m_fieldGrid->addWidget(field.box, position / kFieldColumns, position % kFieldColumns);
            ++position;
        }
    }
}

QWidget *ExchangeDetailView::createOutcomeTab()
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    m_outcomeNote = makeValue(QStringLiteral("outcomeRecordNote"), tab);
    m_outcomeNote->setWordWrap(true);
    m_outcomeNote->setContentsMargins(8, 6, 8, 0);
    layout->addWidget(m_outcomeNote);
    m_outcomeView = new CallOutcomeView(tab);
    layout->addWidget(m_outcomeView, 1);
    return tab;
}

QWidget *ExchangeDetailView::createSignatureTab()
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->setSpacing(8);
    m_signatureStatus = makeValue(QStringLiteral("signatureStatus"), tab);
    QFont bold = m_signatureStatus->font();
    bold.setBold(true);
    if (bold.pointSizeF() > 0)
        bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_signatureStatus->setFont(bold);
    m_signatureDetail = makeValue(QStringLiteral("signatureDetail"), tab);
    m_signatureDetail->setWordWrap(true);
    m_signatureDiagnosis = makeValue(QStringLiteral("signatureDiagnosis"), tab);
    m_signatureDiagnosis->setWordWrap(true);
    m_signatureDiagnosis->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_signatureHeaders = makeValue(QStringLiteral("signatureHeaders"), tab);
    m_signatureHeaders->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_signatureHeaders->setWordWrap(true);
    m_signedCaption = makeValue(QStringLiteral("signedCaption"), tab);
    m_signedCaption->setWordWrap(true);
    m_signedCaption->setForegroundRole(QPalette::PlaceholderText);
    m_signedString = new QPlainTextEdit(tab);
    m_signedString->setObjectName(QStringLiteral("signedString"));
    m_signedString->setAccessibleName(tr("Signed string"));
    m_signedString->setReadOnly(true);
    m_signedString->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_signedString->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout->addWidget(m_signatureStatus);
    layout->addWidget(m_signatureDetail);
    layout->addWidget(m_signatureDiagnosis);
    layout->addWidget(m_signatureHeaders);
    layout->addWidget(m_signedCaption);
    layout->addWidget(m_signedString, 1);
    return tab;
}

void ExchangeDetailView::showCall(const calls::CallTrack &track)
{
    m_callView->showTrack(track, m_exchangeId);
    m_tabs->setTabVisible(m_callTab, true);
}

void ExchangeDetailView::hideCall()
{
    if (m_tabs->currentIndex() == m_callTab)
        m_tabs->setCurrentIndex(ExchangeTab);
    m_tabs->setTabVisible(m_callTab, false);
    m_callView->clear();
}

bool ExchangeDetailView::showTab(Tab tab)
{
    if (!hasExchange() || !m_tabs->isTabVisible(tab))
        return false;
    m_tabs->setCurrentIndex(tab);
    return true;
}

void ExchangeDetailView::setPlatformDeadlineMs(qint64 deadlineMs)
{
    m_deadlineMs = deadlineMs;
}

struct ExchangeDetailView::Prepared {
    PreparedMessage request;
    std::optional<PreparedMessage> answer; // none when no answer was sent
    std::optional<contract::CallOutcome> outcome;
    RelayLegsView::Prepared relay; // a relayed exchange's second leg
};

ExchangeDetailView::Prepared ExchangeDetailView::prepare(const history::ExchangeRecord &record,
                                                         const QJsonObject &defaultAssistant, qint64 deadlineMs,
                                                         const std::atomic_bool &cancelled)
{
    Prepared prepared;
    prepared.request =
        prepareMessage(requestStartLine(record), headerLines(record.request.headers), record.request.body);
    // A newer exchange was asked for: this result will not be shown.
    if (cancelled)
        return prepared;
    if (record.responseStatus != 0)
        prepared.answer =
            prepareMessage(answerStartLine(record), headerLines(record.responseHeaders), record.responseBody);
    if (!cancelled)
        prepared.outcome = history::recordedOutcome(record, defaultAssistant, deadlineMs);
    if (!cancelled && record.forwarded)
        prepared.relay = RelayLegsView::prepare(record);
    return prepared;
}

void ExchangeDetailView::clear()
{
    ++m_generation;
    interruptWorkers();
    m_preparing = false;
    m_exchangeId = 0;
    m_requestPane->clear();
    m_answerPane->clear();
    m_relayLegs->clear();
    m_tabs->setTabVisible(m_relayTab, false);
    hideCall();
    m_outcomeView->setPlaceholderText(tr("Send an assistant-request to see the outcome."));
    m_outcomeView->clear();
    m_outcomeNote->hide();
    m_signedString->clear();
    m_stack->setCurrentWidget(m_placeholder);
}

void ExchangeDetailView::showExchange(const history::ExchangeRecord &record, const QJsonObject &defaultAssistant)
{
    const quint64 generation = ++m_generation;
    interruptWorkers();
    // Records not from the store (a composer result not yet saved) have no id; they are shown all the same.
    m_exchangeId = record.id != 0 ? record.id : -1;
    showSummary(record);
    showSignature(record);
    applyBadgeColors();
    m_stack->setCurrentIndex(1);

    if (record.request.body.size() + record.responseBody.size() <= kSynchronousBodyBytes) {
        m_preparing = false;
        showPrepared(record, defaultAssistant, prepare(record, defaultAssistant, m_deadlineMs, std::atomic_bool()));
        return;
    }

    // Formatting megabytes (and validating a large answer) would freeze the window: a worker does it.
    m_preparing = true;
    m_requestPane->showPreparing(requestStartLine(record), record.request.headers, record.request.body.size());
    if (record.responseStatus == 0)
        m_answerPane->showNothing(noAnswerText(record));
    else
        m_answerPane->showPreparing(answerStartLine(record), record.responseHeaders, record.responseBody.size());
    m_outcomeNote->hide();
    m_outcomeView->setPlaceholderText(tr("Working out the outcome…"));
    m_outcomeView->clear();

    m_cancelPreparing = std::make_shared<std::atomic_bool>(false);
    runInBackground(
        this,
        [record, defaultAssistant, deadlineMs = m_deadlineMs, cancelled = m_cancelPreparing] {
            return prepare(record, defaultAssistant, deadlineMs, *cancelled);
        },
        [this, generation, record, defaultAssistant](const Prepared &prepared) {
            if (generation != m_generation)
                return;
            m_preparing = false;
            showPrepared(record, defaultAssistant, prepared);
        });
}

void ExchangeDetailView::showPrepared(const history::ExchangeRecord &record, const QJsonObject &defaultAssistant,
                                      const Prepared &prepared)
{
    m_requestPane->showMessage(prepared.request, record.request.headers);
    if (prepared.answer)
        m_answerPane->showMessage(*prepared.answer, record.responseHeaders);
    else
        m_answerPane->showNothing(noAnswerText(record));
    showOutcome(record, defaultAssistant, prepared.outcome);
    m_relayLegs->show(record, prepared.request, prepared.answer, prepared.relay); // clears for one not relayed
    m_tabs->setTabVisible(m_relayTab, record.forwarded.has_value());
    Q_EMIT exchangeShown(m_exchangeId);
}

void ExchangeDetailView::showSummary(const history::ExchangeRecord &record)
{
    const bool inbound = record.direction == history::Direction::Inbound;
    if (record.forwarded) {
        setBadge(m_direction, tr("RELAYED"), kNeutralTone);
        m_direction->setToolTip(
            tr("Captured by the mock endpoint and forwarded to %1 (see Both legs)").arg(record.forwarded->upstreamUrl));
    } else {
        setBadge(m_direction, inbound ? tr("INBOUND") : tr("OUTBOUND"), kNeutralTone);
        m_direction->setToolTip(inbound ? tr("Captured by the mock endpoint") : tr("Sent by the composer"));
    }
    m_method->setText(QString::fromLatin1(record.request.method));
    m_target->setText(bytesAsText(record.request.target));
    m_target->setToolTip(record.url);
    setBadge(m_status, statusText(record.responseStatus), static_cast<int>(statusTone(record.responseStatus)));

    QString outcome;
    int outcomeTone = kNeutralTone;
    if (!record.outcomeDisposition.isEmpty()) {
        outcome = record.outcomeReason.isEmpty() || record.outcomeReason == record.outcomeDisposition
            ? record.outcomeDisposition
            : record.outcomeDisposition + QStringLiteral(" · ") + record.outcomeReason;
        if (record.outcomeDisposition == contract::dispositionName(contract::Disposition::Rejected))
            outcomeTone = static_cast<int>(OutcomeTone::Rejected);
        else if (record.outcomeReason == contract::reasonCode(contract::Reason::Override))
            outcomeTone = static_cast<int>(OutcomeTone::Overrides);
        else if (record.outcomeReason == contract::reasonCode(contract::Reason::Default))
            outcomeTone = static_cast<int>(OutcomeTone::DefaultAssistant);
        else
            outcomeTone = static_cast<int>(OutcomeTone::Problem);
    }
    setBadge(m_outcomeBadge, outcome, outcomeTone);

    m_fields.first().caption->setText(inbound ? tr("Received") : tr("Sent"));
    m_received->setText(timeText(record.request.receivedAtUs));
    m_received->setToolTip(inbound ? tr("When the request's last byte arrived") : tr("When the request was sent"));
    QString latency = latencyText(record.latencyUs);
    // Outbound exchanges know where the time went: connection set-up, then waiting for the first byte.
    if (record.connectUs || record.firstByteUs) {
        QStringList parts;
        if (record.connectUs)
            parts.append(*record.connectUs == 0 ? tr("reused connection")
                                                : tr("connect %1").arg(latencyText(*record.connectUs)));
        if (record.firstByteUs)
            parts.append(tr("first byte %1").arg(latencyText(*record.firstByteUs)));
        latency += QStringLiteral(" (") + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    m_latency->setText(latency);
    m_latency->setToolTip(inbound ? tr("From the request's last byte to the answer leaving")
                                  : tr("From the request's start to the answer's last byte; connection set-up and "
                                       "the first byte of the answer are counted from the same start"));
    m_event->setText(record.eventType);
    m_caller->setText(record.callerNumber);
    if (inbound)
        m_peer->setText(record.request.peerAddress.isEmpty()
                            ? QString()
                            : QStringLiteral("%1:%2").arg(record.request.peerAddress).arg(record.request.peerPort));
    else
        m_peer->setText(record.url);
    m_peer->setToolTip(m_peer->text());
    m_template->setText(record.templateId);
    m_rule->setText(inbound && !record.templateId.isEmpty() && record.ruleId.isEmpty() ? tr("(fallback template)")
                                                                                       : record.ruleId);
    const SignatureVerdict verdict = signatureVerdict(record);
    m_signatureBadge->setText(verdict.title);
    m_signatureBadge->setProperty(kToneProperty, verdict.tone);
    layoutFields();

    m_error->setText(record.error.isEmpty() ? QString() : tr("Error: %1").arg(record.error));
    m_error->setVisible(!record.error.isEmpty());
    m_clockNote->setText(record.clockNote.isEmpty() ? QString() : tr("Clock: %1").arg(record.clockNote));
    m_clockNote->setToolTip(tr("The rules (business hours) and {{now}} saw this moment, not the time it arrived: the "
                               "endpoint's clock was pinned or offset, or the request carried X-Dockside-Clock."));
    m_clockNote->setVisible(!record.clockNote.isEmpty());
}

void ExchangeDetailView::setCallerLanguage(const CallerLanguage &callerLanguage)
{
    m_callerLanguage = callerLanguage;
    m_callView->setCallerLanguage(callerLanguage);
}

void ExchangeDetailView::showOutcome(const history::ExchangeRecord &record, const QJsonObject &defaultAssistant,
                                     const std::optional<contract::CallOutcome> &outcome)
{
    m_outcomeNote->hide();
    if (!outcome) {
        m_outcomeView->setPlaceholderText(
            record.eventType.isEmpty()
                ? tr("No outcome: not a VoiceDock event, so not an assistant-request.")
                : tr("No outcome: not an assistant-request (this is a %1 event).").arg(record.eventType));
        m_outcomeView->clear();
        m_tabs->setTabText(OutcomeTab, tr("Outcome"));
        return;
    }
    m_outcomeView->setOutcome(*outcome, defaultAssistant,
                              m_callerLanguage ? m_callerLanguage(record.callerNumber) : QString());
    m_tabs->setTabText(OutcomeTab, tr("Outcome: %1").arg(outcomeTitle(*outcome)));
    const QString reason = contract::reasonCode(outcome->reason);
    if (!record.outcomeReason.isEmpty() && record.outcomeReason != reason) {
        m_outcomeNote->setText(tr("Recorded as “%1” when it happened; recomputed now as “%2” with a %3 ms deadline.")
                                   .arg(record.outcomeReason, reason)
                                   .arg(m_deadlineMs));
        m_outcomeNote->show();
    }
}

void ExchangeDetailView::showSignature(const history::ExchangeRecord &record)
{
    const SignatureVerdict verdict = signatureVerdict(record);
    m_signatureStatus->setText(verdict.title);
    m_signatureStatus->setProperty(kToneProperty, verdict.tone);
    m_signatureDetail->setText(verdict.detail);
    const std::optional<contract::SignatureCheck> check = history::recordedSignatureCheck(record);
    const bool failed = check && !check->isValid() && check->status != contract::SignatureStatus::NoSecret;
    if (!record.signatureDiagnosis.isEmpty()) {
        m_signatureDiagnosis->setText(tr("Why (%1): %2").arg(record.signatureDiagnosisCode, record.signatureDiagnosis));
        m_signatureDiagnosis->show();
    } else if (failed) {
        // The diagnosis needs the secret, which the history never holds: older rows cannot be explained afterwards.
        m_signatureDiagnosis->setText(tr("Why: not recorded. This exchange was recorded before Dockside explained "
                                         "failed signatures; explaining it now would need the secret, which the "
                                         "history does not keep. Try dockside-cli verify with the body and headers."));
        m_signatureDiagnosis->show();
    } else {
        m_signatureDiagnosis->clear();
        m_signatureDiagnosis->hide();
    }

    QStringList headers;
    for (const char *name : {contract::kTimestampHeader, contract::kSignatureHeader}) {
        const std::optional<QByteArray> value = record.request.header(name);
        headers.append(QString::fromLatin1(name) + QStringLiteral(": ") +
                       (value ? bytesAsText(*value) : tr("(absent)")));
    }
    m_signatureHeaders->setText(headers.join(QLatin1Char('\n')));

    if (record.signedString.isEmpty()) {
        m_signedCaption->setText(tr("No signed string: nothing was signed or checked."));
        m_signedString->clear();
        m_signedString->hide();
        return;
    }
    m_signedCaption->setText(
        tr("The exact signed string, “<X-Webhook-Timestamp>.<raw body>” (%1): HMAC-SHA256 of these bytes with the "
           "secret is the signature.")
            .arg(byteSize(record.signedString.size())));
    m_signedString->setPlainText(history::detail::isText(record.signedString) ? bytesAsText(record.signedString)
                                                                              : hexDump(record.signedString));
    m_signedString->show();
}

void ExchangeDetailView::applyBadgeColors()
{
    const QPalette pal = palette();
    const QColor neutralFill = mixColors(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.1);
    const QColor neutralText = mixColors(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.75);
    for (QLabel *badge : {m_direction, m_status, m_outcomeBadge}) {
        const int tone = badge->property(kToneProperty).toInt();
        const ToneColors colors = tone == kNeutralTone ? ToneColors {neutralText, neutralFill, neutralText}
                                                       : toneColors(static_cast<OutcomeTone>(tone), pal);
        badge->setStyleSheet(
            QStringLiteral("QLabel { background: %1; color: %2; border: 1px solid %3; border-radius: 4px; "
                           "padding: 1px 7px; }")
                .arg(colors.fill.name(), colors.text.name(), colors.accent.name()));
    }
    for (QLabel *label : {m_signatureBadge, m_signatureStatus}) {
        const int tone = label->property(kToneProperty).toInt();
        QPalette labelPalette = label->palette();
        labelPalette.setColor(QPalette::WindowText,
                              tone == kNeutralTone ? pal.color(QPalette::WindowText)
                                                   : toneColors(static_cast<OutcomeTone>(tone), pal).text);
        label->setPalette(labelPalette);
    }
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, toneColors(OutcomeTone::Rejected, pal).text);
    m_error->setPalette(errorPalette);
}

void ExchangeDetailView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && hasExchange())
        applyBadgeColors();
    QWidget::changeEvent(event);
}

} // namespace dockside::ui
