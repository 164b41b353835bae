// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QLocale>
#include <QObject>
#include <QString>
#include <QStringList>

class QTextToSpeech;

namespace dockside::ui {

// The voice a sentence is read in: of the language asked for when an engine has one, else the engine's default.
struct VoiceChoice {
    QString requested; // BCP-47 as asked: "nl", "de-DE"; empty when nobody asked for a language
    QLocale locale;
    bool matched = false; // the engine has a voice of the requested language
};

// Reads sentences aloud through one QTextToSpeech, made on first use on the GUI thread. The engines to try are given,
// so a test can stand for a machine without any speech plugin.
class SpeechService final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpeechService)

public:
    enum class State { Unavailable, Ready, Speaking };
    Q_ENUM(State)

    /*! engines: plugin names in order of preference, as QTextToSpeech::availableEngines() names them. */
    explicit SpeechService(const QStringList &engines, QObject *parent = nullptr);
    ~SpeechService() override;

    /*! The application's service over the installed engines, speech-dispatcher before flite. */
    static SpeechService *shared();
    static QStringList preferredOrder(QStringList engines);

    State state() const { return m_state; }
    bool isAvailable() const { return m_state != State::Unavailable; }
    /*! Why nothing can be read aloud: what to install, or what the engine reported. Empty while available. */
    QString unavailableText() const { return m_unavailableText; }
    /*! The engine that reads; empty until the first sentence or voice is asked for. */
    QString engineName() const;
    bool hasEngine() const { return m_engine != nullptr; }

    /*! Starts the engine if it has not started yet. */
    VoiceChoice voiceFor(const QString &language);
    /*! "Reads it in Dutch (Netherlands)." or which default it falls back to, for a tooltip. */
    static QString describe(const VoiceChoice &choice);

    /*! Stops what is being read and reads text in the language's voice; speaker is whoever asked, for its state. */
    void speak(const QString &text, const QString &language, const QObject *speaker);
    void stop();
    /*! Who asked for what is being read; compared only, never used. */
    const QObject *speaker() const { return m_speaker; }
    /*! The last sentence handed to the engine. */
    QString lastText() const { return m_lastText; }

Q_SIGNALS:
    void stateChanged(dockside::ui::SpeechService::State state);

private:
    bool ensureEngine();
    void fail(const QString &text);
    void setState(State state);

    QStringList m_engines;
    QTextToSpeech *m_engine = nullptr;
    QLocale m_defaultLocale;
    State m_state = State::Unavailable;
    QString m_unavailableText;
    const QObject *m_speaker = nullptr;
    QString m_lastText;
};

} // namespace dockside::ui
