// SPDX-License-Identifier: GPL-3.0-or-later

#include "mainwindow.h"
#include "abouttext.h"
#include "shortcutsdialog.h"
#include "windowgeometry.h"

#include "common/elidedlabel.h"
#include "common/fittingscrollarea.h"

#include "assistant/defaultassistantform.h"
#include "burst/burstpanel.h"
#include "calls/callview.h"
#include "common/accessibility.h"
#include "composer/composerpanel.h"
#include "contacts/contactseditor.h"
#include "endpoint/endpointpanel.h"
#include "endpoint/relaysection.h"
#include "exchange/exchangedetailview.h"
#include "exchange/exchangediffdialog.h"
#include "routing/routingpage.h"
#include "rules/ruleseditor.h"
#include "scenarios/scenariopanel.h"
#include "secrets/secretcontroller.h"
#include "secrets/secretdialog.h"
#include "secrets/secretstore.h"
#include "session/endpointhost.h"
#include "teamhistory/teamdatabase.h"
#include "teamhistory/teampasswords.h"
#include "templates/templateeditor.h"
#include "theme/theme.h"
#include "timeline/timelineview.h"
#include "workspace/workspacedocument.h"

#include "calls/calllister.h"
#include "calls/callscenario.h"
#include "calls/calltrack.h"
#include "history/exchangeredactor.h"
#include "history/historyoptions.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTabWidget>
#include <QTextEdit>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace dockside::ui {

namespace {

constexpr int kMaxErrorsInMessage = 12;
constexpr int kStatusMessageMs = 6000;

QAction *makeAction(QObject *parent, const QString &text, const char *objectName, const QKeySequence &shortcut,
                    const QString &statusTip)
{
    auto *action = new QAction(text, parent);
    action->setObjectName(QString::fromLatin1(objectName));
    action->setShortcut(shortcut);
    action->setStatusTip(statusTip);
    if (!shortcut.isEmpty())
        action->setToolTip(QStringLiteral("%1 (%2)").arg(statusTip, shortcut.toString(QKeySequence::NativeText)));
    return action;
}

workspace::Workspace emptyWorkspace()
{
    workspace::Workspace workspace;
    workspace.name = QObject::tr("Untitled workspace");
    workspace::ResponseTemplate answer;
    answer.id = QStringLiteral("default");
    answer.name = QObject::tr("Use the default assistant");
    answer.description = QObject::tr("An empty answer: the platform keeps its default assistant.");
    answer.body = QByteArrayLiteral("{}");
    workspace.templates.append(answer);
    workspace.defaultAssistant = workspace::builtinSampleWorkspace().defaultAssistant;
    return workspace;
}

} // namespace

MainWindow::MainWindow(workspace::Workspace workspace, const QString &fileName, const MainWindowOptions &options,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_document(new WorkspaceDocument(std::move(workspace), fileName, this))
    , m_endpoint(new EndpointHost(this))
    , m_secrets(new SecretController(options.keychainService, options.environmentSecret, this))
    , m_upstreamSecrets(new SecretController(options.keychainService, options.environmentUpstreamSecret, this,
                                             SecretRole::upstream()))
{
    setObjectName(QStringLiteral("mainWindow"));
    installAccessibleNames();
    setWindowIcon(QIcon::fromTheme(QStringLiteral("io.github.dockside.Dockside"),
                                   QIcon(QStringLiteral(":/icons/io.github.dockside.Dockside.svg"))));
    m_unsavedChangesPrompt = [this](const QString &name) {
        return QMessageBox::warning(this, tr("Unsaved Changes"),
                                    tr("“%1” has unsaved changes. Save them before going on?").arg(name),
                                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    };
    m_saveFilePrompt = [this](const QString &suggestion) {
        return QFileDialog::getSaveFileName(this, tr("Save Workspace"), suggestion,
                                            tr("Dockside workspaces (*.dockside.json);;JSON files (*.json)"));
    };
    m_clearHistoryPrompt = [this](qint64 exchanges) {
        QMessageBox box(QMessageBox::Warning, tr("Clear History"),
                        exchanges == 1
                            ? tr("Remove the one exchange from the history?")
                            : tr("Remove all %1 exchanges from the history?").arg(QLocale().toString(exchanges)),
                        QMessageBox::NoButton, this);
        box.setObjectName(QStringLiteral("clearHistoryBox"));
        box.setInformativeText(
            m_endpoint->isTeamHistory()
                ? tr("This cannot be undone, and every desktop that opens the team history %1 loses them. Each "
                     "endpoint's own copy on its machine stays until its retention removes it.")
                      .arg(m_endpoint->historyPath())
                : tr("This cannot be undone. The history file %1 stays and records new exchanges as before.")
                      .arg(QDir::toNativeSeparators(m_endpoint->historyPath())));
        const QPushButton *clear = box.addButton(tr("Clear History"), QMessageBox::DestructiveRole);
        box.setDefaultButton(box.addButton(QMessageBox::Cancel));
        box.exec();
        return box.clickedButton() == clear;
    };

    m_forgetCallerPrompt = [this](const QString &number) {
        QMessageBox box(QMessageBox::Warning, tr("Forget This Caller"),
                        tr("Erase every exchange of %1 from the history?").arg(number), QMessageBox::NoButton, this);
        box.setObjectName(QStringLiteral("forgetCallerBox"));
        box.setInformativeText(tr("Every exchange with this number, and every exchange of the calls it made, leaves "
                                  "the history, its search index and its spool, and the file %1 is rewritten so "
                                  "their bytes are gone. This cannot be undone.")
                                   .arg(QDir::toNativeSeparators(m_endpoint->historyPath())));
        const QPushButton *forget = box.addButton(tr("Forget Caller"), QMessageBox::DestructiveRole);
        box.setDefaultButton(box.addButton(QMessageBox::Cancel));
        box.exec();
        return box.clickedButton() == forget;
    };

    m_teamPasswordPrompt = [this](const QString &role, bool *ok) {
        return QInputDialog::getText(this, tr("Team History Password"),
                                     tr("Password for %1 (kept in the OS keychain):").arg(role), QLineEdit::Password,
                                     {}, ok);
    };

    m_retentionPrompt = [this](qint64 *maxRows, int *maxAgeDays) {
        QDialog dialog(this);
        dialog.setWindowTitle(tr("History Retention"));
        auto *form = new QFormLayout(&dialog);
        auto *intro = new QLabel(tr("Captured calls hold callers' numbers, names and transcripts. Older exchanges are "
                                    "removed continuously while Dockside runs; 0 keeps them."));
        intro->setWordWrap(true);
        form->addRow(intro);
        auto *days = new QSpinBox;
        days->setObjectName(QStringLiteral("retentionDays"));
        days->setRange(0, 36500);
        days->setSuffix(tr(" days"));
        days->setSpecialValueText(tr("no age limit"));
        days->setValue(*maxAgeDays);
        auto *rows = new QSpinBox;
        rows->setObjectName(QStringLiteral("retentionRows"));
        rows->setRange(0, 100000000);
        rows->setGroupSeparatorShown(true);
        rows->setSuffix(tr(" exchanges"));
        rows->setSpecialValueText(tr("no row limit"));
        rows->setValue(static_cast<int>(std::min<qint64>(*maxRows, 100000000)));
        form->addRow(tr("Keep for"), days);
        form->addRow(tr("Keep at most"), rows);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
        connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        form->addRow(buttons);
        if (dialog.exec() != QDialog::Accepted)
            return false;
        *maxAgeDays = days->value();
        *maxRows = rows->value();
        return true;
    };

    m_keepRows = m_options.keepRows;
    m_keepDays = m_options.keepDays;
    if (m_options.useSettings) {
        const QSettings settings;
        m_keepDays = settings.value(QStringLiteral("history/keepDays"), m_keepDays).toInt();
        m_keepRows = settings.value(QStringLiteral("history/keepRows"), m_keepRows).toLongLong();
    }
    if (!m_options.historyPath.isEmpty()) {
        QString error;
        if (!m_endpoint->openHistory({m_options.historyPath, m_keepRows, m_keepDays}, &error))
            statusBar()->showMessage(tr("History unavailable, exchanges are not recorded: %1").arg(error));
        else if (!m_endpoint->historyNotice().isEmpty())
            statusBar()->showMessage(m_endpoint->historyNotice());
    }

    createWidgets();
    createActions();
    connectSession();
    // Tab leaves a table for the next control instead of walking its cells (a timeline of a million rows was a
    // trap); the arrow keys move within it, and Tab still moves to the next cell while one is being edited.
    for (QTableView *table : findChildren<QTableView *>())
        table->setTabKeyNavigation(false);
    // Text fields take Tab as focus movement, not as a tab character (which no greeting, prompt or event needs):
    // an editable text box was a trap a keyboard user could not Tab out of. The JSON editors indent with Tab and
    // are left with Ctrl+Tab (see JsonView).
    for (QPlainTextEdit *text : findChildren<QPlainTextEdit *>())
        text->setTabChangesFocus(true);
    for (QTextEdit *text : findChildren<QTextEdit *>())
        text->setTabChangesFocus(true);
    // From the screen it opens on, never larger: a 1366x768 laptop gets all of the window, a large monitor 1500x960.
    setMinimumSize(kMinimumWindowSize);
    setGeometry(firstStartGeometry(screenArea(QRect())));
    // A short window (a 1366x768 or 1280x720 screen) gives the composer's form the larger share: the timeline scrolls.
    if (height() < 800)
        m_workbenchSplitter->setSizes({580, 420});
    if (m_options.useSettings)
        restoreSettings();
    if (m_options.port)
        m_endpointPanel->setPort(*m_options.port);
    m_endpointPanel->setRetention(m_keepRows, m_keepDays, m_endpoint->hasHistory());
    updateTitle();
    m_secrets->load();
    m_upstreamSecrets->load();
    if (m_options.startEndpoint)
        m_endpointPanel->start();
}

MainWindow::~MainWindow() = default;

const workspace::Workspace &MainWindow::workspace() const
{
    return m_document->workspace();
}

QString MainWindow::workspaceFileName() const
{
    return m_document->fileName();
}

void MainWindow::createWidgets()
{
    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->setDocumentMode(true);

    m_composer = new ComposerPanel(m_document);
    m_composer->setObjectName(QStringLiteral("composerPanel"));
    m_endpointPanel = new EndpointPanel(m_endpoint, m_document);
    m_endpointPanel->setObjectName(QStringLiteral("endpointPanel"));

    m_topSplitter = new QSplitter(Qt::Horizontal);
    m_topSplitter->setObjectName(QStringLiteral("topSplitter"));
    m_topSplitter->setChildrenCollapsible(false);
    m_topSplitter->addWidget(m_composer);
    m_topSplitter->addWidget(m_endpointPanel);
    m_topSplitter->setStretchFactor(0, 3);
    m_topSplitter->setStretchFactor(1, 2);

    m_bottomSplitter = new QSplitter(Qt::Horizontal);
    m_bottomSplitter->setObjectName(QStringLiteral("bottomSplitter"));
    m_bottomSplitter->setChildrenCollapsible(false);
    m_timeline = new TimelineView;
    m_timeline->setObjectName(QStringLiteral("timelineView"));
    m_detail = new ExchangeDetailView;
    m_detail->setObjectName(QStringLiteral("exchangeDetailView"));
    m_bottomSplitter->addWidget(m_timeline);
    // A short window (a 1280x720 screen) leaves the detail less height than its summary and tabs need: it scrolls
    // rather than squeezing their text.
    auto *detailScroll = new FittingScrollArea(m_detail);
    detailScroll->setObjectName(QStringLiteral("exchangeDetailScroll"));
    m_bottomSplitter->addWidget(detailScroll);
    m_bottomSplitter->setStretchFactor(0, 3);
    m_bottomSplitter->setStretchFactor(1, 2);

    m_workbenchSplitter = new QSplitter(Qt::Vertical);
    m_workbenchSplitter->setObjectName(QStringLiteral("workbenchSplitter"));
    m_workbenchSplitter->setChildrenCollapsible(false);
    m_workbenchSplitter->addWidget(m_topSplitter);
    m_workbenchSplitter->addWidget(m_bottomSplitter);
    m_workbenchSplitter->setStretchFactor(0, 2);
    m_workbenchSplitter->setStretchFactor(1, 3);
    // First start: room for the composer's form, the timeline wider than the detail; later starts restore these.
    m_workbenchSplitter->setSizes({430, 470});
    m_topSplitter->setSizes({900, 500});
    m_bottomSplitter->setSizes({860, 540});
    auto *workbench = new QWidget;
    auto *workbenchLayout = new QVBoxLayout(workbench);
    workbenchLayout->setContentsMargins(8, 8, 8, 8);
    workbenchLayout->addWidget(m_workbenchSplitter);
    m_pages->addTab(workbench, tr("Workbench"));
    m_searchFields.insert(workbench, m_timeline->searchField());

    m_templateEditor = new TemplateEditor(m_document);
    m_templateEditor->setObjectName(QStringLiteral("templateEditor"));
    m_pages->addTab(m_templateEditor, tr("Templates"));
    m_searchFields.insert(m_templateEditor, m_templateEditor->searchField());

    auto *rules = m_rulesEditor = new RulesEditor(m_document);
    rules->setObjectName(QStringLiteral("rulesEditor"));
    m_pages->addTab(rules, tr("Rules"));
    m_searchFields.insert(rules, rules->searchField());
    auto *contacts = new ContactsEditor(m_document);
    contacts->setObjectName(QStringLiteral("contactsEditor"));
    m_pages->addTab(contacts, tr("Contacts"));
    m_searchFields.insert(contacts, contacts->searchField());
    auto *assistant = new DefaultAssistantForm(m_document);
    assistant->setObjectName(QStringLiteral("defaultAssistantForm"));
    m_pages->addTab(assistant, tr("Default Assistant"));
    m_scenarios = new ScenarioPanel(m_document);
    m_scenarios->setObjectName(QStringLiteral("scenarioPanel"));
    m_pages->addTab(m_scenarios, tr("Scenarios"));
    m_searchFields.insert(m_scenarios, m_scenarios->searchField());
    m_burst = new BurstPanel(m_document);
    m_burst->setObjectName(QStringLiteral("burstPanel"));
    m_pages->addTab(m_burst, tr("Burst"));
    m_routing = new RoutingPage(m_document);
    m_routing->setObjectName(QStringLiteral("routingPage"));
    m_pages->addTab(m_routing, tr("Routing"));
    m_searchFields.insert(m_routing, m_routing->searchField());
    connect(m_routing, &RoutingPage::openRuleRequested, this, [this](const QString &ruleId, const QString &number) {
        m_pages->setCurrentWidget(m_rulesEditor);
        m_rulesEditor->selectRule(ruleId);
        m_rulesEditor->testNumber(number);
    });
    connect(m_routing, &RoutingPage::openTemplateRequested, this,
            [this](const QString &templateId, const QString &label, const base::CapturedRequest &request, bool show) {
                m_templateEditor->pinPreviewRequest({label, request, 0});
                m_templateEditor->selectTemplate(templateId);
                if (show)
                    m_pages->setCurrentWidget(m_templateEditor);
            });

    // Every page keeps the workbench's distance from the window's edges: no button flush against the frame.
    for (int page = 1; page < m_pages->count(); ++page) {
        if (QLayout *layout = m_pages->widget(page)->layout())
            layout->setContentsMargins(8, 8, 8, 8);
    }
    setCentralWidget(m_pages);

    statusBar()->setObjectName(QStringLiteral("statusBar"));
    // On a small screen the permanent texts shorten with "…" (whole in their tooltips) rather than run off the bar,
    // and the two the panels show too step aside while a message is shown, so it can be read.
    m_endpointStatus = new ElidedLabel(this);
    m_endpointStatus->setObjectName(QStringLiteral("endpointStatusLabel"));
    m_secretStatus = new ElidedLabel(this);
    m_secretStatus->setObjectName(QStringLiteral("secretStatusLabel"));
    m_workspaceStatus = new ElidedLabel(this);
    m_workspaceStatus->setObjectName(QStringLiteral("workspaceStatusLabel"));
    m_teamStatus = new ElidedLabel(this);
    m_teamStatus->setObjectName(QStringLiteral("teamStatusLabel"));
    m_teamStatus->setVisible(false);
    statusBar()->addPermanentWidget(m_teamStatus);
    statusBar()->addPermanentWidget(m_secretStatus);
    statusBar()->addPermanentWidget(m_endpointStatus);
    statusBar()->addPermanentWidget(m_workspaceStatus);
    connect(statusBar(), &QStatusBar::messageChanged, this, [this](const QString &message) {
        m_secretStatus->setVisible(message.isEmpty());
        m_endpointStatus->setVisible(message.isEmpty());
    });
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(QStringLiteral("fileMenu"));
    QAction *newAction = makeAction(this, tr("&New Workspace"), "newWorkspaceAction", QKeySequence::New,
                                    tr("Start an empty workspace with one template"));
    connect(newAction, &QAction::triggered, this, &MainWindow::newWorkspace);
    QAction *openAction = makeAction(this, tr("&Open Workspace…"), "openWorkspaceAction", QKeySequence::Open,
                                     tr("Open a Dockside workspace file"));
    connect(openAction, &QAction::triggered, this, &MainWindow::chooseWorkspaceFile);
    QAction *sampleAction =
        makeAction(this, tr("Open &Sample Workspace"), "openSampleAction", QKeySequence(Qt::CTRL | Qt::Key_F2),
                   tr("Open the sample workspace built into Dockside"));
    connect(sampleAction, &QAction::triggered, this, &MainWindow::openSampleWorkspace);
    QAction *saveAction = makeAction(this, tr("&Save"), "saveAction", QKeySequence::Save,
                                     tr("Save the workspace (templates, rules, contacts, scenarios; never secrets)"));
    connect(saveAction, &QAction::triggered, this, &MainWindow::save);
    QAction *saveAsAction = makeAction(this, tr("Save &As…"), "saveAsAction", QKeySequence::SaveAs,
                                       tr("Save the workspace to another file"));
    connect(saveAsAction, &QAction::triggered, this, &MainWindow::saveAs);
    QAction *quitAction =
        makeAction(this, tr("&Quit"), "quitAction", QKeySequence(Qt::CTRL | Qt::Key_Q), tr("Quit Dockside"));
    quitAction->setMenuRole(QAction::QuitRole);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);
    fileMenu->addActions({newAction, openAction, sampleAction});
    fileMenu->addSeparator();
    fileMenu->addActions({saveAction, saveAsAction});
    fileMenu->addSeparator();
    fileMenu->addAction(quitAction);

    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    editMenu->setObjectName(QStringLiteral("editMenu"));
    QAction *findAction = makeAction(this, tr("&Find"), "findAction", QKeySequence::Find,
                                     tr("Search the page you are on: the timeline or the list beside it"));
    connect(findAction, &QAction::triggered, this, &MainWindow::focusSearch);
    editMenu->addAction(findAction);
    editMenu->addSeparator();
    m_clearHistoryAction = makeAction(this, tr("C&lear History…"), "clearHistoryAction", QKeySequence::Delete,
                                      tr("Remove every exchange from the history; asks first"));
    // Del clears only from the timeline; text fields inside it take Del for themselves first.
    m_clearHistoryAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_clearHistoryAction->setEnabled(m_endpoint->hasHistory());
    connect(m_clearHistoryAction, &QAction::triggered, this, &MainWindow::clearHistory);
    m_timeline->addAction(m_clearHistoryAction);
    editMenu->addAction(m_clearHistoryAction);

    QMenu *composerMenu = menuBar()->addMenu(tr("&Composer"));
    composerMenu->setObjectName(QStringLiteral("composerMenu"));
    QAction *sendAction = makeAction(this, tr("&Send Event"), "sendAction", QKeySequence(Qt::CTRL | Qt::Key_Return),
                                     tr("Send the composed event to the URL and show the outcome"));
    sendAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    connect(sendAction, &QAction::triggered, this, [this] {
        m_pages->setCurrentIndex(0);
        m_composer->send();
    });
    QAction *callAction =
        makeAction(this, tr("Play Whole &Call"), "playCallAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return),
                   tr("Send the assistant-request and then every event of the call, as the platform would"));
    connect(callAction, &QAction::triggered, this, [this] {
        m_pages->setCurrentIndex(0);
        m_composer->playCall();
    });
    composerMenu->addActions({sendAction, callAction});

    QMenu *endpointMenu = menuBar()->addMenu(tr("E&ndpoint"));
    endpointMenu->setObjectName(QStringLiteral("endpointMenu"));
    m_startStopAction = makeAction(this, tr("&Start Mock Endpoint"), "startStopAction", QKeySequence(Qt::Key_F5),
                                   tr("Start or stop the mock endpoint"));
    connect(m_startStopAction, &QAction::triggered, m_endpointPanel, &EndpointPanel::toggle);
    m_copyUrlAction =
        makeAction(this, tr("&Copy Endpoint URL"), "copyUrlAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U),
                   tr("Copy the mock endpoint's URL to the clipboard"));
    connect(m_copyUrlAction, &QAction::triggered, m_endpointPanel, &EndpointPanel::copyUrl);
    endpointMenu->addActions({m_startStopAction, m_copyUrlAction});

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->setObjectName(QStringLiteral("viewMenu"));
    for (int page = 0; page < m_pages->count(); ++page) {
        QAction *pageAction = makeAction(this, m_pages->tabText(page), "", QKeySequence(Qt::CTRL | (Qt::Key_1 + page)),
                                         tr("Show the %1 page").arg(m_pages->tabText(page)));
        pageAction->setObjectName(QStringLiteral("showPage%1Action").arg(page + 1));
        connect(pageAction, &QAction::triggered, this, [this, page] { m_pages->setCurrentIndex(page); });
        viewMenu->addAction(pageAction);
    }
    viewMenu->addSeparator();
    QAction *newestAction =
        makeAction(this, tr("&Newest Exchange"), "newestExchangeAction", QKeySequence(Qt::CTRL | Qt::Key_G),
                   tr("Select the newest exchange in the timeline and show its detail"));
    connect(newestAction, &QAction::triggered, this, [this] {
        m_pages->setCurrentIndex(0);
        m_timeline->selectNewest();
    });
    viewMenu->addAction(newestAction);
    QMenu *detailMenu = viewMenu->addMenu(tr("Exchange &Detail"));
    detailMenu->setObjectName(QStringLiteral("detailMenu"));
    const QList<std::pair<ExchangeDetailView::Tab, QString>> detailTabs {
        {ExchangeDetailView::ExchangeTab, tr("&Request and Answer")},
        {ExchangeDetailView::OutcomeTab, tr("&Outcome")},
        {ExchangeDetailView::SignatureTab, tr("&Signature")},
        {ExchangeDetailView::RelayTab, tr("&Both Legs")},
        {ExchangeDetailView::CallTab, tr("&Call")}};
    for (const auto &[tab, label] : detailTabs) {
        QAction *tabAction =
            makeAction(this, label, "",
                       QKeySequence(QKeyCombination(Qt::ControlModifier | Qt::AltModifier,
                                                    static_cast<Qt::Key>(Qt::Key_1 + static_cast<int>(tab)))),
                       tr("Show the selected exchange's %1 tab").arg(QString(label).remove(u'&')));
        tabAction->setObjectName(QStringLiteral("detailTab%1Action").arg(static_cast<int>(tab) + 1));
        connect(tabAction, &QAction::triggered, this, [this, tab] {
            m_pages->setCurrentIndex(0);
            m_detail->showTab(tab);
        });
        detailMenu->addAction(tabAction);
    }
    viewMenu->addSeparator();
    QMenu *themeMenu = viewMenu->addMenu(tr("&Theme"));
    themeMenu->setObjectName(QStringLiteral("themeMenu"));
    auto *themeGroup = new QActionGroup(this);
    for (const Theme theme : {Theme::System, Theme::Light, Theme::Dark}) {
        const QString label = theme == Theme::System ? tr("Follow the &System")
            : theme == Theme::Light                  ? tr("&Light")
                                                     : tr("&Dark");
        QAction *themeAction = themeMenu->addAction(label);
        themeAction->setObjectName(themeName(theme) + QStringLiteral("ThemeAction"));
        themeAction->setStatusTip(tr("Use the %1 colours").arg(themeName(theme)));
        themeAction->setCheckable(true);
        themeAction->setData(themeName(theme));
        themeGroup->addAction(themeAction);
        connect(themeAction, &QAction::triggered, this, [this, theme] { setTheme(themeName(theme)); });
    }

    QMenu *toolsMenu = menuBar()->addMenu(tr("&Tools"));
    toolsMenu->setObjectName(QStringLiteral("toolsMenu"));
    QAction *secretAction =
        makeAction(this, tr("Webhook &Secret…"), "secretAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
                   tr("Set, replace or clear the webhook secret in the OS keychain"));
    connect(secretAction, &QAction::triggered, this, &MainWindow::showSecretDialog);
    toolsMenu->addAction(secretAction);
    QAction *upstreamSecretAction =
        makeAction(this, tr("Your &Webhook's Own Secret…"), "upstreamSecretAction", QKeySequence(),
                   tr("Set, replace or clear the secret the relay re-signs forwarded requests with"));
    connect(upstreamSecretAction, &QAction::triggered, this, &MainWindow::showUpstreamSecretDialog);
    toolsMenu->addAction(upstreamSecretAction);
    if (m_endpoint->isTeamHistory()) {
        QAction *teamPasswordAction =
            makeAction(this, tr("&Team History Password…"), "teamPasswordAction", QKeySequence(),
                       tr("Keep the team database's password in the OS keychain and connect with it"));
        connect(teamPasswordAction, &QAction::triggered, this, &MainWindow::askTeamPassword);
        toolsMenu->addAction(teamPasswordAction);
    }

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(QStringLiteral("helpMenu"));
    QAction *aboutAction = makeAction(this, tr("&About Dockside"), "aboutAction", QKeySequence(Qt::Key_F1),
                                      tr("Show the version of Dockside"));
    aboutAction->setMenuRole(QAction::AboutRole);
    connect(aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *shortcutsAction =
        makeAction(this, tr("&Keyboard Shortcuts"), "keyboardShortcutsAction", QKeySequence(Qt::CTRL | Qt::Key_Slash),
                   tr("List every keyboard shortcut of the window, searchable"));
    connect(shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcuts);
    helpMenu->addActions({shortcutsAction, aboutAction});
}

void MainWindow::showShortcuts()
{
    // Read again on every showing: the list is what the window's actions are now.
    if (m_shortcutsDialog == nullptr)
        m_shortcutsDialog = new ShortcutsDialog(this);
    else
        m_shortcutsDialog->refresh();
    m_shortcutsDialog->show();
    m_shortcutsDialog->raise();
    m_shortcutsDialog->activateWindow();
    m_shortcutsDialog->searchField()->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::focusSearch()
{
    QLineEdit *field = m_searchFields.value(m_pages->currentWidget());
    if (field == nullptr)
        return;
    field->setFocus(Qt::ShortcutFocusReason);
    field->selectAll();
}

void MainWindow::connectSession()
{
    connect(m_document, &WorkspaceDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &WorkspaceDocument::fileNameChanged, this, &MainWindow::updateTitle);
    connect(m_document, &WorkspaceDocument::workspaceReset, this, &MainWindow::updateTitle);
    connect(m_document, &WorkspaceDocument::changed, this, &MainWindow::updateWorkspaceStatus);
    connect(m_document, &WorkspaceDocument::workspaceReset, this, &MainWindow::updateWorkspaceStatus);
    updateWorkspaceStatus();

    connect(m_secrets, &SecretController::stateChanged, this, [this] {
        m_secretStatus->setText(m_secrets->summary());
        m_composer->setSecret(m_secrets->secret(), m_secrets->summary());
        m_endpointPanel->setSecret(m_secrets->secret());
        m_scenarios->setSecret(m_secrets->secret());
        m_burst->setSecret(m_secrets->secret());
        m_routing->setSecret(m_secrets->secret());
    });
    m_secretStatus->setText(m_secrets->summary());
    m_routing->setSecret(m_secrets->secret());
    connect(m_upstreamSecrets, &SecretController::stateChanged, this, [this] {
        m_endpointPanel->relaySection()->setUpstreamSecret(m_upstreamSecrets->secret(), m_upstreamSecrets->summary());
    });
    connect(m_endpointPanel->relaySection(), &RelaySection::upstreamSecretRequested, this,
            &MainWindow::showUpstreamSecretDialog);

    connect(m_endpoint, &EndpointHost::started, this, [this](const QUrl &url) {
        m_composer->setMockEndpointUrl(url);
        m_scenarios->setDefaultTargetUrl(url);
        m_burst->setDefaultTargetUrl(url);
        updateEndpointActions();
    });
    connect(m_endpoint, &EndpointHost::stopped, this, [this] {
        m_composer->setMockEndpointUrl({});
        updateEndpointActions();
    });
    connect(m_endpoint, &EndpointHost::failed, this, &MainWindow::updateEndpointActions);
    connect(m_endpoint, &EndpointHost::historyFailed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("History: %1").arg(message), kStatusMessageMs);
        if (std::exchange(m_clearingHistory, false))
            m_clearHistoryAction->setEnabled(true);
    });
    connect(m_endpoint, &EndpointHost::historyCleared, this, &MainWindow::historyCleared);
    connect(m_endpoint, &EndpointHost::historyForgotten, this, &MainWindow::historyForgotten);
    connect(m_timeline, &TimelineView::forgetCallerRequested, this, &MainWindow::forgetCaller);
    m_timeline->setContactNames([this] {
        QStringList names;
        for (const contacts::Contact &contact : m_document->workspace().contacts.contacts())
            names.append(contact.name);
        return names;
    });
    connect(m_endpointPanel, &EndpointPanel::retentionChangeRequested, this, &MainWindow::changeRetention);
    connect(m_endpoint, &EndpointHost::retentionApplied, this, [this](qint64 removed) {
        if (removed > 0)
            m_timeline->refresh();
    });
    connect(m_composer, &ComposerPanel::exchangeCompleted, m_endpoint, &EndpointHost::recordOutbound);

    if (m_endpoint->hasHistory()) {
        m_timeline->setHistoryPath(m_endpoint->historyPath());
        m_templateEditor->setHistoryPath(m_endpoint->historyPath());
        QString error;
        if (!m_reader.open(m_endpoint->historyPath(), &error))
            statusBar()->showMessage(tr("Cannot read the history: %1").arg(error), kStatusMessageMs);
        if (m_endpoint->isTeamHistory())
            connectTeamHistory();
    }
    connect(m_endpoint, &EndpointHost::historyAppended, m_timeline, &TimelineView::appendIds);
    connect(m_endpoint, &EndpointHost::historyAppended, this, [this] {
        if (!m_playedCallId.isEmpty())
            showPlayedCall();
    });
    connect(m_composer, &ComposerPanel::callPlayed, this, [this](const QString &callId, int sentEvents) {
        m_playedCallId = callId;
        m_playedCallEvents = sentEvents;
        showPlayedCall();
    });
    // The template preview offers recent captured requests; a busy endpoint refreshes that list now and then.
    m_previewRefresh.setSingleShot(true);
    m_previewRefresh.setInterval(2000);
    connect(&m_previewRefresh, &QTimer::timeout, m_templateEditor, &TemplateEditor::refreshRecentRequests);
    connect(m_endpoint, &EndpointHost::historyAppended, this, [this] {
        if (!m_previewRefresh.isActive())
            m_previewRefresh.start();
    });
    const auto showMessage = [this](const QString &message) { statusBar()->showMessage(message, kStatusMessageMs); };
    connect(m_templateEditor, &TemplateEditor::statusMessage, this, showMessage);
    connect(m_scenarios, &ScenarioPanel::statusMessage, this, showMessage);
    connect(m_burst, &BurstPanel::statusMessage, this, showMessage);
    connect(m_timeline, &TimelineView::currentExchangeChanged, this, &MainWindow::showExchange);
    connect(m_timeline, &TimelineView::callChosen, this, [this] { m_detail->showTab(ExchangeDetailView::CallTab); });
    // A mark on the call's axis opens its exchange; the axis stays on the same call.
    m_detail->setCallerLanguage([this](const QString &number) {
        const auto contact = m_document->workspace().contacts.find(number);
        return contact ? contact->language : QString();
    });
    connect(m_detail->callView(), &CallView::exchangeActivated, this, [this](qint64 id) {
        if (const std::optional<history::ExchangeRecord> record = loadExchange(id)) {
            m_detail->showExchange(*record, m_document->workspace().defaultAssistant);
            showCallOf(*record);
            m_detail->showTab(ExchangeDetailView::ExchangeTab);
        }
    });
    connect(m_detail->callView(), &CallView::saveScenarioRequested, this, &MainWindow::saveCallAsScenario);
    connect(m_detail->callView(), &CallView::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, kStatusMessageMs); });
    connect(m_timeline, &TimelineView::replayRequested, this, [this](qint64 id) {
        if (const std::optional<history::ExchangeRecord> record = loadExchange(id)) {
            m_pages->setCurrentIndex(0);
            m_composer->loadReplay(*record);
        }
    });
    connect(m_timeline, &TimelineView::diffRequested, this, [this](qint64 left, qint64 right) {
        const std::optional<history::ExchangeRecord> leftRecord = loadExchange(left);
        const std::optional<history::ExchangeRecord> rightRecord = loadExchange(right);
        if (!leftRecord || !rightRecord)
            return;
        auto *dialog = new ExchangeDiffDialog(this);
        dialog->setObjectName(QStringLiteral("exchangeDiffDialog"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setExchanges(*leftRecord, *rightRecord);
        dialog->show();
    });
    connect(m_timeline, &TimelineView::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, kStatusMessageMs); });
    connect(m_composer, &ComposerPanel::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, kStatusMessageMs); });
    connect(m_endpointPanel, &EndpointPanel::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, kStatusMessageMs); });
    updateEndpointActions();
}

std::optional<history::ExchangeRecord> MainWindow::loadExchange(qint64 id)
{
    if (!m_reader.isOpen())
        return std::nullopt;
    std::optional<history::ExchangeRecord> record = m_reader.load(id);
    if (!record)
        statusBar()->showMessage(
            tr("Exchange #%1 could not be read: %2")
                .arg(id)
                .arg(m_reader.lastError().isEmpty() ? tr("it is no longer in the history") : m_reader.lastError()),
            kStatusMessageMs);
    return record;
}

void MainWindow::showExchange(qint64 id)
{
    const std::optional<history::ExchangeRecord> record = id > 0 ? loadExchange(id) : std::nullopt;
    if (!record) {
        m_detail->clear();
        return;
    }
    m_detail->showExchange(*record, m_document->workspace().defaultAssistant);
    showCallOf(*record);
}

void MainWindow::saveCallAsScenario(const QString &name)
{
    const calls::CallTrack &call = m_detail->callView()->track();
    QString error;
    const QList<history::ExchangeRecord> records =
        calls::CallLister::loadCall(m_reader, call.callId, call.direction, &error);
    QList<composer::Scenario> scenarios = m_document->workspace().scenarios;
    const calls::CallScenario made = calls::scenarioFromCall(records, name, scenarios);
    if (made.scenario.steps.isEmpty()) {
        statusBar()->showMessage(
            tr("None of this call's requests is a VoiceDock event, so there is nothing to replay."), kStatusMessageMs);
        return;
    }
    scenarios.append(made.scenario);
    m_document->setScenarios(scenarios);
    statusBar()->showMessage(tr("Saved the call as scenario \"%1\" (%2 steps) on the Scenarios page; Ctrl+S saves the "
                                "workspace.")
                                 .arg(made.scenario.displayName())
                                 .arg(made.scenario.steps.size()),
                             kStatusMessageMs);
}

void MainWindow::showPlayedCall()
{
    if (!m_reader.isOpen())
        return;
    QString error;
    const QList<history::ExchangeSummary> exchanges =
        calls::CallLister::exchangesOf(m_reader, m_playedCallId, history::Direction::Outbound, &error);
    if (exchanges.size() < m_playedCallEvents)
        return; // the rest is still on its way into the history
    const QString callId = std::exchange(m_playedCallId, QString());
    m_timeline->selectCall(callId, history::Direction::Outbound);
    showExchange(exchanges.constFirst().id);
    m_detail->showTab(ExchangeDetailView::CallTab);
}

void MainWindow::showCallOf(const history::ExchangeRecord &record)
{
    if (record.callId.isEmpty()) {
        m_detail->hideCall();
        return;
    }
    // A call is a handful of exchanges, each read by its primary key: a few milliseconds, as the one above.
    QString error;
    QList<history::ExchangeRecord> records =
        calls::CallLister::loadCall(m_reader, record.callId, record.direction, &error);
    if (records.isEmpty())
        records.append(record);
    m_detail->showCall(calls::trackCall(records, m_document->workspace().defaultAssistant));
}

void MainWindow::connectTeamHistory()
{
    m_teamStatus->setVisible(true);
    m_teamStatus->setToolTip(
        tr("Team history %1: every desktop that opens it sees these exchanges live.").arg(m_endpoint->historyPath()));
    const auto showStatus = [this](const QString &status) {
        m_teamStatus->setText(tr("Team history: %1").arg(status));
        m_teamStatus->setAccessibleName(m_teamStatus->text());
    };
    connect(m_endpoint, &EndpointHost::teamStatusChanged, this, showStatus);
    showStatus(m_endpoint->teamStatus());
    connect(m_endpoint, &EndpointHost::teamHistoryResumed, m_timeline, &TimelineView::refresh);
    const bool readOnly = m_reader.isOpen() && m_reader.isReadOnly();
    m_endpointPanel->setTeamHistory(readOnly);
    m_endpointPanel->setRetention(m_keepRows, m_keepDays, true);
    if (!readOnly)
        return;
    // Support staff view with a role that may only read: nothing to copy, nothing to clear.
    m_endpoint->stopTeamCopy();
    m_clearHistoryAction->setEnabled(false);
    m_clearHistoryAction->setToolTip(tr("Unavailable: the team history's role may only read."));
    statusBar()->showMessage(tr("Viewing the team history read-only: Clear and retention are unavailable, and this "
                                "window's own exchanges stay on this machine."),
                             kStatusMessageMs);
}

void MainWindow::askTeamPassword()
{
    const std::optional<teamhistory::TeamDatabase> database =
        teamhistory::parseTeamHistoryUrl(m_endpoint->historyPath(), nullptr);
    if (!database)
        return;
    bool ok = false;
    const QString password = m_teamPasswordPrompt(teamhistory::teamPasswordKey(*database).section(u':', 1), &ok);
    if (!ok || password.isEmpty())
        return;
    teamhistory::rememberTeamPassword(*database, password);
    auto *store = new secrets::SecretStore(QLatin1String(secrets::kKeychainService), this);
    connect(store, &secrets::SecretStore::secretWritten, store, &QObject::deleteLater);
    connect(store, &secrets::SecretStore::failed, this, [this, store](const QString &, const QString &message) {
        statusBar()->showMessage(
            tr("The password is used until Dockside quits, but the keychain did not keep it: %1").arg(message),
            kStatusMessageMs);
        store->deleteLater();
    });
    store->write(teamhistory::teamPasswordKey(*database), password.toUtf8());
    // Every connection opens again with it: the readers here, the copier and the listener.
    m_endpoint->restartTeamHistory();
    QString error;
    if (!m_reader.open(m_endpoint->historyPath(), &error))
        statusBar()->showMessage(tr("Cannot read the history: %1").arg(error), kStatusMessageMs);
    else
        statusBar()->showMessage(tr("Connected to the team history."), kStatusMessageMs);
    m_timeline->setHistoryPath(m_endpoint->historyPath());
    m_timeline->refresh();
}

void MainWindow::clearHistory()
{
    if (!m_endpoint->hasHistory()) {
        statusBar()->showMessage(tr("No history file is open, so there is nothing to clear."), kStatusMessageMs);
        return;
    }
    if (m_clearingHistory)
        return;
    // One count(*) over the exchanges' smallest index: about 20 ms for a million rows.
    const qint64 exchanges = m_reader.isOpen() ? m_reader.count({}) : -1;
    if (exchanges < 0) {
        statusBar()->showMessage(tr("The history was not cleared because it cannot be read: %1")
                                     .arg(m_reader.isOpen() ? m_reader.lastError() : tr("it is not open")),
                                 kStatusMessageMs);
        return;
    }
    if (exchanges == 0) {
        statusBar()->showMessage(tr("The history is already empty."), kStatusMessageMs);
        return;
    }
    if (!m_clearHistoryPrompt(exchanges)) {
        statusBar()->showMessage(tr("The history was kept."), kStatusMessageMs);
        return;
    }
    m_clearingHistory = true;
    m_clearHistoryAction->setEnabled(false);
    statusBar()->showMessage(tr("Clearing the history…"));
    m_endpoint->clearHistory();
}

void MainWindow::historyCleared(qint64 removedRows)
{
    m_clearingHistory = false;
    m_clearHistoryAction->setEnabled(true);
    m_detail->clear();
    m_timeline->refresh();
    m_templateEditor->refreshRecentRequests();
    statusBar()->showMessage(
        removedRows == 1 ? tr("Cleared the history: 1 exchange removed.")
                         : tr("Cleared the history: %1 exchanges removed.").arg(QLocale().toString(removedRows)),
        kStatusMessageMs);
}

void MainWindow::changeRetention()
{
    qint64 rows = m_keepRows;
    int days = m_keepDays;
    if (!m_retentionPrompt(&rows, &days))
        return;
    m_keepRows = rows;
    m_keepDays = days;
    m_endpoint->setRetention(rows, days);
    m_endpointPanel->setRetention(rows, days, m_endpoint->hasHistory());
    if (m_options.useSettings) {
        QSettings settings;
        settings.setValue(QStringLiteral("history/keepDays"), days);
        settings.setValue(QStringLiteral("history/keepRows"), rows);
    }
    statusBar()->showMessage(tr("The history now keeps %1.").arg(history::retentionText(rows, days)), kStatusMessageMs);
}

void MainWindow::forgetCaller(const QString &number)
{
    if (!m_endpoint->hasHistory()) {
        statusBar()->showMessage(tr("No history file is open, so there is no caller to forget."), kStatusMessageMs);
        return;
    }
    if (!m_forgetCallerPrompt(number)) {
        statusBar()->showMessage(tr("Nothing was forgotten."), kStatusMessageMs);
        return;
    }
    statusBar()->showMessage(tr("Forgetting %1…").arg(history::ExchangeRedactor().maskNumber(number)));
    m_endpoint->forgetCaller(number);
}

void MainWindow::historyForgotten(const QString &number, qint64 exchanges, qint64 calls)
{
    m_detail->clear();
    m_timeline->refresh();
    m_templateEditor->refreshRecentRequests();
    // The status bar is seen over shoulders and in screenshots: the number stays masked.
    const QString masked = history::ExchangeRedactor().maskNumber(number);
    QString message;
    if (exchanges == 0)
        message = tr("The history holds no exchange of %1.").arg(masked);
    else if (calls == 0)
        message = tr("Forgot %1 exchange(s) of %2; the file was rewritten without them.")
                      .arg(QLocale().toString(exchanges), masked);
    else
        message = tr("Forgot %1 exchange(s) in %2 call(s) of %3; the file was rewritten without them.")
                      .arg(QLocale().toString(exchanges), QLocale().toString(calls), masked);
    statusBar()->showMessage(message, kStatusMessageMs);
}

void MainWindow::updateEndpointActions()
{
    const bool running = m_endpoint->isRunning();
    m_startStopAction->setText(running ? tr("&Stop Mock Endpoint") : tr("&Start Mock Endpoint"));
    m_copyUrlAction->setEnabled(running);
    m_endpointStatus->setText(running ? tr("Mock endpoint: %1").arg(m_endpoint->url().toString())
                                      : tr("Mock endpoint stopped (F5 starts it)"));
}

void MainWindow::updateTitle()
{
    // [*] shows the platform's unsaved-changes marker.
    setWindowTitle(tr("%1[*] — Dockside").arg(m_document->displayName()));
    setWindowModified(m_document->isModified());
}

bool MainWindow::openWorkspaceFile(const QString &fileName)
{
    workspace::WorkspaceLoad load = workspace::loadWorkspaceFile(fileName);
    if (!load.workspace) {
        showLoadErrors(fileName, load.errors);
        return false;
    }
    m_document->reset(std::move(*load.workspace), fileName);
    if (load.wasMigrated()) {
        m_document->markModified();
        statusBar()->showMessage(workspace::migrationNotice(load), kStatusMessageMs);
    } else {
        statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(fileName)), kStatusMessageMs);
    }
    return true;
}

bool MainWindow::selectTemplate(const QString &id)
{
    return m_templateEditor->selectTemplate(id);
}

QString MainWindow::currentTemplateId() const
{
    return m_templateEditor->currentTemplateId();
}

void MainWindow::updateWorkspaceStatus()
{
    const qsizetype count = m_document->workspace().templates.size();
    m_workspaceStatus->setText(m_document->displayName() + QStringLiteral(" · ") +
                               (count == 1 ? tr("1 template") : tr("%1 templates").arg(count)));
}

bool MainWindow::save()
{
    if (m_document->fileName().isEmpty())
        return saveAs();
    QString error;
    if (!m_document->save(&error)) {
        QMessageBox::warning(this, tr("Cannot Save Workspace"),
                             tr("The workspace was not saved and nothing was lost: %1").arg(error));
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_document->fileName())), kStatusMessageMs);
    return true;
}

bool MainWindow::saveAs()
{
    const QString suggestion = m_document->fileName().isEmpty()
        ? QDir::home().filePath(m_document->displayName().toLower().replace(QLatin1Char(' '), QLatin1Char('-')) +
                                QStringLiteral(".dockside.json"))
        : m_document->fileName();
    const QString fileName = m_saveFilePrompt(suggestion);
    if (fileName.isEmpty())
        return false;
    QString error;
    if (!m_document->saveAs(fileName, &error)) {
        QMessageBox::warning(this, tr("Cannot Save Workspace"),
                             tr("The workspace was not saved and nothing was lost: %1").arg(error));
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(fileName)), kStatusMessageMs);
    return true;
}

bool MainWindow::maybeSave()
{
    // Edits still in an editor count as unsaved too: apply them when valid, else let the user decide.
    if (m_templateEditor->hasPendingChanges() && !m_templateEditor->applyChanges()) {
        if (m_unsavedChangesPrompt(tr("the template being edited (it has errors)")) != QMessageBox::Discard)
            return false;
        m_templateEditor->revertChanges();
    }
    if (m_scenarios->hasPendingChanges() && !m_scenarios->applyChanges()) {
        if (m_unsavedChangesPrompt(tr("the scenario being edited (it has errors)")) != QMessageBox::Discard)
            return false;
        m_scenarios->revertChanges();
    }
    if (!m_document->isModified())
        return true;
    switch (m_unsavedChangesPrompt(m_document->displayName())) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

void MainWindow::chooseWorkspaceFile()
{
    if (!maybeSave())
        return;
    const QString directory =
        m_document->fileName().isEmpty() ? QString() : QFileInfo(m_document->fileName()).absolutePath();
    const QString fileName = QFileDialog::getOpenFileName(
        this, tr("Open Workspace"), directory, tr("Dockside workspaces (*.dockside.json *.json);;All files (*)"));
    if (!fileName.isEmpty())
        openWorkspaceFile(fileName);
}

void MainWindow::newWorkspace()
{
    if (!maybeSave())
        return;
    m_document->reset(emptyWorkspace(), {});
}

void MainWindow::openSampleWorkspace()
{
    if (!maybeSave())
        return;
    m_document->reset(workspace::builtinSampleWorkspace(), {});
    statusBar()->showMessage(tr("Opened the built-in sample workspace"), kStatusMessageMs);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    if (m_options.useSettings)
        saveSettings();
    event->accept();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Dockside"), aboutText(QApplication::applicationVersion(), libraryVersions()));
}

void MainWindow::showSecretDialog()
{
    auto *dialog = new SecretDialog(m_secrets, this);
    dialog->setObjectName(QStringLiteral("secretDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showUpstreamSecretDialog()
{
    auto *dialog = new SecretDialog(m_upstreamSecrets, this);
    dialog->setObjectName(QStringLiteral("upstreamSecretDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showLoadErrors(const QString &fileName, const QList<base::LoadError> &errors)
{
    QStringList lines;
    for (const base::LoadError &error : errors)
        lines.append(base::formatLoadError(fileName, error));

    auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot Open Workspace"),
                                tr("The workspace could not be opened; the current workspace stays open."),
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("workspaceLoadErrorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (lines.size() > kMaxErrorsInMessage) {
        box->setInformativeText(lines.mid(0, kMaxErrorsInMessage).join(QLatin1Char('\n')) + QLatin1Char('\n') +
                                tr("…and %1 more.").arg(lines.size() - kMaxErrorsInMessage));
        box->setDetailedText(lines.join(QLatin1Char('\n')));
    } else {
        box->setInformativeText(lines.join(QLatin1Char('\n')));
    }
    // Window-modal and non-blocking, so tests can find the box and close it.
    box->open();
}

void MainWindow::setTheme(const QString &name)
{
    applyTheme(themeFromName(name));
    if (m_options.useSettings)
        QSettings().setValue(QStringLiteral("view/theme"), name);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    // A geometry remembered on a larger monitor is brought back onto the screen it opens on now.
    if (restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()) && !isMaximized() &&
        !isFullScreen())
        setGeometry(clampedGeometry(geometry(), screenArea(geometry())));
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_workbenchSplitter->restoreState(settings.value(QStringLiteral("window/workbenchSplitter")).toByteArray());
    m_topSplitter->restoreState(settings.value(QStringLiteral("window/topSplitter")).toByteArray());
    m_bottomSplitter->restoreState(settings.value(QStringLiteral("window/bottomSplitter")).toByteArray());
    m_pages->setCurrentIndex(settings.value(QStringLiteral("window/page"), 0).toInt());
    m_composer->restoreState(settings.value(QStringLiteral("composer/state")).toByteArray());
    m_timeline->restoreState(settings.value(QStringLiteral("timeline/state")).toByteArray());
    m_templateEditor->setFormShown(settings.value(QStringLiteral("templates/form"), true).toBool());
    m_endpointPanel->setBindAddress(
        settings.value(QStringLiteral("endpoint/address"), QStringLiteral("127.0.0.1")).toString());
    m_endpointPanel->setPort(static_cast<quint16>(
        settings.value(QStringLiteral("endpoint/port"), static_cast<int>(mock::kDefaultMockPort)).toInt()));
    m_endpointPanel->relaySection()->setPublicUrl(settings.value(QStringLiteral("endpoint/publicUrl")).toString());
    m_endpointPanel->relaySection()->setResignChosen(settings.value(QStringLiteral("endpoint/resign"), false).toBool());
    const QString theme = settings.value(QStringLiteral("view/theme"), QStringLiteral("system")).toString();
    if (QAction *themeAction = findChild<QAction *>(theme + QStringLiteral("ThemeAction")))
        themeAction->setChecked(true);
}

QRect MainWindow::screenArea(const QRect &near) const
{
    if (m_options.screenArea)
        return *m_options.screenArea;
    const QScreen *screen = near.isValid() ? QGuiApplication::screenAt(near.center()) : nullptr;
    if (!screen)
        screen = this->screen();
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    return screen ? screen->availableGeometry() : QRect();
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/workbenchSplitter"), m_workbenchSplitter->saveState());
    settings.setValue(QStringLiteral("window/topSplitter"), m_topSplitter->saveState());
    settings.setValue(QStringLiteral("window/bottomSplitter"), m_bottomSplitter->saveState());
    settings.setValue(QStringLiteral("window/page"), m_pages->currentIndex());
    settings.setValue(QStringLiteral("composer/state"), m_composer->saveState());
    settings.setValue(QStringLiteral("timeline/state"), m_timeline->saveState());
    settings.setValue(QStringLiteral("templates/form"), m_templateEditor->isFormShown());
    settings.setValue(QStringLiteral("endpoint/address"), m_endpointPanel->bindAddress());
    settings.setValue(QStringLiteral("endpoint/port"), static_cast<int>(m_endpointPanel->port()));
    settings.setValue(QStringLiteral("endpoint/publicUrl"), m_endpointPanel->relaySection()->publicUrl());
    settings.setValue(QStringLiteral("endpoint/resign"), m_endpointPanel->relaySection()->resignChosen());
    settings.setValue(QStringLiteral("workspace/lastFile"), m_document->fileName());
}

} // namespace dockside::ui
