// SPDX-License-Identifier: GPL-3.0-or-later

#include "composerpanel.h"

#include "common/elidingcombobox.h"
#include "common/fittingscrollarea.h"

#include "outcome/calloutcomeview.h"
#include "workspace/workspacedocument.h"

#include "base/latencytext.h"
#include "base/mockclock.h"
#include "composer/callscript.h"
#include "composer/eventsender.h"
#include "contract/callevent.h"
#include "contract/calloutcome.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDataStream>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {

// 2 adds the SDK version; a version 1 state restores with the current SDK.
constexpr quint32 kStateVersion = 2;

// The line and column of a JSON parse error, counted from the offset Qt reports.
QString describeJsonError(const QByteArray &json, const QJsonParseError &error)
{
    const QByteArray before = json.left(error.offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = error.offset - (before.lastIndexOf('\n') + 1) + 1;
    return QObject::tr("Line %1, column %2: %3").arg(line).arg(column).arg(error.errorString());
}

} // namespace

ComposerPanel::ComposerPanel(WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_sender(new composer::EventSender(this))
    , m_callRunner(new composer::CallScriptRunner(this))
{
    createWidgets();
    connect(m_sender, &composer::EventSender::finished, this, [this](quint64 id, const composer::SendResult &result) {
        if (id != m_pendingId)
            return;
        m_pendingId = 0;
        setBusy(false);
        showResult(result);
        Q_EMIT exchangeCompleted(result.record);
    });
    connect(m_sender, &composer::EventSender::failed, this, [this](quint64 id, const QString &message) {
        if (id != m_pendingId)
            return;
        m_pendingId = 0;
        setBusy(false);
        showFailure(message);
    });
    connect(m_callRunner, &composer::CallScriptRunner::stepFinished, this, &ComposerPanel::showCallStep);
    connect(m_callRunner, &composer::CallScriptRunner::finished, this,
            [this](const composer::CallScriptReport &report) {
                setBusy(false);
                Q_EMIT statusMessage(tr("The whole call has been played."));
                QString callId;
                int sent = 0;
                for (const composer::CallStep &step : report.steps) {
                    if (step.result) {
                        callId = step.result->record.callId;
                        ++sent;
                    }
                }
                if (!callId.isEmpty())
                    Q_EMIT callPlayed(callId, sent);
            });
    connect(m_callRunner, &composer::CallScriptRunner::failed, this, [this](const QString &message) {
        setBusy(false);
        showFailure(message);
    });
    updateEventFields();
}

ComposerPanel::~ComposerPanel() = default;

void ComposerPanel::createWidgets()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *title = new QLabel(tr("<b>Composer</b> — plays the platform against any webhook"));
    layout->addWidget(title);

    auto *targetRow = new QHBoxLayout;
    m_urlEdit = new QLineEdit;
    m_urlEdit->setObjectName(QStringLiteral("composerUrl"));
    m_urlEdit->setAccessibleName(tr("Webhook URL"));
    m_urlEdit->setPlaceholderText(tr("Webhook URL, e.g. http://127.0.0.1:3000/webhook"));
    m_urlEdit->setToolTip(tr("Where the event is sent: your own webhook, or the mock endpoint."));
    m_urlEdit->setClearButtonEnabled(true);
    m_useMockButton = new QToolButton;
    m_useMockButton->setText(tr("Mock endpoint"));
    m_useMockButton->setToolTip(tr("Send to Dockside's own mock endpoint (start it with F5)."));
    m_useMockButton->setEnabled(false);
    connect(m_useMockButton, &QToolButton::clicked, this, [this] { setTargetUrl(m_mockUrl); });
    targetRow->addWidget(new QLabel(tr("&URL")));
    qobject_cast<QLabel *>(targetRow->itemAt(0)->widget())->setBuddy(m_urlEdit);
    targetRow->addWidget(m_urlEdit, 1);
    targetRow->addWidget(m_useMockButton);
    layout->addLayout(targetRow);

    auto *eventRow = new QHBoxLayout;
    m_eventCombo = new QComboBox;
    for (const contract::EventType type : {contract::EventType::AssistantRequest, contract::EventType::StatusUpdate,
                                           contract::EventType::ToolCalls, contract::EventType::EndOfCallReport})
        m_eventCombo->addItem(contract::eventTypeName(type), QVariant::fromValue(static_cast<int>(type)));
    m_eventCombo->setToolTip(tr("Which platform event to send."));
    connect(m_eventCombo, &QComboBox::currentIndexChanged, this, &ComposerPanel::updateEventFields);
    m_deadlineSpin = new QSpinBox;
    m_deadlineSpin->setRange(0, 600000);
    m_deadlineSpin->setSingleStep(100);
    m_deadlineSpin->setSuffix(tr(" ms"));
    m_deadlineSpin->setSpecialValueText(tr("Platform default"));
    m_deadlineSpin->setToolTip(
        tr("How long the platform waits for the answer: 5 s for assistant-request, 20 s for the others."));
    auto *eventLabel = new QLabel(tr("Event t&ype"));
    eventLabel->setBuddy(m_eventCombo);
    auto *deadlineLabel = new QLabel(tr("&Deadline"));
    deadlineLabel->setBuddy(m_deadlineSpin);
    eventRow->addWidget(eventLabel);
    eventRow->addWidget(m_eventCombo, 1);
    eventRow->addWidget(deadlineLabel);
    eventRow->addWidget(m_deadlineSpin);
    layout->addLayout(eventRow);

    auto *callAtRow = new QHBoxLayout;
    m_callAtEdit = new QLineEdit;
    m_callAtEdit->setObjectName(QStringLiteral("callAtEdit"));
    m_callAtEdit->setPlaceholderText(tr("now; or 2026-12-24T18:00:00+01:00"));
    m_callAtEdit->setToolTip(
        tr("Have Dockside's mock endpoint evaluate its rules (business hours) at this moment instead of now: an "
           "instant with its UTC offset, sent as the X-Dockside-Clock header. The endpoint honours it from this "
           "machine when its Clock section allows it; other webhooks ignore it."));
    auto *callAtLabel = new QLabel(tr("Ca&ll at"));
    callAtLabel->setBuddy(m_callAtEdit);
    callAtRow->addWidget(callAtLabel);
    callAtRow->addWidget(m_callAtEdit, 1);
    layout->addLayout(callAtRow);

    m_inputTabs = new QTabWidget;
    auto *formPage = new QWidget;
    m_form = new QFormLayout(formPage);
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_callerEdit = new QLineEdit(QStringLiteral("+31612345678"));
    m_callerEdit->setObjectName(QStringLiteral("composerCaller"));
    m_callerEdit->setToolTip(tr("The caller's number (message.customer.number): rules and contacts match on it."));
    m_calledEdit = new QLineEdit(QStringLiteral("+31850835037"));
    m_calledNameEdit = new QLineEdit(QStringLiteral("HMS Sovereign Demo"));
    m_callTypeCombo = new QComboBox;
    for (const contract::CallType type :
         {contract::CallType::InboundPhoneCall, contract::CallType::OutboundPhoneCall, contract::CallType::WebCall})
        m_callTypeCombo->addItem(contract::callTypeName(type), QVariant::fromValue(static_cast<int>(type)));
    m_sdkCombo = new ElidingComboBox;
    m_sdkCombo->setObjectName(QStringLiteral("composerSdkCombo"));
    m_sdkCombo->addItem(tr("1.0.1 (current)"), QVariant::fromValue(static_cast<int>(contract::SdkVersion::V1_0_1)));
    m_sdkCombo->addItem(tr("1.0.0 (adds end_reason, started_at, ended_at, phone_number.id)"),
                        QVariant::fromValue(static_cast<int>(contract::SdkVersion::V1_0_0)));
    // The long item explains itself in the open list; closed, it must not widen the composer beside the outcome.
    m_sdkCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_sdkCombo->setMinimumContentsLength(16);
    m_sdkCombo->setToolTip(
        tr("Which SDK's payload types the events follow. 1.0.1, the current SDK, has no phone_number.id, no "
           "status-update end_reason and no end_reason, started_at or ended_at in the end-of-call report; choose "
           "1.0.0 for a webhook written against an older SDK that expects them."));
    connect(m_sdkCombo, &QComboBox::currentIndexChanged, this, &ComposerPanel::updateEventFields);
    auto *callIdRow = new QHBoxLayout;
    m_callIdEdit = new QLineEdit;
    m_callIdEdit->setPlaceholderText(tr("a new UUID for every send"));
    auto *newIdButton = new QToolButton;
    newIdButton->setText(tr("New"));
    newIdButton->setToolTip(tr("Fill in a fresh call id, to send several events of one call."));
    connect(newIdButton, &QToolButton::clicked, this, &ComposerPanel::regenerateCallId);
    callIdRow->addWidget(m_callIdEdit, 1);
    callIdRow->addWidget(newIdButton);
    m_statusCombo = new QComboBox;
    m_statusCombo->setEditable(true);
    m_statusCombo->addItems(contract::knownCallStatuses());
    m_toolNameEdit = new QLineEdit(QStringLiteral("lookup_order"));
    m_toolArgumentsEdit = new QLineEdit(QStringLiteral("{\"order_id\": \"A-1042\"}"));
    m_toolArgumentsEdit->setToolTip(tr("The tool call's arguments as a JSON object."));
    m_durationSpin = new QSpinBox;
    m_durationSpin->setRange(0, 86400);
    m_durationSpin->setValue(42);
    m_durationSpin->setSuffix(tr(" s"));
    m_endReasonEdit = new QLineEdit(QStringLiteral("customer-ended-call"));
    m_form->addRow(tr("C&aller"), m_callerEdit);
    m_form->addRow(tr("Called num&ber"), m_calledEdit);
    m_form->addRow(tr("Called na&me"), m_calledNameEdit);
    m_form->addRow(tr("Call ty&pe"), m_callTypeCombo);
    m_form->addRow(tr("SD&K payloads"), m_sdkCombo);
    auto *callIdLabel = new QLabel(tr("Call &id"));
    callIdLabel->setBuddy(m_callIdEdit);
    m_form->addRow(callIdLabel, callIdRow);
    m_form->addRow(tr("&Status"), m_statusCombo);
    m_form->addRow(tr("T&ool"), m_toolNameEdit);
    m_form->addRow(tr("&Arguments"), m_toolArgumentsEdit);
    m_form->addRow(tr("Du&ration"), m_durationSpin);
    m_form->addRow(tr("End &reason"), m_endReasonEdit);
    // Scrolls rather than squeezes its rows when a small screen leaves the composer little height.
    auto *formScroll = new FittingScrollArea(formPage);
    formScroll->setObjectName(QStringLiteral("composerFormScroll"));
    m_inputTabs->addTab(formScroll, tr("Form"));

    auto *jsonPage = new QWidget;
    auto *jsonLayout = new QVBoxLayout(jsonPage);
    m_replayLabel = new QLabel;
    m_replayLabel->setObjectName(QStringLiteral("composerReplayNote"));
    m_replayLabel->setWordWrap(true);
    m_replayLabel->setVisible(false);
    // Tab reaches the link and Enter follows it, not only a click.
    m_replayLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_replayLabel, &QLabel::linkActivated, this, [this] {
        m_replay.reset();
        m_replayLabel->setVisible(false);
        m_resignCheck->setVisible(false);
        m_jsonEdit->setReadOnly(false);
        m_jsonEdited = false;
        rebuildJson();
    });
    m_resignCheck = new QCheckBox(tr("Re-sign with the current secret and a fresh timestamp"));
    m_resignCheck->setVisible(false);
    m_jsonEdit = new QPlainTextEdit;
    m_jsonEdit->setObjectName(QStringLiteral("composerJson"));
    m_jsonEdit->setAccessibleName(tr("Event JSON"));
    m_jsonEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_jsonEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_jsonEdit->setToolTip(tr("Sent byte for byte. Edit freely; \"Rebuild from form\" starts over."));
    connect(m_jsonEdit, &QPlainTextEdit::textChanged, this, [this] {
        if (m_jsonEdit->hasFocus())
            m_jsonEdited = true;
        QJsonParseError error;
        const QByteArray json = m_jsonEdit->toPlainText().toUtf8();
        const QJsonDocument document = QJsonDocument::fromJson(json, &error);
        if (error.error != QJsonParseError::NoError)
            m_jsonState->setText(tr("Invalid JSON. %1").arg(describeJsonError(json, error)));
        else if (!document.isObject())
            m_jsonState->setText(tr("The platform always sends a JSON object."));
        else
            m_jsonState->setText(m_jsonEdited ? tr("Edited by hand: sent exactly as written.")
                                              : tr("Built from the form."));
    });
    auto *jsonButtons = new QHBoxLayout;
    m_jsonState = new QLabel;
    m_jsonState->setWordWrap(true);
    auto *rebuildButton = new QPushButton(tr("Rebuild from form"));
    connect(rebuildButton, &QPushButton::clicked, this, [this] {
        m_jsonEdited = false;
        rebuildJson();
    });
    jsonButtons->addWidget(m_jsonState, 1);
    jsonButtons->addWidget(rebuildButton);
    jsonLayout->addWidget(m_replayLabel);
    jsonLayout->addWidget(m_resignCheck);
    jsonLayout->addWidget(m_jsonEdit, 1);
    jsonLayout->addLayout(jsonButtons);
    m_inputTabs->addTab(jsonPage, tr("JSON"));
    connect(m_inputTabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == 1 && !m_jsonEdited && !m_replay)
            rebuildJson();
    });

    auto *buttons = new QHBoxLayout;
    m_secretLabel = new QLabel;
    m_secretLabel->setWordWrap(true);
    m_sendButton = new QPushButton(tr("&Send"));
    m_sendButton->setDefault(true);
    m_sendButton->setToolTip(tr("Send the event and apply the deadline (Ctrl+Enter)."));
    connect(m_sendButton, &QPushButton::clicked, this, &ComposerPanel::send);
    m_callButton = new QPushButton(tr("Play &whole call"));
    m_callButton->setToolTip(tr("Send the assistant-request, then what the platform would send during the call: "
                                "status updates, the tool calls of the answer's assistant (its llm_config.tools; "
                                "without any, the tool set for a tool-calls event) and the end-of-call report."));
    connect(m_callButton, &QPushButton::clicked, this, &ComposerPanel::playCall);
    m_cancelButton = new QPushButton(tr("Cancel"));
    m_cancelButton->setEnabled(false);
    connect(m_cancelButton, &QPushButton::clicked, this, &ComposerPanel::cancel);
    // The secret's line has a row of its own: beside the buttons a narrow composer wrapped it a word per line.
    buttons->addStretch(1);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_callButton);
    buttons->addWidget(m_sendButton);

    auto *resultBox = new QGroupBox(tr("Answer and call outcome"));
    auto *resultLayout = new QVBoxLayout(resultBox);
    m_resultLabel = new QLabel(tr("Nothing sent yet. Press Ctrl+Enter to send."));
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outcomeView = new CallOutcomeView;
    m_outcomeView->setObjectName(QStringLiteral("composerOutcomeView"));
    m_outcomeView->setPlaceholderText(tr("Send an assistant-request to see how the call goes."));
    m_stepsView = new QPlainTextEdit;
    m_stepsView->setObjectName(QStringLiteral("composerCallSteps"));
    m_stepsView->setReadOnly(true);
    m_stepsView->setVisible(false);
    m_stepsView->setMaximumHeight(110);
    resultBox->setMinimumWidth(360);
    resultLayout->addWidget(m_resultLabel);
    resultLayout->addWidget(m_stepsView);
    resultLayout->addWidget(m_outcomeView, 1);

    // Side by side: the panel is wide and short, and the outcome reads best beside the event that caused it.
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("composerSplitter"));
    auto *inputs = new QWidget;
    auto *inputsLayout = new QVBoxLayout(inputs);
    inputsLayout->setContentsMargins(0, 0, 0, 0);
    inputsLayout->addWidget(m_inputTabs, 1);
    inputsLayout->addWidget(m_secretLabel);
    inputsLayout->addLayout(buttons);
    splitter->addWidget(inputs);
    splitter->addWidget(resultBox);
    splitter->setChildrenCollapsible(false);
    // The form a little wider than the outcome, in proportion on any screen (the window restores a user's choice).
    splitter->setSizes({550, 450});
    layout->addWidget(splitter, 1);
    setSecret({}, tr("No webhook secret: events go unsigned"));
}

QUrl ComposerPanel::targetUrl() const
{
    return QUrl::fromUserInput(m_urlEdit->text().trimmed());
}

void ComposerPanel::setTargetUrl(const QUrl &url)
{
    m_urlEdit->setText(url.toString());
}

void ComposerPanel::setMockEndpointUrl(const QUrl &url)
{
    m_mockUrl = url;
    m_useMockButton->setEnabled(url.isValid() && !url.isEmpty());
    m_useMockButton->setToolTip(url.isEmpty() ? tr("The mock endpoint is stopped: start it with F5.")
                                              : tr("Send to the mock endpoint at %1").arg(url.toString()));
    if (m_urlEdit->text().trimmed().isEmpty() && !url.isEmpty())
        setTargetUrl(url);
}

void ComposerPanel::setSecret(const QByteArray &secret, const QString &summary)
{
    m_secret = secret;
    m_secretLabel->setText(summary);
    m_secretLabel->setToolTip(tr("Set the secret with Tools ▸ Webhook Secret…"));
}

void ComposerPanel::updateEventFields()
{
    const auto type = static_cast<contract::EventType>(m_eventCombo->currentData().toInt());
    const auto show = [this](QWidget *field, bool visible) { m_form->setRowVisible(field, visible); };
    show(m_statusCombo, type == contract::EventType::StatusUpdate);
    show(m_toolNameEdit, type == contract::EventType::ToolCalls);
    show(m_toolArgumentsEdit, type == contract::EventType::ToolCalls);
    show(m_durationSpin, type == contract::EventType::EndOfCallReport);
    show(m_endReasonEdit, type == contract::EventType::EndOfCallReport);
    const bool earlierSdk =
        static_cast<contract::SdkVersion>(m_sdkCombo->currentData().toInt()) == contract::SdkVersion::V1_0_0;
    m_endReasonEdit->setEnabled(earlierSdk);
    m_endReasonEdit->setToolTip(earlierSdk ? tr("The report's end_reason, as SDK 1.0.0 has it.")
                                           : tr("SDK 1.0.1 has no end_reason: choose SDK payloads 1.0.0 to send one."));
    m_callButton->setEnabled(type == contract::EventType::AssistantRequest && !isBusy());
    if (m_inputTabs->currentIndex() == 1 && !m_jsonEdited && !m_replay)
        rebuildJson();
}

void ComposerPanel::regenerateCallId()
{
    m_callIdEdit->setText(contract::newCallId());
}

contract::EventOptions ComposerPanel::eventOptions() const
{
    contract::EventOptions options;
    options.type = static_cast<contract::EventType>(m_eventCombo->currentData().toInt());
    options.customerNumber = m_callerEdit->text().trimmed();
    options.phoneNumber = m_calledEdit->text().trimmed();
    options.phoneNumberName = m_calledNameEdit->text().trimmed();
    options.callType = static_cast<contract::CallType>(m_callTypeCombo->currentData().toInt());
    options.callId = m_callIdEdit->text().trimmed();
    options.sdk = static_cast<contract::SdkVersion>(m_sdkCombo->currentData().toInt());
    if (options.type == contract::EventType::StatusUpdate)
        options.callStatus = m_statusCombo->currentText().trimmed();
    if (options.type == contract::EventType::ToolCalls) {
        const QJsonObject arguments = QJsonDocument::fromJson(m_toolArgumentsEdit->text().toUtf8()).object();
        options.toolCalls.append(
            {QStringLiteral("call_") + contract::newCallId().left(8), m_toolNameEdit->text().trimmed(), arguments});
    }
    if (options.type == contract::EventType::EndOfCallReport) {
        options.durationSeconds = m_durationSpin->value();
        if (!m_endReasonEdit->text().trimmed().isEmpty())
            options.endReason = m_endReasonEdit->text().trimmed();
    }
    contract::fillEarlierSdkReportFields(options, QDateTime::currentDateTimeUtc());
    return options;
}

void ComposerPanel::rebuildJson()
{
    contract::EventOptions options = eventOptions();
    if (options.callId.isEmpty())
        options.callId = contract::newCallId();
    const QByteArray json = QJsonDocument(contract::buildEventPayload(options)).toJson(QJsonDocument::Indented);
    m_jsonEdit->setPlainText(QString::fromUtf8(json));
}

std::optional<composer::SendOptions> ComposerPanel::baseOptions(QString *error) const
{
    composer::SendOptions options;
    options.url = targetUrl();
    if (m_urlEdit->text().trimmed().isEmpty() || !options.url.isValid()) {
        *error = tr("Enter the webhook URL to send to, or click \"Mock endpoint\".");
        return std::nullopt;
    }
    if (options.url.scheme() != QLatin1String("http") && options.url.scheme() != QLatin1String("https")) {
        *error = tr("%1 is not an http:// or https:// URL.").arg(options.url.toString());
        return std::nullopt;
    }
    options.event = eventOptions();
    if (options.event.type == contract::EventType::ToolCalls) {
        QJsonParseError parseError;
        const QJsonDocument arguments = QJsonDocument::fromJson(m_toolArgumentsEdit->text().toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !arguments.isObject()) {
            *error = tr("The tool call's arguments must be a JSON object, e.g. {\"order_id\": \"A-1042\"}.");
            return std::nullopt;
        }
    }
    if (const QString at = m_callAtEdit->text().trimmed(); !at.isEmpty()) {
        QString problem;
        options.callAt = base::parseClockInstant(at, &problem);
        if (!options.callAt) {
            *error = tr("Call at: %1 Leave it empty to call now.").arg(problem);
            return std::nullopt;
        }
    }
    options.secret = m_secret;
    if (m_deadlineSpin->value() > 0)
        options.deadlineMs = m_deadlineSpin->value();
    if (m_document)
        options.defaultAssistant = m_document->workspace().defaultAssistant;
    return options;
}

std::optional<composer::SendOptions> ComposerPanel::sendOptions(QString *error) const
{
    QString message;
    std::optional<composer::SendOptions> options = baseOptions(&message);
    if (!options) {
        if (error)
            *error = message;
        return std::nullopt;
    }
    if (m_inputTabs->currentIndex() == 1) {
        const QByteArray json = m_replay ? m_replay->request.body : m_jsonEdit->toPlainText().toUtf8();
        if (!m_replay) {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
            if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
                if (error)
                    *error = parseError.error != QJsonParseError::NoError
                        ? tr("The JSON cannot be sent: %1.").arg(describeJsonError(json, parseError))
                        : tr("The JSON cannot be sent: the platform always sends an object.");
                return std::nullopt;
            }
            // The headers follow the event the JSON names, not the combo box.
            const QString type =
                document.object().value(QStringLiteral("message")).toObject().value(QStringLiteral("type")).toString();
            if (const auto eventType = contract::eventTypeFromName(type))
                options->event.type = *eventType;
        }
        options->rawBody = json;
        if (m_replay) {
            options->rawHeaders = m_replay->request.headers;
            if (!m_resignCheck->isChecked())
                options->secret.clear();
            if (const auto eventType = contract::eventTypeFromName(m_replay->eventType))
                options->event.type = *eventType;
        }
    }
    return options;
}

void ComposerPanel::loadReplay(const history::ExchangeRecord &record)
{
    m_replay = record;
    m_jsonEdit->setPlainText(QString::fromUtf8(record.request.body));
    m_jsonEdit->setReadOnly(true);
    m_jsonEdited = false;
    m_replayLabel->setText(tr("Replaying exchange #%1 (%2, %3 bytes) byte for byte with its captured headers. "
                              "<a href=\"discard\">Stop replaying</a>")
                               .arg(record.id)
                               .arg(record.eventType.isEmpty() ? tr("not a VoiceDock event") : record.eventType)
                               .arg(record.request.body.size()));
    m_replayLabel->setVisible(true);
    m_resignCheck->setVisible(true);
    m_inputTabs->setCurrentIndex(1);
    Q_EMIT statusMessage(
        tr("Exchange #%1 loaded into the composer: choose the URL and press Ctrl+Enter to replay.").arg(record.id));
}

void ComposerPanel::send()
{
    if (isBusy())
        return;
    QString error;
    const std::optional<composer::SendOptions> options = sendOptions(&error);
    if (!options) {
        showFailure(error);
        return;
    }
    if (m_replay && m_resignCheck->isChecked() && m_secret.isEmpty()) {
        showFailure(tr("Re-signing needs a webhook secret: set one with Tools ▸ Webhook Secret…"));
        return;
    }
    m_stepsView->clear();
    m_stepsView->setVisible(false);
    m_resultLabel->setText(tr("Sending %1 to %2…").arg(options->eventTypeName(), options->url.toString()));
    m_outcomeView->clear();
    setBusy(true);
    m_pendingId = m_sender->send(*options);
}

void ComposerPanel::playCall()
{
    if (isBusy())
        return;
    QString error;
    std::optional<composer::SendOptions> options = baseOptions(&error);
    if (!options) {
        showFailure(error);
        return;
    }
    composer::CallScriptOptions script;
    options->event.type = contract::EventType::AssistantRequest;
    script.call = *options;
    script.durationSeconds = m_durationSpin->value();
    // The tool fields are hidden while an assistant-request is selected, so they stand in for the assistant's tools.
    script.listedToolCalls = composer::ListedToolCalls::WhenTheAssistantHasNone;
    const QJsonObject arguments = QJsonDocument::fromJson(m_toolArgumentsEdit->text().toUtf8()).object();
    if (!m_toolNameEdit->text().trimmed().isEmpty())
        script.toolCalls.append(
            {QStringLiteral("call_") + contract::newCallId().left(8), m_toolNameEdit->text().trimmed(), arguments});
    m_stepsView->clear();
    m_stepsView->setVisible(true);
    m_outcomeView->clear();
    m_resultLabel->setText(tr("Playing a whole call against %1…").arg(options->url.toString()));
    setBusy(true);
    m_callRunner->run(script);
}

void ComposerPanel::cancel()
{
    if (m_pendingId != 0) {
        m_sender->cancel(m_pendingId);
        return;
    }
}

bool ComposerPanel::isBusy() const
{
    return m_pendingId != 0 || m_callRunner->isRunning();
}

void ComposerPanel::setBusy(bool busy)
{
    m_sendButton->setEnabled(!busy);
    m_cancelButton->setEnabled(busy && m_pendingId != 0);
    m_callButton->setEnabled(!busy &&
                             static_cast<contract::EventType>(m_eventCombo->currentData().toInt()) ==
                                 contract::EventType::AssistantRequest);
    Q_EMIT busyChanged(busy);
}

void ComposerPanel::showResult(const composer::SendResult &result)
{
    m_lastResult = result;
    QString line;
    const QString deadline = tr("deadline %1 ms").arg(result.deadlineMs);
    if (result.answered()) {
        line =
            tr("HTTP %1 in %2").arg(result.record.responseStatus).arg(base::oneDecimalMilliseconds(result.latencyUs));
        if (result.firstByteUs)
            line += tr(" (first byte after %1)").arg(base::oneDecimalMilliseconds(*result.firstByteUs));
        line += QStringLiteral(" · ") + deadline;
    } else if (result.transport == contract::Transport::TimedOut) {
        // The transport error names the deadline already.
        line = tr("No answer within the %1 ms deadline: gave up after %2")
                   .arg(result.deadlineMs)
                   .arg(base::oneDecimalMilliseconds(result.latencyUs));
    } else {
        line = tr("No answer: %1 (after %2, %3)")
                   .arg(result.transportError, base::oneDecimalMilliseconds(result.latencyUs), deadline);
    }
    m_resultLabel->setText(line);
    if (result.outcome) {
        const auto contact = m_document ? m_document->workspace().contacts.find(result.record.callerNumber)
                                        : std::optional<contacts::Contact>();
        m_outcomeView->setOutcome(*result.outcome,
                                  m_document ? m_document->workspace().defaultAssistant : QJsonObject(),
                                  contact ? contact->language : QString());
    } else {
        m_outcomeView->setPlaceholderText(
            tr("%1 has no call outcome: only an assistant-request decides how the call goes. The answer is in the "
               "timeline below.")
                .arg(result.record.eventType));
        m_outcomeView->clear();
    }
    Q_EMIT statusMessage(line);
}

void ComposerPanel::showFailure(const QString &message)
{
    m_resultLabel->setText(tr("Not sent: %1").arg(message));
    Q_EMIT statusMessage(tr("Not sent: %1").arg(message));
}

void ComposerPanel::showCallStep(const composer::CallStep &step)
{
    QString line;
    if (!step.result) {
        line = tr("skipped  %1: %2").arg(step.title, step.skippedBecause);
    } else {
        const composer::SendResult &result = *step.result;
        line = tr("sent     %1 → %2 in %3")
                   .arg(step.title,
                        result.answered() ? QString::number(result.record.responseStatus) : result.transportError,
                        base::oneDecimalMilliseconds(result.latencyUs));
        Q_EMIT exchangeCompleted(result.record);
        if (result.outcome)
            showResult(result);
    }
    const QString label = QStringLiteral("  [") + contract::sourceLabel(step.source) + QStringLiteral("]");
    line += label;
    for (const QString &note : step.notes)
        line += QStringLiteral("\n         note: ") + note + label;
    m_stepsView->appendPlainText(line);
}

QByteArray ComposerPanel::saveState() const
{
    QByteArray state;
    QDataStream stream(&state, QIODevice::WriteOnly);
    stream << kStateVersion << m_urlEdit->text() << m_eventCombo->currentIndex() << m_callerEdit->text()
           << m_calledEdit->text() << m_calledNameEdit->text() << m_callTypeCombo->currentIndex()
           << m_deadlineSpin->value()
           << contract::sdkVersionName(static_cast<contract::SdkVersion>(m_sdkCombo->currentData().toInt()));
    return state;
}

void ComposerPanel::restoreState(const QByteArray &state)
{
    QDataStream stream(state);
    quint32 version = 0;
    QString url;
    QString caller;
    QString called;
    QString calledName;
    int eventIndex = 0;
    int callTypeIndex = 0;
    int deadline = 0;
    QString sdk;
    stream >> version >> url >> eventIndex >> caller >> called >> calledName >> callTypeIndex >> deadline;
    if (version == kStateVersion)
        stream >> sdk;
    if (version < 1 || version > kStateVersion || stream.status() != QDataStream::Ok)
        return;
    m_urlEdit->setText(url);
    m_eventCombo->setCurrentIndex(eventIndex);
    m_callerEdit->setText(caller);
    m_calledEdit->setText(called);
    m_calledNameEdit->setText(calledName);
    m_callTypeCombo->setCurrentIndex(callTypeIndex);
    m_deadlineSpin->setValue(deadline);
    const auto sdkVersion = contract::sdkVersionFromName(sdk).value_or(contract::kCurrentSdkVersion);
    m_sdkCombo->setCurrentIndex(m_sdkCombo->findData(QVariant::fromValue(static_cast<int>(sdkVersion))));
}

} // namespace dockside::ui
