// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "templateimport.h"
#include "templatepreview.h"

#include "editor/questionhandler.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>

#include <functional>

class QButtonGroup;
class QComboBox;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QLineEdit;
class QPushButton;
class QToolButton;
class QTreeView;
class QTreeWidget;

namespace dockside::ui {

class CallOutcomeView;
class JsonItemEditController;
class JsonView;
class OverrideForm;
class SearchFilterModel;
class TemplateListModel;
class ValidatingJsonEditor;
class WorkspaceDocument;

// The workspace's response templates: a searchable list, the selected template as a form (OverrideForm) or as JSON
// in an editor that checks it as you type, and a preview of the answer it gives to a captured or sample request,
// with the call outcome. The form writes into the JSON text, so both always say the same and one undo history
// (Ctrl+Z in either) takes back edits made in both.
//
// Edits are applied explicitly: the Apply button (Alt+A) writes the template into the workspace, and only when it
// has no errors; Revert (Alt+V) goes back to the workspace's version. Switching to another template with
// unapplied changes asks first. The preview follows the text as typed (the last version without errors).
class TemplateEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TemplateEditor)

public:
    // Reviews an import before it happens; false cancels it. The default shows TemplateImportDialog.
    using ImportReviewer = std::function<bool(TemplateImportPlan &plan, const QString &fileName)>;

    explicit TemplateEditor(WorkspaceDocument *document, QWidget *parent = nullptr);
    ~TemplateEditor() override;

    // What Edit > Find focuses while this page shows.
    QLineEdit *searchField() const { return m_search; }

    // The history file to offer captured assistant-requests from; read off the GUI thread.
    void setHistoryPath(const QString &path);
    // Reads the newest assistant-requests again (also done when the panel is shown).
    void refreshRecentRequests();

    bool selectTemplate(const QString &id);
    QString currentTemplateId() const;
    // Puts a request first in the preview's list and previews it (the Routing page's caller at a moment); it stays
    // until another is pinned.
    void pinPreviewRequest(const PreviewRequest &request);
    QStringList selectedTemplateIds() const;

    // Unapplied edits in the editor; the window asks before closing or replacing the workspace.
    bool hasPendingChanges() const;
    // Writes the edited template into the workspace; false, with nothing written, while it has errors.
    bool applyChanges();
    void revertChanges();

    void newTemplate();
    void duplicateSelected();
    // Asks first; returns whether anything was deleted.
    bool deleteSelected();
    // Reads the file, lets the reviewer settle taken ids, then writes the templates into the workspace.
    bool importTemplatesFromFile(const QString &fileName);
    bool exportTemplatesToFile(const QStringList &ids, const QString &fileName, QString *error);

    void setQuestionHandler(QuestionHandler handler);
    void setImportReviewer(ImportReviewer reviewer);

    // The form (true) or the JSON (false) beside the list.
    bool isFormShown() const;
    void setFormShown(bool shown);
    OverrideForm *overrideForm() const { return m_form; }
    // One undo history for the form and the JSON.
    void undo();
    void redo();

    // Time between the last keystroke and the check, 300 ms by default.
    void setValidationDelay(int milliseconds);

Q_SIGNALS:
    // For the status bar: what an action did, or why it did nothing.
    void statusMessage(const QString &message);
    void pendingChangesChanged(bool pending);
    // The list of preview requests changed (after a history read).
    void previewRequestsChanged();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createWidgets();
    void reloadTemplates();
    void currentTemplateChanged();
    void updateTitle();
    void updateActions();
    void draftValidated(bool hasErrors);
    void updatePreview();
    void showPreview(const TemplatePreview &preview);
    void updatePlaceholderNames();
    void setPreviewRequests(const QList<PreviewRequest> &fromHistory, const QString &historyError);
    void chooseImportFile();
    void chooseExportFile();
    void say(const QString &message);
    QWidget *createSwitchRow(QWidget *parent);
    void formEdited();
    void jsonTextChanged();
    void showJsonPath(const QString &jsonPath);
    void updateUndoButtons();
    void updateModelSuggestions();
    bool eventFilter(QObject *watched, QEvent *event) override;
    QString freeTemplateId(const QString &base) const;

    WorkspaceDocument *m_document = nullptr;
    TemplateListModel *m_model = nullptr;
    SearchFilterModel *m_filter = nullptr;
    QuestionHandler m_ask;
    ImportReviewer m_reviewImport;

    QLineEdit *m_search = nullptr;
    QTreeView *m_list = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_duplicateButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QLabel *m_messageLabel = nullptr;

    QLabel *m_titleLabel = nullptr;
    ValidatingJsonEditor *m_editor = nullptr;
    JsonItemEditController *m_items = nullptr;

    QComboBox *m_requestCombo = nullptr;
    QToolButton *m_refreshButton = nullptr;
    QLabel *m_requestNote = nullptr;
    QLabel *m_staleNote = nullptr;
    QLabel *m_previewStatus = nullptr;
    QTreeWidget *m_previewHeaders = nullptr;
    QLabel *m_previewErrors = nullptr;
    QTabWidget *m_previewTabs = nullptr;
    CallOutcomeView *m_outcomeView = nullptr;
    JsonView *m_previewBody = nullptr;

    QButtonGroup *m_viewSwitch = nullptr;
    QStackedWidget *m_editorStack = nullptr;
    OverrideForm *m_form = nullptr;
    QToolButton *m_undoButton = nullptr;
    QToolButton *m_redoButton = nullptr;
    // The last answer with overrides of the template with id m_overridesOf, brought back when its form switches back
    // to overrides after a rejection; never another template's.
    QJsonObject m_overridesBody;
    QString m_overridesOf;
    bool m_formWriting = false;

    std::optional<workspace::ResponseTemplate> m_draft; // the editor's text as last validated without errors
    QList<PreviewRequest> m_requests;
    std::optional<PreviewRequest> m_pinnedRequest;
    QString m_historyPath;
    bool m_loading = false; // the recent requests are being read
    quint64 m_loadGeneration = 0;
};

} // namespace dockside::ui
