// SPDX-License-Identifier: GPL-3.0-or-later

#include "calls/callview.h"
#include "outcome/calloutcomeview.h"
#include "qtprinters.h"
#include "speech/speakbutton.h"
#include "speech/speechservice.h"

#include "calls/calltrack.h"
#include "contract/callevent.h"
#include "contract/calloutcome.h"
#include "contract/defaultassistant.h"

#include <QHelpEvent>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QTextToSpeech>

#include <gtest/gtest.h>

using namespace dockside;
using ui::SpeakButton;
using ui::SpeechService;

namespace {

constexpr int kEngineWaitMs = 10'000;

const QString kGreeting = QStringLiteral("Welcome back, this is the test line.");

contract::CallOutcome outcomeOf(const QByteArray &answer,
                                const QJsonObject &defaultAssistant = contract::builtinDefaultAssistant())
{
    contract::OutcomeInput input;
    input.exchange.body = answer;
    input.exchange.latencyMs = 120;
    input.defaultAssistant = defaultAssistant;
    return contract::computeOutcome(input);
}

// What a user sees when resting the pointer on the button: the tooltip event fills in the voice.
QString hoverToolTip(SpeakButton &button)
{
    QHelpEvent help(QEvent::ToolTip, QPoint(4, 4), button.mapToGlobal(QPoint(4, 4)));
    QCoreApplication::sendEvent(&button, &help);
    return button.toolTip();
}

bool fliteInstalled()
{
    return QTextToSpeech::availableEngines().contains(QStringLiteral("flite"));
}

} // namespace

TEST(SpeakButton, WithoutAnyEngineItIsDisabledSaysWhatToInstallAndClickingDoesNothing)
{
    SpeechService service({});
    QSignalSpy states(&service, &SpeechService::stateChanged);
    SpeakButton button;
    button.setService(&service);
    button.setSpeech(kGreeting, QStringLiteral("nl"));
    button.show();

    EXPECT_EQ(service.state(), SpeechService::State::Unavailable);
    EXPECT_FALSE(button.isEnabled());
    EXPECT_TRUE(button.toolTip().contains(QStringLiteral("qt6-speech-flite-plugin"))) << button.toolTip().toStdString();
    EXPECT_TRUE(button.toolTip().contains(QStringLiteral("speech-dispatcher"))) << button.toolTip().toStdString();
    EXPECT_EQ(hoverToolTip(button), button.toolTip());
    EXPECT_EQ(button.text(), QStringLiteral("Play"));

    QTest::mouseClick(&button, Qt::LeftButton);
    button.click();
    service.speak(kGreeting, QStringLiteral("nl"), &button);
    service.stop();
    QCoreApplication::processEvents();
    EXPECT_FALSE(service.hasEngine());
    EXPECT_TRUE(service.lastText().isEmpty());
    EXPECT_FALSE(button.isSpeaking());
    EXPECT_EQ(states.count(), 0);
    const ui::VoiceChoice choice = service.voiceFor(QStringLiteral("nl"));
    EXPECT_FALSE(choice.matched);
}

TEST(SpeakButton, WithFliteClickingReadsTheSentenceOrTheButtonSaysWhyItCannot)
{
    ASSERT_TRUE(fliteInstalled()) << "install qt6-speech-flite-plugin (packaging/install-deps.sh --with-tests)";
    SpeechService service({QStringLiteral("flite")});
    QSignalSpy states(&service, &SpeechService::stateChanged);
    SpeakButton button;
    button.setService(&service);
    button.setSpeech(kGreeting, QStringLiteral("en"));
    button.show();
    ASSERT_TRUE(button.isEnabled()) << button.toolTip().toStdString();
    EXPECT_FALSE(service.hasEngine()) << "the engine starts on first use, not with the button";

    QTest::mouseClick(&button, Qt::LeftButton);
    EXPECT_EQ(service.engineName(), QStringLiteral("flite"));
    EXPECT_EQ(service.lastText(), kGreeting);
    // Either it speaks (a machine with a sound card) or flite reports it cannot play (a container, CI).
    ASSERT_TRUE(QTest::qWaitFor([&] { return states.count() > 0; }, kEngineWaitMs));
    const auto first = states.first().first().value<SpeechService::State>();
    if (first == SpeechService::State::Speaking) {
        EXPECT_TRUE(button.isSpeaking());
        EXPECT_EQ(button.text(), QStringLiteral("Stop"));
        EXPECT_EQ(button.accessibleName(), QStringLiteral("Stop reading aloud"));
        QTest::mouseClick(&button, Qt::LeftButton);
        EXPECT_TRUE(QTest::qWaitFor([&] { return service.state() == SpeechService::State::Ready; }, kEngineWaitMs));
        EXPECT_EQ(button.text(), QStringLiteral("Play"));
        EXPECT_TRUE(button.isEnabled());
    } else {
        ASSERT_EQ(first, SpeechService::State::Unavailable);
        EXPECT_FALSE(button.isEnabled());
        EXPECT_EQ(button.text(), QStringLiteral("Play"));
        EXPECT_TRUE(button.toolTip().contains(QStringLiteral("flite"))) << button.toolTip().toStdString();
        EXPECT_EQ(button.toolTip(), service.unavailableText());
        EXPECT_FALSE(button.toolTip().contains(QStringLiteral("install"))) << "the engine is there; playing failed";
        button.setSpeech(QStringLiteral("Another sentence."), QStringLiteral("en"));
        QTest::mouseClick(&button, Qt::LeftButton);
        service.speak(QStringLiteral("Another sentence."), {}, &button);
        QCoreApplication::processEvents();
        EXPECT_EQ(service.lastText(), kGreeting) << "nothing more is handed to an engine that failed";
        EXPECT_FALSE(button.isEnabled());
    }
}

TEST(SpeakButton, VoicesFollowTheLanguageAskedForOrSayTheDefaultReadsIt)
{
    ASSERT_TRUE(fliteInstalled()) << "install qt6-speech-flite-plugin (packaging/install-deps.sh --with-tests)";
    SpeechService service({QStringLiteral("flite")});
    // flite has English voices only.
    const ui::VoiceChoice english = service.voiceFor(QStringLiteral("en-US"));
    ASSERT_TRUE(service.isAvailable()) << service.unavailableText().toStdString();
    EXPECT_TRUE(english.matched);
    EXPECT_EQ(english.locale.language(), QLocale::English);
    EXPECT_TRUE(SpeechService::describe(english).startsWith(QStringLiteral("Reads it in English")))
        << SpeechService::describe(english).toStdString();
    EXPECT_TRUE(service.voiceFor(QStringLiteral("en")).matched);

    const ui::VoiceChoice dutch = service.voiceFor(QStringLiteral("nl"));
    EXPECT_FALSE(dutch.matched);
    EXPECT_EQ(dutch.locale.language(), QLocale::English);
    EXPECT_EQ(SpeechService::describe(dutch),
              QStringLiteral("No voice for Dutch (nl) is installed: reads it in the default voice, English (United "
                             "States)."));

    const ui::VoiceChoice none = service.voiceFor({});
    EXPECT_FALSE(none.matched);
    EXPECT_TRUE(SpeechService::describe(none).startsWith(QStringLiteral("Reads it in the default voice")));

    SpeakButton button;
    button.setService(&service);
    button.setSpeech(kGreeting, QStringLiteral("de-DE"));
    EXPECT_TRUE(hoverToolTip(button).contains(QStringLiteral("No voice for German (de-DE) is installed")))
        << button.toolTip().toStdString();
}

TEST(SpeakButton, PrefersSpeechDispatcherThenFlite)
{
    EXPECT_EQ(
        SpeechService::preferredOrder({QStringLiteral("mock"), QStringLiteral("flite"), QStringLiteral("speechd")}),
        (QStringList {QStringLiteral("speechd"), QStringLiteral("flite"), QStringLiteral("mock")}));
}

TEST(SpeakButton, TheOutcomeReadsTheGreetingInTheAnswersLanguageAndTheRejectionInTheDefaults)
{
    SpeechService none({});
    ui::CallOutcomeView view;
    SpeakButton *button = view.speakButton();
    ASSERT_NE(button, nullptr);
    button->setService(&none);

    view.setOutcome(outcomeOf(R"({"assistant": {"first_message": "Guten Tag.", "tts_config": {"language": "de-DE"}}})"),
                    contract::builtinDefaultAssistant());
    EXPECT_EQ(button->speechText(), QStringLiteral("Guten Tag."));
    EXPECT_EQ(button->language(), QStringLiteral("de-DE"));
    EXPECT_FALSE(button->isHidden());
    EXPECT_FALSE(button->isEnabled()) << "no engine";

    // No tts language: the recognition language says what the caller speaks.
    view.setOutcome(outcomeOf(R"({"assistant": {"first_message": "Bonjour.", "stt_config": {"language": "fr"}}})"),
                    contract::builtinDefaultAssistant());
    EXPECT_EQ(button->language(), QStringLiteral("fr"));

    view.setOutcome(outcomeOf(R"({"error": "We are closed today."})"), contract::builtinDefaultAssistant());
    EXPECT_EQ(button->speechText(), QStringLiteral("We are closed today."));
    EXPECT_EQ(button->language(), QStringLiteral("nl")) << "the default assistant's language";
    view.setOutcome(outcomeOf(R"({"error": "Wir haben heute geschlossen."})"), contract::builtinDefaultAssistant(),
                    QStringLiteral("de"));
    EXPECT_EQ(button->language(), QStringLiteral("de")) << "the contact's language before the default's";
    view.setOutcome(outcomeOf(R"({"assistant": {"first_message": "Hallo."}})"), contract::builtinDefaultAssistant(),
                    QStringLiteral("de"));
    EXPECT_EQ(button->language(), QStringLiteral("nl")) << "the assistant the caller meets speaks Dutch";
    QJsonObject silentDefault = contract::builtinDefaultAssistant();
    silentDefault.remove(QStringLiteral("stt_config"));
    silentDefault.remove(QStringLiteral("tts_config"));
    view.setOutcome(outcomeOf(R"({"assistant": {"first_message": "Hallo."}})", silentDefault), silentDefault,
                    QStringLiteral("de"));
    EXPECT_EQ(button->language(), QStringLiteral("de")) << "no assistant language: the contact's";

    view.setOutcome(outcomeOf(R"({"assistant": {"first_message": ""}})"), contract::builtinDefaultAssistant());
    EXPECT_TRUE(button->isHidden()) << "silence has nothing to read";

    view.clear();
    EXPECT_TRUE(button->speechText().isEmpty());
}

TEST(SpeakButton, TheCallTabShowsWhatTheCallerHearsWithTheButton)
{
    contract::EventOptions options;
    options.type = contract::EventType::AssistantRequest;
    options.callId = QStringLiteral("call-speak");
    history::ExchangeRecord record;
    record.id = 21;
    record.callId = options.callId;
    record.eventType = contract::eventTypeName(options.type);
    record.callerNumber = options.customerNumber;
    record.request.method = "POST";
    record.request.target = "/webhook";
    record.request.receivedAtUs = 1'765'627'200'000'000;
    record.request.body = contract::serializeEvent(contract::buildEventPayload(options));
    record.responseStatus = 200;
    record.responseBody = R"({"assistant": {"first_message": "Hallo!", "tts_config": {"language": "de"}}})";
    record.latencyUs = 250'000;
    record.outcomeDisposition = QStringLiteral("answered");
    record.outcomeReason = QStringLiteral("override");
    const calls::CallTrack track = calls::trackCall({record}, contract::builtinDefaultAssistant());
    ASSERT_TRUE(track.outcome.has_value());

    SpeechService none({});
    ui::CallView view;
    view.speakButton()->setService(&none);
    EXPECT_FALSE(view.speakButton()->isVisibleTo(&view)) << "no call yet";
    view.showTrack(track, 21);
    view.show();
    EXPECT_TRUE(view.speakButton()->isVisible());
    EXPECT_EQ(view.speakButton()->speechText(), QStringLiteral("Hallo!"));
    EXPECT_EQ(view.speakButton()->language(), QStringLiteral("de"));
    const auto *spoken = view.findChild<QLabel *>(QStringLiteral("callSpoken"));
    ASSERT_NE(spoken, nullptr);
    EXPECT_EQ(spoken->text(), QStringLiteral("“Hallo!”"));
    EXPECT_FALSE(view.speakButton()->isEnabled());
    EXPECT_TRUE(view.speakButton()->toolTip().contains(QStringLiteral("install")));

    record.responseBody = R"({"error": "Closed."})";
    record.outcomeDisposition = QStringLiteral("rejected");
    record.outcomeReason = QStringLiteral("rejected");
    view.setCallerLanguage([](const QString &number) {
        return number == contract::EventOptions().customerNumber ? QStringLiteral("fr") : QString();
    });
    view.showTrack(calls::trackCall({record}, contract::builtinDefaultAssistant()), 21);
    EXPECT_EQ(view.speakButton()->speechText(), QStringLiteral("Closed."));
    EXPECT_EQ(view.speakButton()->language(), QStringLiteral("fr")) << "a rejection reads in the contact's language";

    view.clear();
    EXPECT_FALSE(view.speakButton()->isVisible());
}
