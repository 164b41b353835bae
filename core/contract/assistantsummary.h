// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace dockside::contract {

struct ToolSummary {
    QString name;
    QString description;
    QStringList parameterNames;
    QString serverUrl; // empty: the assistant's webhook answers it
    bool isAsync = false;
};

// What the caller hears and how, read from an assistant (CONTRACT.md §3a): the outcome, the CLI and the window
// all describe an effective assistant through this, so they say the same.
struct AssistantSummary {
    QString greeting; // empty: silence until the caller speaks
    QString llmProvider;
    QString llmModel;
    QString llmVoice;
    std::optional<double> temperature;
    QString sttProvider;
    QString sttModel;
    QString sttLanguage;
    QString ttsProvider;
    QString voiceId;
    QString ttsModel;
    QString ttsLanguage;
    std::optional<double> speed;
    bool voicemailDetection = false;
    QString voicemailMessage;
    bool silenceHandling = false;
    std::optional<double> silenceTimeoutSeconds;
    double maxDurationSeconds = 0;
    QString businessName;
    bool gdprMode = false;
    QList<ToolSummary> tools;
};

AssistantSummary summarizeAssistant(const QJsonObject &assistant);

// One line each, as a person reads them: "Deepgram nova-3, German (de)".
QString recognitionText(const AssistantSummary &summary);
QString voiceText(const AssistantSummary &summary);
QString modelText(const AssistantSummary &summary);
QString voicemailText(const AssistantSummary &summary);
QString silenceText(const AssistantSummary &summary);
// "check_order(order_id), book_callback()", or "none".
QString toolsText(const AssistantSummary &summary);

// {"recognition": {...}, "voice": {...}, "voicemail": {...}, "silence": {...}, "tools": [...]} for the outcome JSON.
QJsonObject summaryToJson(const AssistantSummary &summary);

} // namespace dockside::contract
