// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "composer/sendoptions.h"
#include "composer/sendresult.h"
#include "history/exchangerecord.h"

#include <QByteArray>
#include <QUrl>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QToolButton;

namespace dockside::composer {
class CallScriptRunner;
class EventSender;
struct CallStep;
} // namespace dockside::composer

namespace dockside::ui {

class CallOutcomeView;
class WorkspaceDocument;

// Plays the platform: builds one of the four events from a form or raw JSON, signs it, sends it to any
// URL within the deadline and shows the answer and the call outcome.
class ComposerPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComposerPanel)

public:
    explicit ComposerPanel(WorkspaceDocument *document, QWidget *parent = nullptr);
    ~ComposerPanel() override;

    QUrl targetUrl() const;
    void setTargetUrl(const QUrl &url);
    // The running mock endpoint's URL, offered as a one-click target; empty when it is stopped.
    void setMockEndpointUrl(const QUrl &url);
    void setSecret(const QByteArray &secret, const QString &summary);

    // The options Send would use now; nullopt (and a message) when the form or JSON cannot make a request.
    std::optional<composer::SendOptions> sendOptions(QString *error) const;
    // Loads a captured request byte for byte into the JSON tab; Send then replays it.
    void loadReplay(const history::ExchangeRecord &record);

    void send();
    void playCall();
    void cancel();
    bool isBusy() const;
    // The last exchange's result, for tests and the status bar.
    const std::optional<composer::SendResult> &lastResult() const { return m_lastResult; }
    CallOutcomeView *outcomeView() const { return m_outcomeView; }

    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

Q_SIGNALS:
    // Every exchange the composer made, for the history.
    void exchangeCompleted(const dockside::history::ExchangeRecord &record);
    void busyChanged(bool busy);
    // A whole call was played: its id and how many of its events were sent, so the window can show it.
    void callPlayed(const QString &callId, int sentEvents);
    void statusMessage(const QString &message);

private:
    void createWidgets();
    void updateEventFields();
    void regenerateCallId();
    void rebuildJson();
    void showResult(const composer::SendResult &result);
    void showFailure(const QString &message);
    void showCallStep(const composer::CallStep &step);
    void setBusy(bool busy);
    contract::EventOptions eventOptions() const;
    std::optional<composer::SendOptions> baseOptions(QString *error) const;

    WorkspaceDocument *m_document = nullptr;
    composer::EventSender *m_sender = nullptr;
    composer::CallScriptRunner *m_callRunner = nullptr;
    quint64 m_pendingId = 0;
    QByteArray m_secret;
    QUrl m_mockUrl;
    std::optional<history::ExchangeRecord> m_replay;
    std::optional<composer::SendResult> m_lastResult;
    bool m_jsonEdited = false;

    QLineEdit *m_urlEdit = nullptr;
    QToolButton *m_useMockButton = nullptr;
    QComboBox *m_eventCombo = nullptr;
    QTabWidget *m_inputTabs = nullptr;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_callerEdit = nullptr;
    QLineEdit *m_calledEdit = nullptr;
    QLineEdit *m_calledNameEdit = nullptr;
    QComboBox *m_callTypeCombo = nullptr;
    QComboBox *m_sdkCombo = nullptr;
    QLineEdit *m_callIdEdit = nullptr;
    QComboBox *m_statusCombo = nullptr;
    QLineEdit *m_toolNameEdit = nullptr;
    QLineEdit *m_toolArgumentsEdit = nullptr;
    QSpinBox *m_durationSpin = nullptr;
    QLineEdit *m_endReasonEdit = nullptr;
    QPlainTextEdit *m_jsonEdit = nullptr;
    QLabel *m_jsonState = nullptr;
    QLabel *m_replayLabel = nullptr;
    QCheckBox *m_resignCheck = nullptr;
    QSpinBox *m_deadlineSpin = nullptr;
    QLineEdit *m_callAtEdit = nullptr; // "Call at": sent as X-Dockside-Clock
    QLabel *m_secretLabel = nullptr;
    QPushButton *m_sendButton = nullptr;
    QPushButton *m_callButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QLabel *m_resultLabel = nullptr;
    QPlainTextEdit *m_stepsView = nullptr;
    CallOutcomeView *m_outcomeView = nullptr;
};

} // namespace dockside::ui
