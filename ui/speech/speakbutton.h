// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "speechservice.h"

#include <QJsonObject>
#include <QPointer>
#include <QString>
#include <QToolButton>

#include <functional>

namespace dockside::contract {
struct CallOutcome;
}

namespace dockside::ui {

// Play reads a sentence aloud in its language's voice, Stop ends it. Disabled, with a tooltip that says what to
// install or what went wrong, when nothing can read it.
class SpeakButton final : public QToolButton {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpeakButton)

public:
    /*! Reads through SpeechService::shared() until setService() names another. */
    explicit SpeakButton(QWidget *parent = nullptr);
    ~SpeakButton() override;

    void setService(SpeechService *service);
    SpeechService *service() const { return m_service; }

    /*! language: BCP-47 ("nl", "de-DE"), empty for the default voice. */
    void setSpeech(const QString &text, const QString &language);
    QString speechText() const { return m_text; }
    QString language() const { return m_language; }
    bool isSpeaking() const;

protected:
    bool event(QEvent *event) override;

private:
    void toggle();
    void refresh();

    QPointer<SpeechService> m_service;
    QMetaObject::Connection m_serviceConnection;
    QString m_text;
    QString m_language;
};

/*! The contact's language for a caller's number (the mock CRM's), empty when none is known. */
using CallerLanguage = std::function<QString(const QString &number)>;

/*! The language the caller is spoken to in: for an answer, its assistant's tts_config.language, else its
    stt_config.language, else the contact's; a rejection has no assistant, so the contact's, else the default
    assistant's. Empty when nothing names one. */
QString speechLanguage(const contract::CallOutcome &outcome, const QJsonObject &defaultAssistant,
                       const QString &callerLanguage);

} // namespace dockside::ui
