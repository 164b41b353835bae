// SPDX-License-Identifier: GPL-3.0-or-later

#include "assistantsummary.h"

#include "assistantsettings.h"

#include <QJsonArray>

namespace dockside::contract {

namespace {

std::optional<double> numberAt(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    return value.isDouble() ? std::optional<double>(value.toDouble()) : std::nullopt;
}

QString stringAt(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

QJsonValue stringOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue numberOrNull(const std::optional<double> &number)
{
    return number ? QJsonValue(*number) : QJsonValue(QJsonValue::Null);
}

// "providerName model": the parts that are set, in that order.
QString joined(const QStringList &parts)
{
    QStringList present;
    for (const QString &part : parts)
        if (!part.isEmpty())
            present.append(part);
    return present.join(QLatin1Char(' '));
}

ToolSummary summarizeTool(const QJsonObject &tool)
{
    const QJsonObject function = tool.value(QStringLiteral("function")).toObject();
    ToolSummary summary;
    summary.name = stringAt(function, "name");
    summary.description = stringAt(function, "description");
    summary.parameterNames =
        function.value(QStringLiteral("parameters")).toObject().value(QStringLiteral("properties")).toObject().keys();
    summary.serverUrl = tool.value(QStringLiteral("server")).toObject().value(QStringLiteral("url")).toString();
    summary.isAsync = tool.value(QStringLiteral("async")).toBool(false);
    return summary;
}

} // namespace

AssistantSummary summarizeAssistant(const QJsonObject &assistant)
{
    AssistantSummary summary;
    summary.greeting = stringAt(assistant, "first_message");
    const QJsonObject llm = assistant.value(QStringLiteral("llm_config")).toObject();
    summary.llmProvider = stringAt(llm, "provider");
    summary.llmModel = stringAt(llm, "model");
    summary.llmVoice = stringAt(llm, "voice");
    summary.temperature = numberAt(llm, QStringLiteral("temperature"));
    for (const QJsonValue &tool : llm.value(QStringLiteral("tools")).toArray())
        if (tool.isObject())
            summary.tools.append(summarizeTool(tool.toObject()));
    const QJsonObject stt = assistant.value(QStringLiteral("stt_config")).toObject();
    summary.sttProvider = stringAt(stt, "provider");
    summary.sttModel = stringAt(stt, "model");
    summary.sttLanguage = stringAt(stt, "language");
    const QJsonObject tts = assistant.value(QStringLiteral("tts_config")).toObject();
    summary.ttsProvider = stringAt(tts, "provider");
    summary.voiceId = stringAt(tts, "voice_id");
    summary.ttsModel = stringAt(tts, "model");
    summary.ttsLanguage = stringAt(tts, "language");
    summary.speed = numberAt(tts, QStringLiteral("speed"));
    summary.voicemailDetection = assistant.value(QStringLiteral("voicemail_detection")).toBool(false);
    summary.voicemailMessage = stringAt(assistant, "voicemail_message");
    summary.silenceHandling = assistant.value(QStringLiteral("autonomous_silence_handling")).toBool(false);
    summary.silenceTimeoutSeconds = numberAt(assistant, QStringLiteral("silence_timeout_seconds"));
    summary.maxDurationSeconds = assistant.value(QStringLiteral("max_duration_seconds")).toDouble();
    summary.businessName = stringAt(assistant, "business_name");
    summary.gdprMode = assistant.value(QStringLiteral("gdpr_mode")).toBool(false);
    return summary;
}

QString recognitionText(const AssistantSummary &summary)
{
    if (summary.sttProvider.isEmpty() && summary.sttLanguage.isEmpty())
        return QStringLiteral("not set (the platform's own speech recognition)");
    const QString language = summary.sttLanguage.isEmpty() ? QStringLiteral("language not set (the provider's default)")
                                                           : languageDisplayName(summary.sttLanguage);
    return QStringLiteral("%1, %2").arg(joined({providerDisplayName(summary.sttProvider), summary.sttModel}), language);
}

QString voiceText(const AssistantSummary &summary)
{
    if (!summary.llmVoice.isEmpty() && summary.llmProvider == QLatin1String("xai_realtime"))
        return QStringLiteral("xAI Realtime voice %1 (speech from the model itself)").arg(summary.llmVoice);
    if (summary.ttsProvider.isEmpty() && summary.voiceId.isEmpty())
        return QStringLiteral("not set (the platform's own voice)");
    QString text = joined({providerDisplayName(summary.ttsProvider),
                           summary.voiceId.isEmpty() ? QString() : QStringLiteral("voice %1").arg(summary.voiceId)});
    QStringList details;
    if (!summary.ttsModel.isEmpty())
        details.append(summary.ttsModel);
    if (!summary.ttsLanguage.isEmpty())
        details.append(languageDisplayName(summary.ttsLanguage));
    if (summary.speed)
        details.append(QStringLiteral("speed %1").arg(*summary.speed));
    if (!details.isEmpty())
        text += QStringLiteral(" (%1)").arg(details.join(QStringLiteral(", ")));
    return text;
}

QString modelText(const AssistantSummary &summary)
{
    QString text = QStringLiteral("%1 / %2").arg(summary.llmProvider, summary.llmModel);
    if (summary.temperature)
        text += QStringLiteral(", temperature %1").arg(*summary.temperature);
    return text;
}

QString voicemailText(const AssistantSummary &summary)
{
    if (!summary.voicemailDetection)
        return QStringLiteral("not detected: a voicemail box hears the assistant like a caller");
    if (summary.voicemailMessage.isEmpty())
        return QStringLiteral("detected: the call ends without a message");
    return QStringLiteral("detected: leaves \"%1\"").arg(summary.voicemailMessage);
}

QString silenceText(const AssistantSummary &summary)
{
    if (!summary.silenceHandling)
        return QStringLiteral("the assistant waits for the caller");
    if (!summary.silenceTimeoutSeconds)
        return QStringLiteral("the assistant acts on its own after the platform's timeout");
    return QStringLiteral("the assistant acts on its own after %1 s of silence").arg(*summary.silenceTimeoutSeconds);
}

QString toolsText(const AssistantSummary &summary)
{
    if (summary.tools.isEmpty())
        return QStringLiteral("none");
    QStringList names;
    for (const ToolSummary &tool : summary.tools)
        names.append(QStringLiteral("%1(%2)").arg(tool.name, tool.parameterNames.join(QStringLiteral(", "))));
    return names.join(QStringLiteral(", "));
}

QJsonObject summaryToJson(const AssistantSummary &summary)
{
    QJsonArray tools;
    for (const ToolSummary &tool : summary.tools)
        tools.append(QJsonObject {{QStringLiteral("name"), tool.name},
                                  {QStringLiteral("parameters"), QJsonArray::fromStringList(tool.parameterNames)},
                                  {QStringLiteral("server_url"), stringOrNull(tool.serverUrl)},
                                  {QStringLiteral("async"), tool.isAsync}});
    return {
        {QStringLiteral("greeting"), summary.greeting},
        {QStringLiteral("recognition"),
         QJsonObject {{QStringLiteral("provider"), stringOrNull(summary.sttProvider)},
                      {QStringLiteral("model"), stringOrNull(summary.sttModel)},
                      {QStringLiteral("language"), stringOrNull(summary.sttLanguage)},
                      {QStringLiteral("text"), recognitionText(summary)}}},
        {QStringLiteral("voice"),
         QJsonObject {{QStringLiteral("provider"), stringOrNull(summary.ttsProvider)},
                      {QStringLiteral("voice_id"), stringOrNull(summary.voiceId)},
                      {QStringLiteral("model"), stringOrNull(summary.ttsModel)},
                      {QStringLiteral("language"), stringOrNull(summary.ttsLanguage)},
                      {QStringLiteral("speed"), numberOrNull(summary.speed)},
                      {QStringLiteral("text"), voiceText(summary)}}},
        {QStringLiteral("voicemail"),
         QJsonObject {{QStringLiteral("detection"), summary.voicemailDetection},
                      {QStringLiteral("message"), stringOrNull(summary.voicemailMessage)},
                      {QStringLiteral("text"), voicemailText(summary)}}},
        {QStringLiteral("silence"),
         QJsonObject {{QStringLiteral("autonomous"), summary.silenceHandling},
                      {QStringLiteral("timeout_seconds"), numberOrNull(summary.silenceTimeoutSeconds)},
                      {QStringLiteral("text"), silenceText(summary)}}},
        {QStringLiteral("tools"), tools},
    };
}

} // namespace dockside::contract
