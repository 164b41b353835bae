// SPDX-License-Identifier: GPL-3.0-or-later

#include "speechservice.h"

#include "contract/assistantsettings.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTextToSpeech>

namespace dockside::ui {

namespace {

QString localeText(const QLocale &locale)
{
    if (locale.territory() == QLocale::AnyTerritory)
        return QLocale::languageToString(locale.language());
    return QStringLiteral("%1 (%2)").arg(QLocale::languageToString(locale.language()),
                                         QLocale::territoryToString(locale.territory()));
}

// "de-DE" names a territory, "de" does not; QLocale fills one in either way.
bool namesTerritory(const QString &language)
{
    return language.contains(QLatin1Char('-')) || language.contains(QLatin1Char('_'));
}

} // namespace

SpeechService::SpeechService(const QStringList &engines, QObject *parent)
    : QObject(parent)
    , m_engines(engines)
{
    if (m_engines.isEmpty()) {
        m_unavailableText = tr("To hear it, install qt6-speech-flite-plugin (offline) or qt6-speech-speechd-plugin "
                               "with speech-dispatcher.");
    } else {
        m_state = State::Ready;
    }
}

SpeechService::~SpeechService() = default;

SpeechService *SpeechService::shared()
{
    static QPointer<SpeechService> service;
    if (service.isNull()) {
        service = new SpeechService(preferredOrder(QTextToSpeech::availableEngines()), QCoreApplication::instance());
        // The engine's audio output goes before the application it plays through.
        QObject::connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, service, &QObject::deleteLater);
    }
    return service;
}

QStringList SpeechService::preferredOrder(QStringList engines)
{
    // speech-dispatcher speaks the desktop's languages; flite only English, but offline and without a daemon.
    std::stable_sort(engines.begin(), engines.end(), [](const QString &left, const QString &right) {
        const auto rank = [](const QString &name) {
            if (name == QLatin1String("speechd"))
                return 0;
            if (name == QLatin1String("flite"))
                return 1;
            return 2;
        };
        return rank(left) < rank(right);
    });
    return engines;
}

QString SpeechService::engineName() const
{
    return m_engine != nullptr ? m_engine->engine() : QString();
}

bool SpeechService::ensureEngine()
{
    if (m_engine != nullptr)
        return m_state != State::Unavailable;
    if (m_state == State::Unavailable)
        return false;
    QString lastError;
    for (const QString &name : std::as_const(m_engines)) {
        auto *engine = new QTextToSpeech(name, this);
        // An engine that cannot start (speech-dispatcher without its daemon) says so at once: try the next one.
        if (engine->state() == QTextToSpeech::Error || engine->engine() != name) {
            lastError = tr("the %1 engine did not start: %2").arg(name, engine->errorString());
            delete engine;
            continue;
        }
        m_engine = engine;
        m_defaultLocale = engine->locale();
        connect(engine, &QTextToSpeech::stateChanged, this, [this](QTextToSpeech::State engineState) {
            switch (engineState) {
            case QTextToSpeech::Speaking:
                setState(State::Speaking);
                break;
            case QTextToSpeech::Ready:
            case QTextToSpeech::Paused:
                m_speaker = nullptr;
                setState(State::Ready);
                break;
            case QTextToSpeech::Error:
                // Without a sound card flite reports Playback: "No audio device available".
                fail(tr("It cannot be read aloud here: %1 (the %2 engine).")
                         .arg(m_engine->errorString(), m_engine->engine()));
                break;
            }
        });
        return true;
    }
    fail(tr("It cannot be read aloud here: %1.").arg(lastError));
    return false;
}

VoiceChoice SpeechService::voiceFor(const QString &language)
{
    VoiceChoice choice;
    choice.requested = language.trimmed();
    if (!ensureEngine())
        return choice;
    choice.locale = m_defaultLocale;
    const QLocale wanted(choice.requested);
    if (choice.requested.isEmpty() || wanted.language() == QLocale::C || wanted.language() == QLocale::AnyLanguage)
        return choice;

    const QList<QLocale> locales = m_engine->availableLocales();
    const auto sameLanguage = [&wanted](const QLocale &locale) { return locale.language() == wanted.language(); };
    const auto exact = std::find_if(locales.cbegin(), locales.cend(), [&](const QLocale &locale) {
        return sameLanguage(locale) && locale.territory() == wanted.territory();
    });
    if (namesTerritory(choice.requested) && exact != locales.cend()) {
        choice.locale = *exact;
        choice.matched = true;
    } else if (sameLanguage(m_defaultLocale)) {
        choice.matched = true;
    } else if (exact != locales.cend()) {
        choice.locale = *exact;
        choice.matched = true;
    } else if (const auto any = std::find_if(locales.cbegin(), locales.cend(), sameLanguage); any != locales.cend()) {
        choice.locale = *any;
        choice.matched = true;
    }
    return choice;
}

QString SpeechService::describe(const VoiceChoice &choice)
{
    if (choice.requested.isEmpty())
        return tr("Reads it in the default voice, %1.").arg(localeText(choice.locale));
    if (choice.matched)
        return tr("Reads it in %1, the language the call asks for (%2).")
            .arg(localeText(choice.locale), choice.requested);
    return tr("No voice for %1 is installed: reads it in the default voice, %2.")
        .arg(contract::languageDisplayName(choice.requested), localeText(choice.locale));
}

void SpeechService::speak(const QString &text, const QString &language, const QObject *speaker)
{
    if (text.trimmed().isEmpty() || !ensureEngine())
        return;
    if (m_engine->state() == QTextToSpeech::Speaking)
        m_engine->stop(QTextToSpeech::BoundaryHint::Immediate);
    const VoiceChoice choice = voiceFor(language);
    if (m_engine->locale() != choice.locale)
        m_engine->setLocale(choice.locale);
    m_speaker = speaker;
    m_lastText = text;
    m_engine->say(text);
}

void SpeechService::stop()
{
    if (m_engine != nullptr && m_engine->state() == QTextToSpeech::Speaking)
        m_engine->stop(QTextToSpeech::BoundaryHint::Immediate);
}

void SpeechService::fail(const QString &text)
{
    // The first reason is the one worth reading: an engine that failed may report more after it.
    if (m_state == State::Unavailable)
        return;
    m_speaker = nullptr;
    m_unavailableText = text;
    setState(State::Unavailable);
}

void SpeechService::setState(State state)
{
    if (m_state == State::Unavailable && state != State::Unavailable)
        return;
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace dockside::ui
