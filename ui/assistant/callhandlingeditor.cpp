// SPDX-License-Identifier: GPL-3.0-or-later

#include "callhandlingeditor.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>

namespace dockside::ui {

namespace {

const QString kVoicemailDetection = QStringLiteral("voicemail_detection");
const QString kVoicemailMessage = QStringLiteral("voicemail_message");
const QString kSilenceHandling = QStringLiteral("autonomous_silence_handling");
const QString kSilenceTimeout = QStringLiteral("silence_timeout_seconds");
const QString kBusinessName = QStringLiteral("business_name");
const QString kGdprMode = QStringLiteral("gdpr_mode");

// A switch the assistant did not have stays out until it is switched on, so an untouched form changes nothing.
void applySwitch(QJsonObject &assistant, const QString &key, bool on)
{
    if (on || assistant.contains(key))
        assistant.insert(key, on);
}

void applyText(QJsonObject &assistant, const QString &key, const QString &text)
{
    if (text.trimmed().isEmpty())
        assistant.remove(key);
    else
        assistant.insert(key, text);
}

} // namespace

CallHandlingEditor::CallHandlingEditor(QWidget *parent)
    : QWidget(parent)
    , m_voicemail(new QCheckBox(tr("Detect voicemail"), this))
    , m_voicemailMessage(new QLineEdit(this))
    , m_silence(new QCheckBox(tr("Act on silence"), this))
    , m_silenceTimeout(new QDoubleSpinBox(this))
    , m_businessName(new QLineEdit(this))
    , m_gdpr(new QCheckBox(tr("GDPR mode"), this))
{
    m_voicemail->setObjectName(QStringLiteral("assistantVoicemail"));
    m_voicemail->setToolTip(tr("voicemail_detection: recognise an answering machine [sdk]"));
    m_voicemailMessage->setObjectName(QStringLiteral("assistantVoicemailMessage"));
    m_voicemailMessage->setAccessibleName(tr("Voicemail message"));
    m_voicemailMessage->setPlaceholderText(tr("Hang up without a message"));
    m_voicemailMessage->setToolTip(tr("voicemail_message: what the assistant leaves on an answering machine [sdk]"));
    m_silence->setObjectName(QStringLiteral("assistantSilenceHandling"));
    m_silence->setToolTip(tr("autonomous_silence_handling: when the caller says nothing, the assistant prompts or "
                             "ends the call on its own [sdk]"));
    m_silenceTimeout->setObjectName(QStringLiteral("assistantSilenceTimeout"));
    m_silenceTimeout->setAccessibleName(tr("Silence timeout"));
    m_silenceTimeout->setRange(0, 600);
    m_silenceTimeout->setDecimals(0);
    m_silenceTimeout->setSuffix(tr(" s"));
    m_silenceTimeout->setSpecialValueText(tr("platform default"));
    m_silenceTimeout->setToolTip(
        tr("silence_timeout_seconds: how long a silence lasts before the assistant acts [sdk]"));
    m_businessName->setObjectName(QStringLiteral("assistantBusinessName"));
    m_businessName->setToolTip(tr("business_name: the business the assistant speaks for [sdk]"));
    m_gdpr->setObjectName(QStringLiteral("assistantGdprMode"));
    m_gdpr->setToolTip(tr("gdpr_mode: the platform's GDPR handling of recordings and transcripts [sdk]"));

    auto *voicemailRow = new QHBoxLayout;
    voicemailRow->addWidget(m_voicemail);
    voicemailRow->addWidget(m_voicemailMessage, 1);
    auto *silenceRow = new QHBoxLayout;
    silenceRow->addWidget(m_silence);
    silenceRow->addWidget(m_silenceTimeout);
    silenceRow->addStretch(1);
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Voicemail:"), voicemailRow);
    form->addRow(tr("Silence:"), silenceRow);
    form->addRow(tr("Business name:"), m_businessName);
    form->addRow(tr("Privacy:"), m_gdpr);

    const auto changed = [this] {
        updateEnabled();
        if (!m_loading)
            Q_EMIT edited();
    };
    connect(m_voicemail, &QCheckBox::toggled, this, changed);
    connect(m_voicemailMessage, &QLineEdit::textEdited, this, changed);
    connect(m_silence, &QCheckBox::toggled, this, changed);
    connect(m_silenceTimeout, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_businessName, &QLineEdit::textEdited, this, changed);
    connect(m_gdpr, &QCheckBox::toggled, this, changed);
    updateEnabled();
}

void CallHandlingEditor::load(const QJsonObject &assistant)
{
    m_loading = true;
    m_voicemail->setChecked(assistant.value(kVoicemailDetection).toBool(false));
    m_voicemailMessage->setText(assistant.value(kVoicemailMessage).toString());
    m_silence->setChecked(assistant.value(kSilenceHandling).toBool(false));
    m_silenceTimeout->setValue(assistant.value(kSilenceTimeout).toDouble(0));
    m_businessName->setText(assistant.value(kBusinessName).toString());
    m_gdpr->setChecked(assistant.value(kGdprMode).toBool(false));
    m_loading = false;
    updateEnabled();
}

void CallHandlingEditor::applyTo(QJsonObject &assistant) const
{
    applySwitch(assistant, kVoicemailDetection, m_voicemail->isChecked());
    applyText(assistant, kVoicemailMessage, m_voicemailMessage->text());
    applySwitch(assistant, kSilenceHandling, m_silence->isChecked());
    if (m_silenceTimeout->value() > 0)
        assistant.insert(kSilenceTimeout, m_silenceTimeout->value());
    else
        assistant.remove(kSilenceTimeout);
    applyText(assistant, kBusinessName, m_businessName->text());
    applySwitch(assistant, kGdprMode, m_gdpr->isChecked());
}

void CallHandlingEditor::updateEnabled()
{
    // A message or a timeout without its switch has no effect, so the field waits for the switch.
    m_voicemailMessage->setEnabled(m_voicemail->isChecked());
    m_silenceTimeout->setEnabled(m_silence->isChecked());
}

} // namespace dockside::ui
