// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QLineEdit;

namespace dockside::ui {

// What the assistant does when a machine or nobody answers (CONTRACT.md §3a): voicemail detection and the message
// it leaves, autonomous silence handling and its timeout, the business name and GDPR mode. Edits one assistant
// object; keys it does not show are kept.
class CallHandlingEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallHandlingEditor)

public:
    explicit CallHandlingEditor(QWidget *parent = nullptr);

    void load(const QJsonObject &assistant);
    void applyTo(QJsonObject &assistant) const;

Q_SIGNALS:
    void edited();

private:
    void updateEnabled();

    QCheckBox *m_voicemail = nullptr;
    QLineEdit *m_voicemailMessage = nullptr;
    QCheckBox *m_silence = nullptr;
    QDoubleSpinBox *m_silenceTimeout = nullptr;
    QLineEdit *m_businessName = nullptr;
    QCheckBox *m_gdpr = nullptr;
    bool m_loading = false;
};

} // namespace dockside::ui
