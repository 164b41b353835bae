// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "calls/calltrack.h"
#include "contract/calloutcome.h"
#include "history/exchangerecord.h"
#include "speech/speakbutton.h"

#include <QJsonObject>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

class QGridLayout;
class QLabel;
class QPlainTextEdit;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace dockside::ui {

class CallOutcomeView;
class CallView;
class MessagePane;
class RelayLegsView;

// The selected exchange in full: a summary strip (method, target, status, direction, times, template and rule,
// error), the request and the answer side by side (body, headers, raw bytes), the call outcome recomputed through
// the core for assistant-requests, and the signature check with the exact signed string.
class ExchangeDetailView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExchangeDetailView)

public:
    // RelayTab: shown for relayed exchanges only; CallTab: for exchanges of a call, once showCall() gave it.
    enum Tab { ExchangeTab, OutcomeTab, SignatureTab, RelayTab, CallTab };

    explicit ExchangeDetailView(QWidget *parent = nullptr);
    ~ExchangeDetailView() override;

    // defaultAssistant: the workspace's, which the outcome merges onto.
    void showExchange(const history::ExchangeRecord &record, const QJsonObject &defaultAssistant);
    void clear();
    /*! The whole call the shown exchange belongs to, on the Call tab. */
    void showCall(const calls::CallTrack &track);
    void hideCall();
    CallView *callView() const { return m_callView; }
    bool hasExchange() const { return m_exchangeId != 0; }
    // The shown record's id in the history; -1 for a record that is not stored (a fresh composer result).
    qint64 exchangeId() const { return m_exchangeId; }

    // Large bodies are formatted on a worker thread: until exchangeShown(), their panes say so.
    bool isPreparing() const { return m_preparing; }

    /*! The contact's language for a caller, which reads the outcome and the call aloud when the answer names none. */
    void setCallerLanguage(const CallerLanguage &callerLanguage);

    // The deadline outcomes are recomputed with when the record's own verdict does not settle it (default 5000 ms).
    void setPlatformDeadlineMs(qint64 deadlineMs);
    qint64 platformDeadlineMs() const { return m_deadlineMs; }

    QTabWidget *tabs() const { return m_tabs; }
    CallOutcomeView *outcomeView() const { return m_outcomeView; }
    MessagePane *requestPane() const { return m_requestPane; }
    MessagePane *answerPane() const { return m_answerPane; }
    QSplitter *splitter() const { return m_splitter; }
    RelayLegsView *relayLegs() const { return m_relayLegs; }
    // Shows a tab of the exchange on screen; false when there is none or the tab is not offered for it.
    bool showTab(Tab tab);

Q_SIGNALS:
    // Everything of the exchange given to showExchange() is on screen, bodies and outcome included.
    void exchangeShown(qint64 exchangeId);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createSummary();
    QLabel *addField(const QString &objectName, const QString &caption);
    void layoutFields();
    void interruptWorkers();
    void applyBadgeColors();
    QWidget *createOutcomeTab();
    QWidget *createSignatureTab();
    void showSummary(const history::ExchangeRecord &record);
    struct Prepared;
    // Stops early, with a partial result nobody shows, once cancelled is set.
    static Prepared prepare(const history::ExchangeRecord &record, const QJsonObject &defaultAssistant,
                            qint64 deadlineMs, const std::atomic_bool &cancelled);
    void showPrepared(const history::ExchangeRecord &record, const QJsonObject &defaultAssistant,
                      const Prepared &prepared);
    void showOutcome(const history::ExchangeRecord &record, const QJsonObject &defaultAssistant,
                     const std::optional<contract::CallOutcome> &outcome);
    void showSignature(const history::ExchangeRecord &record);

    qint64 m_exchangeId = 0;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic_bool> m_cancelPreparing; // set when a newer exchange makes the worker's result moot
    bool m_preparing = false;
    qint64 m_deadlineMs = contract::kAssistantRequestDeadlineMs;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;

    QGridLayout *m_fieldGrid = nullptr;
    struct Field {
        QWidget *box = nullptr;
        QLabel *caption = nullptr;
        QLabel *value = nullptr;
    };
    QList<Field> m_fields;
    QLabel *m_direction = nullptr;
    QLabel *m_method = nullptr;
    QLabel *m_target = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_outcomeBadge = nullptr;
    QLabel *m_received = nullptr;
    QLabel *m_latency = nullptr;
    QLabel *m_event = nullptr;
    QLabel *m_caller = nullptr;
    QLabel *m_peer = nullptr;
    QLabel *m_template = nullptr;
    QLabel *m_rule = nullptr;
    QLabel *m_signatureBadge = nullptr;
    QLabel *m_error = nullptr;

    QTabWidget *m_tabs = nullptr;
    QSplitter *m_splitter = nullptr;
    MessagePane *m_requestPane = nullptr;
    MessagePane *m_answerPane = nullptr;
    RelayLegsView *m_relayLegs = nullptr;
    int m_relayTab = -1;
    CallView *m_callView = nullptr;
    CallerLanguage m_callerLanguage;
    int m_callTab = -1;
    QLabel *m_outcomeNote = nullptr;
    CallOutcomeView *m_outcomeView = nullptr;

    QLabel *m_signatureStatus = nullptr;
    QLabel *m_signatureDiagnosis = nullptr;
    QLabel *m_clockNote = nullptr; // the moment the rules were evaluated at, when not the real time
    QLabel *m_signatureDetail = nullptr;
    QLabel *m_signatureHeaders = nullptr;
    QLabel *m_signedCaption = nullptr;
    QPlainTextEdit *m_signedString = nullptr;
};

} // namespace dockside::ui
