// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "sendoptions.h"
#include "sendresult.h"

#include "contract/finding.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>

namespace dockside::composer {

class EventSender;

// How listed tool calls relate to the effective assistant's own tools (its llm_config.tools).
enum class ListedToolCalls {
    InsteadOfTheAssistants, // the user's choice (the CLI's --tool): sent as listed, the assistant's tools are not
    WhenTheAssistantHasNone, // a stand-in (the GUI's tool fields): sent only when the assistant has no tools
};

// A whole call as the platform would make it, after the assistant-request.
struct CallScriptOptions {
    SendOptions call; // url, secret, numbers, call type and default assistant; event.type is set per step
    // Sent as one tool-calls event; without a list, the effective assistant's function tools are played (each with
    // arguments sampled from its parameters schema).
    QList<contract::ToolCall> toolCalls;
    ListedToolCalls listedToolCalls = ListedToolCalls::InsteadOfTheAssistants;
    int durationSeconds = 42;
};

struct CallStep {
    QString title; // "status-update (in-progress)"
    contract::EventType event = contract::EventType::AssistantRequest;
    std::optional<SendResult> result; // empty when the step was skipped
    QString skippedBecause;
    contract::Source source = contract::Source::Assumed; // where the platform's behaviour here is documented
    QStringList notes; // what the step does differently from the platform, labelled like the step
};

struct CallScriptReport {
    QList<CallStep> steps;
    std::optional<contract::CallOutcome> outcome; // of the assistant-request
};

// Sends the events of one call in order: assistant-request, then, honouring the outcome and the effective
// assistant's webhook_events, status updates, the tool calls (listed, or the effective assistant's tools) and the
// end-of-call report.
class CallScriptRunner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallScriptRunner)

public:
    explicit CallScriptRunner(QObject *parent = nullptr);
    ~CallScriptRunner() override;

    void run(const CallScriptOptions &options);
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void stepFinished(const dockside::composer::CallStep &step);
    void finished(const dockside::composer::CallScriptReport &report);
    void failed(const QString &message);

private:
    void planAfterAssistantRequest(const SendResult &result);
    void sendNext();

    std::unique_ptr<EventSender> m_sender;
    CallScriptOptions m_options;
    CallScriptReport m_report;
    QList<CallStep> m_plan; // steps still to send, with their event options in m_planned
    QList<contract::EventOptions> m_planned;
    bool m_running = false;
};

} // namespace dockside::composer
