// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/exchangerecord.h"
#include "history/historyoptions.h"
#include "teamhistory/historysource.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QHash>
#include <QMainWindow>
#include <QMessageBox>
#include <QRect>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QSplitter;
class QTabWidget;

namespace dockside::ui {

class ComposerPanel;
class EndpointHost;
class EndpointPanel;
class ExchangeDetailView;
class TimelineView;
class SecretController;
class ShortcutsDialog;
class BurstPanel;
class RoutingPage;
class RulesEditor;
class ScenarioPanel;
class TemplateEditor;
class WorkspaceDocument;

// What the entry point decides for the window; tests use their own history file and keychain service.
struct MainWindowOptions {
    QString historyPath; // empty: nothing is recorded
    bool startEndpoint = false;
    std::optional<quint16> port; // overrides the remembered port
    QString keychainService = QStringLiteral("Dockside");
    QByteArray environmentSecret; // DOCKSIDE_WEBHOOK_SECRET as the app saw it; null when unset
    QByteArray environmentUpstreamSecret; // DOCKSIDE_UPSTREAM_SECRET as the app saw it; null when unset
    bool useSettings = false; // restore and save layout and choices with QSettings
    // The history's retention unless the settings remember another (0: no limit). The app passes
    // history::kDefaultKeepDays and kDefaultKeepRows; tests keep their fixed-date exchanges.
    qint64 keepRows = 0;
    int keepDays = 0;
    // The screen area (available geometry) the window is sized and kept on; unset: the screen it opens on.
    // Tests lay the window out for a given screen this way.
    std::optional<QRect> screenArea;
};

class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(workspace::Workspace workspace, const QString &fileName = {},
                        const MainWindowOptions &options = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    const workspace::Workspace &workspace() const;
    QString workspaceFileName() const;
    WorkspaceDocument *document() const { return m_document; }
    EndpointHost *endpoint() const { return m_endpoint; }
    ComposerPanel *composer() const { return m_composer; }
    TimelineView *timeline() const { return m_timeline; }
    ExchangeDetailView *detail() const { return m_detail; }
    SecretController *secrets() const { return m_secrets; }
    SecretController *upstreamSecrets() const { return m_upstreamSecrets; }
    RoutingPage *routing() const { return m_routing; }

    // Loads and shows the file; on failure keeps the current workspace and reports the errors in a message box.
    bool openWorkspaceFile(const QString &fileName);
    bool selectTemplate(const QString &id);
    QString currentTemplateId() const;
    bool save();
    bool saveAs();

    // Asked before unsaved changes would be lost; tests replace it to script the answer.
    using UnsavedChangesPrompt = std::function<QMessageBox::StandardButton(const QString &workspaceName)>;
    void setUnsavedChangesPrompt(UnsavedChangesPrompt prompt) { m_unsavedChangesPrompt = std::move(prompt); }
    // Asks for a file name on Save As; tests replace it.
    using SaveFilePrompt = std::function<QString(const QString &suggestion)>;
    void setSaveFilePrompt(SaveFilePrompt prompt) { m_saveFilePrompt = std::move(prompt); }
    // Asked before the history is cleared, with how many exchanges it holds; true clears. Tests replace it.
    using ClearHistoryPrompt = std::function<bool(qint64 exchanges)>;
    void setClearHistoryPrompt(ClearHistoryPrompt prompt) { m_clearHistoryPrompt = std::move(prompt); }

    // Asked before a caller is forgotten, with the number; true forgets. Tests replace it.
    using ForgetCallerPrompt = std::function<bool(const QString &number)>;
    void setForgetCallerPrompt(ForgetCallerPrompt prompt) { m_forgetCallerPrompt = std::move(prompt); }

    // Asked for new retention limits (preset to the current ones; 0: no limit); true applies them. Tests replace it.
    using RetentionPrompt = std::function<bool(qint64 *maxRows, int *maxAgeDays)>;
    // Asks for the team database's password of role@host:port/database; *ok false when cancelled.
    using TeamPasswordPrompt = std::function<QString(const QString &role, bool *ok)>;
    void setTeamPasswordPrompt(TeamPasswordPrompt prompt) { m_teamPasswordPrompt = std::move(prompt); }
    // Tools > Team History Password…: asks, keeps it in the keychain and connects again with it.
    void askTeamPassword();
    void setRetentionPrompt(RetentionPrompt prompt) { m_retentionPrompt = std::move(prompt); }
    // The endpoint panel's Change link: asks, applies at once (off the GUI thread) and remembers the choice.
    void changeRetention();
    qint64 retentionRows() const { return m_keepRows; }
    int retentionDays() const { return m_keepDays; }

    // Edit > Clear History (Del in the timeline): asks, then removes every exchange off the GUI thread.
    void clearHistory();
    // "Forget This Caller…": asks, then erases the number's exchanges (and their bytes) off the GUI thread.
    void forgetCaller(const QString &number);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void connectTeamHistory();
    void createWidgets();
    void createActions();
    void connectSession();
    void focusSearch();
    std::optional<history::ExchangeRecord> loadExchange(qint64 id);
    void showCallOf(const history::ExchangeRecord &record);
    // Once every event of the call the composer played is in the history, shows that call.
    void showPlayedCall();
    void saveCallAsScenario(const QString &name);
    void showExchange(qint64 id);
    void chooseWorkspaceFile();
    void newWorkspace();
    void openSampleWorkspace();
    // False when the user cancelled; true when the changes were saved or may be dropped.
    bool maybeSave();
    void showAbout();
    void showShortcuts();
    void showSecretDialog();
    void showUpstreamSecretDialog();
    void showLoadErrors(const QString &fileName, const QList<base::LoadError> &errors);
    void updateTitle();
    void updateWorkspaceStatus();
    void updateEndpointActions();
    void historyCleared(qint64 removedRows);
    void historyForgotten(const QString &number, qint64 exchanges, qint64 calls);
    void restoreSettings();
    void saveSettings() const;
    // The available geometry of the screen under `near` (the window's own or the primary one when invalid).
    QRect screenArea(const QRect &near) const;
    void setTheme(const QString &name);

    MainWindowOptions m_options;
    WorkspaceDocument *m_document = nullptr;
    EndpointHost *m_endpoint = nullptr;
    SecretController *m_secrets = nullptr;
    SecretController *m_upstreamSecrets = nullptr;
    UnsavedChangesPrompt m_unsavedChangesPrompt;
    SaveFilePrompt m_saveFilePrompt;
    ClearHistoryPrompt m_clearHistoryPrompt;
    ForgetCallerPrompt m_forgetCallerPrompt;
    RetentionPrompt m_retentionPrompt;
    TeamPasswordPrompt m_teamPasswordPrompt;
    qint64 m_keepRows = 0;
    int m_keepDays = 0;

    QTabWidget *m_pages = nullptr;
    QHash<const QWidget *, QLineEdit *> m_searchFields; // each page's search box, for Edit > Find
    QSplitter *m_workbenchSplitter = nullptr;
    QSplitter *m_topSplitter = nullptr;
    QSplitter *m_bottomSplitter = nullptr;
    ComposerPanel *m_composer = nullptr;
    EndpointPanel *m_endpointPanel = nullptr;
    TemplateEditor *m_templateEditor = nullptr;
    ScenarioPanel *m_scenarios = nullptr;
    BurstPanel *m_burst = nullptr;
    RulesEditor *m_rulesEditor = nullptr;
    RoutingPage *m_routing = nullptr;
    QTimer m_previewRefresh;
    TimelineView *m_timeline = nullptr;
    ExchangeDetailView *m_detail = nullptr;
    teamhistory::HistorySource m_reader; // loads the one exchange the detail, replay or diff needs
    QString m_playedCallId; // the composer's whole call, until the history has all of it
    int m_playedCallEvents = 0;

    QAction *m_startStopAction = nullptr;
    QAction *m_copyUrlAction = nullptr;
    QAction *m_clearHistoryAction = nullptr;
    bool m_clearingHistory = false;
    QLabel *m_endpointStatus = nullptr;
    QLabel *m_secretStatus = nullptr;
    QLabel *m_workspaceStatus = nullptr;
    QLabel *m_teamStatus = nullptr; // shown with a team history only
    ShortcutsDialog *m_shortcutsDialog = nullptr;
};

} // namespace dockside::ui
