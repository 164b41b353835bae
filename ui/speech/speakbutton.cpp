// SPDX-License-Identifier: GPL-3.0-or-later

#include "speakbutton.h"

#include "speechservice.h"

#include "contract/calloutcome.h"

#include <QEvent>
#include <QIcon>
#include <QStyle>

namespace dockside::ui {

SpeakButton::SpeakButton(QWidget *parent)
    : QToolButton(parent)
{
    setObjectName(QStringLiteral("speakButton"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setAutoRaise(true);
    setFocusPolicy(Qt::StrongFocus);
    connect(this, &QToolButton::clicked, this, &SpeakButton::toggle);
    setService(SpeechService::shared());
}

SpeakButton::~SpeakButton()
{
    if (isSpeaking())
        m_service->stop();
}

void SpeakButton::setService(SpeechService *service)
{
    if (isSpeaking())
        m_service->stop();
    disconnect(m_serviceConnection);
    m_service = service;
    if (m_service != nullptr)
        m_serviceConnection = connect(m_service, &SpeechService::stateChanged, this, &SpeakButton::refresh);
    refresh();
}

void SpeakButton::setSpeech(const QString &text, const QString &language)
{
    if (text == m_text && language == m_language)
        return;
    if (isSpeaking())
        m_service->stop();
    m_text = text;
    m_language = language;
    refresh();
}

bool SpeakButton::isSpeaking() const
{
    // One read of the QPointer: each -> would read it again, and an optimising build warns that one may be null.
    const SpeechService *service = m_service.data();
    return service != nullptr && service->state() == SpeechService::State::Speaking && service->speaker() == this;
}

void SpeakButton::toggle()
{
    SpeechService *service = m_service.data();
    if (service == nullptr || !service->isAvailable())
        return;
    if (isSpeaking())
        service->stop();
    else
        service->speak(m_text, m_language, this);
    refresh();
}

bool SpeakButton::event(QEvent *event)
{
    // The voice is named only when asked for: finding it starts the engine, which a window that is never hovered
    // does not need.
    SpeechService *service = m_service.data();
    if (event->type() == QEvent::ToolTip && service != nullptr && service->isAvailable() && !isSpeaking()) {
        const VoiceChoice choice = service->voiceFor(m_language);
        if (service->isAvailable())
            setToolTip(tr("Read it aloud as the caller hears it. %1").arg(SpeechService::describe(choice)));
        else
            refresh();
    }
    return QToolButton::event(event);
}

void SpeakButton::refresh()
{
    SpeechService *service = m_service.data();
    const bool speaking = isSpeaking();
    const bool available = service != nullptr && service->isAvailable();
    const bool enabled = available && !m_text.trimmed().isEmpty();
    // A disabled widget hands its focus to the next one, and a scroll area would jump to show it.
    if (!enabled && hasFocus())
        clearFocus();
    setEnabled(enabled);
    setText(speaking ? tr("Stop") : tr("Play"));
    setIcon(speaking
                ? QIcon::fromTheme(QStringLiteral("media-playback-stop"), style()->standardIcon(QStyle::SP_MediaStop))
                : QIcon::fromTheme(QStringLiteral("audio-volume-high"), style()->standardIcon(QStyle::SP_MediaVolume)));
    setAccessibleName(speaking ? tr("Stop reading aloud") : tr("Play what the caller hears"));
    if (service == nullptr)
        setToolTip(tr("Nothing can read it aloud."));
    else if (!available)
        setToolTip(service->unavailableText());
    else if (speaking)
        setToolTip(tr("Stop reading it aloud."));
    else if (service->hasEngine())
        setToolTip(
            tr("Read it aloud as the caller hears it. %1").arg(SpeechService::describe(service->voiceFor(m_language))));
    else
        setToolTip(tr("Read it aloud as the caller hears it."));
}

namespace {

QString assistantLanguage(const contract::AssistantSummary &assistant)
{
    return assistant.ttsLanguage.isEmpty() ? assistant.sttLanguage : assistant.ttsLanguage;
}

} // namespace

QString speechLanguage(const contract::CallOutcome &outcome, const QJsonObject &defaultAssistant,
                       const QString &callerLanguage)
{
    if (outcome.disposition == contract::Disposition::Answered) {
        const QString language = assistantLanguage(outcome.assistant);
        return language.isEmpty() ? callerLanguage : language;
    }
    return callerLanguage.isEmpty() ? assistantLanguage(contract::summarizeAssistant(defaultAssistant))
                                    : callerLanguage;
}

} // namespace dockside::ui
