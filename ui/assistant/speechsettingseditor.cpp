// SPDX-License-Identifier: GPL-3.0-or-later

#include "speechsettingseditor.h"

#include "contract/assistantsettings.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {

const QString kSttConfig = QStringLiteral("stt_config");
const QString kTtsConfig = QStringLiteral("tts_config");
const QString kProvider = QStringLiteral("provider");
const QString kModel = QStringLiteral("model");
const QString kLanguage = QStringLiteral("language");
const QString kKeyterms = QStringLiteral("keyterms");
const QString kVoiceId = QStringLiteral("voice_id");
const QString kSpeed = QStringLiteral("speed");
constexpr double kSpeedUnset = 0.45; // just below the SDK's 0.5: the spin box's "not set"

QComboBox *providerCombo(const QStringList &providers, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->addItem(SpeechSettingsEditor::tr("(not set)"), QString());
    for (const QString &provider : providers)
        combo->addItem(contract::providerDisplayName(provider), provider);
    return combo;
}

// The languages a Dutch platform's callers speak most; any other code can be typed.
QComboBox *languageCombo(QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->addItem(SpeechSettingsEditor::tr("(not set)"), QString());
    for (const char *code : {"nl", "de", "en", "fr", "es", "it", "pl", "tr", "ar", "pt", "multi"})
        combo->addItem(contract::languageDisplayName(QString::fromLatin1(code)), QString::fromLatin1(code));
    return combo;
}

void selectData(QComboBox *combo, const QString &value)
{
    int index = combo->findData(value);
    if (index < 0) {
        // A value the list does not know stays visible (the validation says whether it is refused).
        combo->addItem(value, value);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

QString languageOf(const QComboBox *combo)
{
    const int index = combo->findText(combo->currentText());
    return index >= 0 ? combo->itemData(index).toString() : combo->currentText().trimmed();
}

void setOrRemove(QJsonObject &object, const QString &key, const QJsonValue &value, bool remove)
{
    if (remove)
        object.remove(key);
    else
        object.insert(key, value);
}

QStringList keytermsOf(const QString &text)
{
    QStringList terms;
    for (const QString &term : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!term.trimmed().isEmpty())
            terms.append(term.trimmed());
    return terms;
}

} // namespace

SpeechSettingsEditor::SpeechSettingsEditor(QWidget *parent)
    : QWidget(parent)
    , m_sttProvider(providerCombo(contract::knownSttProviders(), this))
    , m_sttModel(new QLineEdit(this))
    , m_sttLanguage(languageCombo(this))
    , m_keyterms(new QLineEdit(this))
    , m_ttsProvider(providerCombo(contract::knownTtsProviders(), this))
    , m_voiceId(new QLineEdit(this))
    , m_ttsModel(new QLineEdit(this))
    , m_ttsLanguage(languageCombo(this))
    , m_speed(new QDoubleSpinBox(this))
{
    m_sttProvider->setObjectName(QStringLiteral("assistantSttProvider"));
    m_sttProvider->setToolTip(tr("stt_config.provider: who turns the caller's speech into text [sdk]"));
    m_sttModel->setObjectName(QStringLiteral("assistantSttModel"));
    m_sttModel->setPlaceholderText(QStringLiteral("nova-3"));
    m_sttModel->setToolTip(tr("stt_config.model [sdk]"));
    m_sttLanguage->setObjectName(QStringLiteral("assistantSttLanguage"));
    m_sttLanguage->setToolTip(tr("stt_config.language: the language the caller is expected to speak; pick one or type "
                                 "a code [sdk]"));
    m_keyterms->setObjectName(QStringLiteral("assistantKeyterms"));
    m_keyterms->setPlaceholderText(tr("Words to expect, separated by commas"));
    m_keyterms->setToolTip(tr("stt_config.keyterms: names and words the recogniser should expect [sdk]"));
    m_ttsProvider->setObjectName(QStringLiteral("assistantTtsProvider"));
    m_ttsProvider->setToolTip(tr("tts_config.provider: whose voice the caller hears [sdk]"));
    m_voiceId->setObjectName(QStringLiteral("assistantVoiceId"));
    m_voiceId->setToolTip(tr("tts_config.voice_id: the voice, as the provider names it [sdk]"));
    m_ttsModel->setObjectName(QStringLiteral("assistantTtsModel"));
    m_ttsModel->setPlaceholderText(QStringLiteral("eleven_multilingual_v2"));
    m_ttsModel->setToolTip(tr("tts_config.model: ElevenLabs only [sdk]"));
    m_ttsLanguage->setObjectName(QStringLiteral("assistantTtsLanguage"));
    m_ttsLanguage->setToolTip(tr("tts_config.language: Inworld only [sdk]"));
    m_speed->setObjectName(QStringLiteral("assistantSpeed"));
    m_speed->setRange(kSpeedUnset, 2.0);
    m_speed->setSingleStep(0.05);
    m_speed->setDecimals(2);
    m_speed->setSpecialValueText(tr("(not set)"));
    m_speed->setToolTip(tr("tts_config.speed: 0.5 to 2; stability, similarity and style are edited in the JSON [sdk]"));

    auto *recognition = new QGroupBox(tr("Speech recognition"), this);
    auto *recognitionForm = new QFormLayout(recognition);
    recognitionForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    recognitionForm->addRow(tr("Provider:"), m_sttProvider);
    recognitionForm->addRow(tr("Model:"), m_sttModel);
    recognitionForm->addRow(tr("Language:"), m_sttLanguage);
    recognitionForm->addRow(tr("Key terms:"), m_keyterms);

    auto *voice = new QGroupBox(tr("Voice"), this);
    auto *voiceForm = new QFormLayout(voice);
    voiceForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    voiceForm->addRow(tr("Provider:"), m_ttsProvider);
    voiceForm->addRow(tr("Voice ID:"), m_voiceId);
    voiceForm->addRow(tr("Model:"), m_ttsModel);
    voiceForm->addRow(tr("Language:"), m_ttsLanguage);
    voiceForm->addRow(tr("Speed:"), m_speed);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(recognition);
    layout->addWidget(voice);

    const auto changed = [this] {
        updateProviderFields();
        if (!m_loading)
            Q_EMIT edited();
    };
    connect(m_sttProvider, &QComboBox::currentIndexChanged, this, changed);
    connect(m_sttModel, &QLineEdit::textEdited, this, changed);
    connect(m_sttLanguage, &QComboBox::currentTextChanged, this, changed);
    connect(m_keyterms, &QLineEdit::textEdited, this, changed);
    connect(m_ttsProvider, &QComboBox::currentIndexChanged, this, changed);
    connect(m_voiceId, &QLineEdit::textEdited, this, changed);
    connect(m_ttsModel, &QLineEdit::textEdited, this, changed);
    connect(m_ttsLanguage, &QComboBox::currentTextChanged, this, changed);
    connect(m_speed, &QDoubleSpinBox::valueChanged, this, changed);
    updateProviderFields();
}

void SpeechSettingsEditor::load(const QJsonObject &assistant)
{
    m_loading = true;
    const QJsonObject stt = assistant.value(kSttConfig).toObject();
    selectData(m_sttProvider, stt.value(kProvider).toString());
    m_sttModel->setText(stt.value(kModel).toString());
    selectData(m_sttLanguage, stt.value(kLanguage).toString());
    QStringList terms;
    for (const QJsonValue &term : stt.value(kKeyterms).toArray())
        terms.append(term.toString());
    m_keyterms->setText(terms.join(QStringLiteral(", ")));
    const QJsonObject tts = assistant.value(kTtsConfig).toObject();
    selectData(m_ttsProvider, tts.value(kProvider).toString());
    m_voiceId->setText(tts.value(kVoiceId).toString());
    m_ttsModel->setText(tts.value(kModel).toString());
    selectData(m_ttsLanguage, tts.value(kLanguage).toString());
    m_speed->setValue(tts.value(kSpeed).toDouble(kSpeedUnset));
    m_loading = false;
    updateProviderFields();
}

void SpeechSettingsEditor::applyTo(QJsonObject &assistant) const
{
    QJsonObject stt = assistant.value(kSttConfig).toObject();
    const QString sttProvider = m_sttProvider->currentData().toString();
    setOrRemove(stt, kProvider, sttProvider, sttProvider.isEmpty());
    setOrRemove(stt, kModel, m_sttModel->text().trimmed(), m_sttModel->text().trimmed().isEmpty());
    const QString language = languageOf(m_sttLanguage);
    setOrRemove(stt, kLanguage, language, language.isEmpty());
    const QStringList terms = keytermsOf(m_keyterms->text());
    setOrRemove(stt, kKeyterms, QJsonArray::fromStringList(terms), terms.isEmpty());
    setOrRemove(assistant, kSttConfig, stt, stt.isEmpty());

    QJsonObject tts = assistant.value(kTtsConfig).toObject();
    const QString ttsProvider = m_ttsProvider->currentData().toString();
    setOrRemove(tts, kProvider, ttsProvider, ttsProvider.isEmpty());
    setOrRemove(tts, kVoiceId, m_voiceId->text().trimmed(), m_voiceId->text().trimmed().isEmpty());
    setOrRemove(tts, kModel, m_ttsModel->text().trimmed(), m_ttsModel->text().trimmed().isEmpty());
    const QString voiceLanguage = languageOf(m_ttsLanguage);
    setOrRemove(tts, kLanguage, voiceLanguage, voiceLanguage.isEmpty());
    setOrRemove(tts, kSpeed, m_speed->value(), m_speed->value() < 0.5);
    setOrRemove(assistant, kTtsConfig, tts, tts.isEmpty());
}

void SpeechSettingsEditor::updateProviderFields()
{
    // The voice model is ElevenLabs', the voice language Inworld's: each field waits for its provider (or none).
    const QString provider = m_ttsProvider->currentData().toString();
    m_ttsModel->setEnabled(provider.isEmpty() || provider == QLatin1String("elevenlabs") ||
                           !m_ttsModel->text().isEmpty());
    m_ttsLanguage->setEnabled(provider.isEmpty() || provider == QLatin1String("inworld") ||
                              !languageOf(m_ttsLanguage).isEmpty());
}

} // namespace dockside::ui
