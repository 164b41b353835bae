// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;

namespace dockside::ui {

// How the assistant hears and speaks (CONTRACT.md §3a): speech recognition (stt_config: provider, model, language,
// key terms) and voice (tts_config: provider, voice id, model or language, speed). Edits one assistant object;
// keys it does not show (stability, Gladia's languages, ...) are kept. The default assistant's form shows it, and
// so can any form that overrides an assistant.
class SpeechSettingsEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpeechSettingsEditor)

public:
    explicit SpeechSettingsEditor(QWidget *parent = nullptr);

    void load(const QJsonObject &assistant);
    // Writes the fields into `assistant`: a cleared field removes its key, an emptied config goes away.
    void applyTo(QJsonObject &assistant) const;

Q_SIGNALS:
    void edited();

private:
    void updateProviderFields();

    QComboBox *m_sttProvider = nullptr;
    QLineEdit *m_sttModel = nullptr;
    QComboBox *m_sttLanguage = nullptr;
    QLineEdit *m_keyterms = nullptr;
    QComboBox *m_ttsProvider = nullptr;
    QLineEdit *m_voiceId = nullptr;
    QLineEdit *m_ttsModel = nullptr;
    QComboBox *m_ttsLanguage = nullptr;
    QDoubleSpinBox *m_speed = nullptr;
    bool m_loading = false;
};

} // namespace dockside::ui
