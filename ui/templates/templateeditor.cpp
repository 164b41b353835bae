// SPDX-License-Identifier: GPL-3.0-or-later

#include "templateeditor.h"

#include "common/elidingcombobox.h"

#include "answerdraft.h"
#include "overrideform.h"
#include "templateimportdialog.h"
#include "templatelistmodel.h"
#include "templatevalidation.h"

#include "base/jsonlocator.h"
#include "base/orderedjson.h"
#include "common/background.h"
#include "common/searchfiltermodel.h"
#include "contract/assistantsettings.h"
#include "editor/jsonitemeditcontroller.h"
#include "editor/jsonview.h"
#include "editor/validatingjsoneditor.h"
#include "editor/wording.h"
#include "outcome/calloutcomeview.h"
#include "templating/placeholder.h"
#include "workspace/templateexchange.h"
#include "workspace/workspacedocument.h"
#include "workspace/workspaceshapes.h"

#include <QAction>
#include <QButtonGroup>
#include <QComboBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QSet>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace dockside::ui {

namespace {

constexpr int kRecentRequestLimit = 20;

QLabel *wrappingLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

struct LoadedRequests {
    QList<PreviewRequest> requests;
    QString error;
};

// The workspace's templates as the editor reads and writes them.
class TemplateSource final : public JsonItemSource {
public:
    TemplateSource(WorkspaceDocument *document, TemplateListModel *model)
        : m_document(document)
        , m_model(model)
    {
    }

    void refillList() override { m_model->setTemplates(m_document->workspace().templates); }

    std::optional<QString> storedText(const QString &id) const override
    {
        const workspace::ResponseTemplate *stored = m_document->workspace().findTemplate(id);
        if (stored == nullptr)
            return std::nullopt;
        return templateText(*stored);
    }

    bool describesStored(const QString &text, const QString &id) const override
    {
        const workspace::ResponseTemplate *stored = m_document->workspace().findTemplate(id);
        if (stored == nullptr)
            return false;
        const TemplateValidation read = validateTemplateText(text.toUtf8(), m_document->workspace(), id);
        return read.responseTemplate && *read.responseTemplate == *stored;
    }

    JsonItemReading read(const QByteArray &utf8Text, const QString &originalId) const override
    {
        TemplateValidation validation = validateTemplateText(utf8Text, m_document->workspace(), originalId);
        JsonItemReading reading {std::move(validation.problems), {}, {}};
        if (validation.responseTemplate) {
            reading.id = validation.responseTemplate->id;
            reading.store = [document = m_document, responseTemplate = *validation.responseTemplate, originalId] {
                document->putTemplate(responseTemplate, originalId);
            };
        }
        return reading;
    }

private:
    WorkspaceDocument *m_document = nullptr;
    TemplateListModel *m_model = nullptr;
};

} // namespace

TemplateEditor::TemplateEditor(WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new TemplateListModel(this))
    , m_filter(new SearchFilterModel(this))
    , m_ask(messageBoxQuestions())
{
    setObjectName(QStringLiteral("templateEditor"));
    m_filter->setSourceModel(m_model);
    m_reviewImport = [this](TemplateImportPlan &plan, const QString &fileName) {
        TemplateImportDialog dialog(plan, fileName, this);
        if (dialog.exec() != QDialog::Accepted)
            return false;
        plan = dialog.plan();
        return true;
    };
    createWidgets();

    connect(m_document, &WorkspaceDocument::templatesChanged, this, &TemplateEditor::reloadTemplates);
    // The model suggestions come from the workspace's templates and default assistant: read them when those change.
    connect(m_document, &WorkspaceDocument::templatesChanged, this, &TemplateEditor::updateModelSuggestions);
    connect(m_document, &WorkspaceDocument::defaultAssistantChanged, this, &TemplateEditor::updateModelSuggestions);
    connect(m_document, &WorkspaceDocument::workspaceReset, this, &TemplateEditor::updateModelSuggestions);
    connect(m_document, &WorkspaceDocument::workspaceReset, this, [this] {
        // A new workspace: edits of the old one have no place in it (the window asked before replacing it).
        m_items->forgetCurrent();
        reloadTemplates();
        setPreviewRequests({}, {});
    });
    connect(m_document, &WorkspaceDocument::contactsChanged, this, &TemplateEditor::updatePreview);
    connect(m_document, &WorkspaceDocument::defaultAssistantChanged, this, &TemplateEditor::updatePreview);
    connect(m_document, &WorkspaceDocument::rulesChanged, this, [this] { m_editor->validateNow(); });

    reloadTemplates();
    updateModelSuggestions();
    setPreviewRequests({}, {});
}

TemplateEditor::~TemplateEditor() = default;

void TemplateEditor::createWidgets()
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("templateSplitter"));
    splitter->setChildrenCollapsible(false);

    // The list.
    auto *listPane = new QWidget(splitter);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 4, 0);
    m_search = new QLineEdit(listPane);
    m_search->setObjectName(QStringLiteral("templateSearch"));
    m_search->setAccessibleName(tr("Search templates"));
    m_search->setPlaceholderText(tr("Search templates"));
    m_search->setToolTip(tr("Shows the templates whose name, description or id contains every word of the text"));
    installSearch(m_search, m_filter, [this](const std::function<void()> &change) { m_items->refilter(change); });
    listLayout->addWidget(m_search);

    m_list = new QTreeView(listPane);
    m_list->setObjectName(QStringLiteral("templateList"));
    m_list->setAccessibleName(tr("Templates"));
    m_list->setModel(m_filter);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(TemplateListModel::NameColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(TemplateListModel::StatusColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(TemplateListModel::DelayColumn, QHeaderView::ResizeToContents);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TemplateEditor::updateActions);
    listLayout->addWidget(m_list, 1);

    const auto button = [listPane](const QString &text, const QString &name, const QString &tip) {
        auto *result = new QPushButton(text, listPane);
        result->setObjectName(name);
        result->setToolTip(tip);
        result->setStatusTip(tip);
        return result;
    };
    m_newButton = button(tr("Ne&w"), QStringLiteral("newTemplateButton"), tr("Add an empty template"));
    m_duplicateButton = button(tr("D&uplicate"), QStringLiteral("duplicateTemplateButton"),
                               tr("Copy the selected template under a new id"));
    m_deleteButton = button(tr("Delete"), QStringLiteral("deleteTemplateButton"),
                            tr("Delete the selected templates (Del); asks first"));
    m_importButton = button(tr("&Import…"), QStringLiteral("importTemplatesButton"),
                            tr("Add templates from an exported file or a single template file"));
    m_exportButton = button(tr("E&xport…"), QStringLiteral("exportTemplatesButton"),
                            tr("Write the selected templates to a file another workspace can import"));
    connect(m_newButton, &QPushButton::clicked, this, &TemplateEditor::newTemplate);
    connect(m_duplicateButton, &QPushButton::clicked, this, &TemplateEditor::duplicateSelected);
    connect(m_deleteButton, &QPushButton::clicked, this, &TemplateEditor::deleteSelected);
    connect(m_importButton, &QPushButton::clicked, this, &TemplateEditor::chooseImportFile);
    connect(m_exportButton, &QPushButton::clicked, this, &TemplateEditor::chooseExportFile);
    auto *buttons = new QGridLayout;
    buttons->addWidget(m_newButton, 0, 0);
    buttons->addWidget(m_duplicateButton, 0, 1);
    buttons->addWidget(m_deleteButton, 0, 2);
    buttons->addWidget(m_importButton, 1, 0, 1, 1);
    buttons->addWidget(m_exportButton, 1, 1, 1, 1);
    listLayout->addLayout(buttons);
    m_messageLabel = wrappingLabel(listPane, QStringLiteral("templateMessage"));
    m_messageLabel->setForegroundRole(QPalette::PlaceholderText);
    listLayout->addWidget(m_messageLabel);

    // The editor.
    auto *editorPane = new QWidget(splitter);
    auto *editorLayout = new QVBoxLayout(editorPane);
    editorLayout->setContentsMargins(4, 0, 4, 0);
    m_titleLabel = new QLabel(editorPane);
    m_titleLabel->setObjectName(QStringLiteral("templateTitle"));
    m_titleLabel->setTextFormat(Qt::PlainText);
    QFont titleFont = m_titleLabel->font();
    titleFont.setBold(true);
    m_titleLabel->setFont(titleFont);
    editorLayout->addWidget(m_titleLabel);
    JsonItemWidgets items =
        addJsonItemEditor(editorLayout, editorPane,
                          {QStringLiteral("templateJsonEditor"), QStringLiteral("templateState"),
                           QStringLiteral("applyTemplateButton"), QStringLiteral("revertTemplateButton"),
                           tr("Write this template into the workspace (Alt+A); only a template without errors")});
    items.list = m_list;
    m_editor = items.editor;
    // The JSON editor shares its place with the form: one of them shows, chosen with the switch above them.
    m_form = new OverrideForm(editorPane);
    auto *formScroll = new QScrollArea(editorPane);
    formScroll->setObjectName(QStringLiteral("overrideFormScroll"));
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    formScroll->setWidget(m_form);
    m_editorStack = new QStackedWidget(editorPane);
    m_editorStack->setObjectName(QStringLiteral("templateEditorStack"));
    const int editorIndex = editorLayout->indexOf(m_editor);
    editorLayout->removeWidget(m_editor);
    m_editorStack->addWidget(formScroll);
    m_editorStack->addWidget(m_editor);
    editorLayout->insertWidget(editorIndex, m_editorStack, 1);
    editorLayout->insertWidget(editorIndex, createSwitchRow(editorPane));
    connect(m_form, &OverrideForm::edited, this, &TemplateEditor::formEdited);
    connect(m_form, &OverrideForm::showPathRequested, this, &TemplateEditor::showJsonPath);
    connect(m_editor->view(), &JsonView::textChanged, this, &TemplateEditor::jsonTextChanged);
    // Ctrl+Z in a form field takes back the last change to the template, wherever it was made.
    const QList<QWidget *> formFields = m_form->findChildren<QWidget *>();
    for (QWidget *field : formFields)
        field->installEventFilter(this);

    // The preview.
    auto *previewPane = new QWidget(splitter);
    auto *previewLayout = new QVBoxLayout(previewPane);
    previewLayout->setContentsMargins(4, 0, 0, 0);
    auto *previewTitle = new QLabel(tr("Preview"), previewPane);
    previewTitle->setFont(titleFont);
    previewLayout->addWidget(previewTitle);
    auto *requestRow = new QHBoxLayout;
    m_requestCombo = new ElidingComboBox(previewPane); // long descriptions end with "…" in a narrow preview
    m_requestCombo->setObjectName(QStringLiteral("previewRequestCombo"));
    m_requestCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_requestCombo->setMinimumContentsLength(16);
    m_requestCombo->setToolTip(tr("The request to answer: a recent assistant-request from the history, or a sample"));
    connect(m_requestCombo, &QComboBox::currentIndexChanged, this, [this] {
        updatePlaceholderNames();
        updatePreview();
    });
    m_refreshButton = new QToolButton(previewPane);
    m_refreshButton->setObjectName(QStringLiteral("refreshRequestsButton"));
    m_refreshButton->setText(tr("Refresh"));
    m_refreshButton->setToolTip(tr("Read the newest assistant-requests from the history again"));
    connect(m_refreshButton, &QToolButton::clicked, this, &TemplateEditor::refreshRecentRequests);
    auto *requestLabel = new QLabel(tr("Request:"), previewPane);
    requestLabel->setBuddy(m_requestCombo);
    requestRow->addWidget(requestLabel);
    requestRow->addWidget(m_requestCombo, 1);
    requestRow->addWidget(m_refreshButton);
    previewLayout->addLayout(requestRow);
    m_requestNote = wrappingLabel(previewPane, QStringLiteral("previewRequestNote"));
    m_requestNote->setForegroundRole(QPalette::PlaceholderText);
    previewLayout->addWidget(m_requestNote);
    m_staleNote = wrappingLabel(previewPane, QStringLiteral("previewStale"));
    m_staleNote->setText(tr("The text has errors: this is the last version without them."));
    m_staleNote->hide();
    previewLayout->addWidget(m_staleNote);

    // Above both tabs: a template that cannot render answers 500, whichever tab shows.
    m_previewErrors = wrappingLabel(previewPane, QStringLiteral("previewErrors"));
    previewLayout->addWidget(m_previewErrors);
    // What the call does with this answer, drawn as the composer draws it; the answer itself on its own tab.
    m_previewTabs = new QTabWidget(previewPane);
    m_previewTabs->setObjectName(QStringLiteral("previewTabs"));
    m_outcomeView = new CallOutcomeView(m_previewTabs);
    m_outcomeView->setObjectName(QStringLiteral("previewOutcome"));
    m_previewTabs->addTab(m_outcomeView, tr("Ca&ll outcome"));
    auto *answerTab = new QWidget(m_previewTabs);
    auto *answerLayout = new QVBoxLayout(answerTab);
    m_previewStatus = wrappingLabel(answerTab, QStringLiteral("previewStatus"));
    answerLayout->addWidget(m_previewStatus);
    m_previewHeaders = new QTreeWidget(answerTab);
    m_previewHeaders->setObjectName(QStringLiteral("previewHeaders"));
    m_previewHeaders->setAccessibleName(tr("Answer headers"));
    m_previewHeaders->setAccessibleDescription(tr("The headers the endpoint answers the previewed request with"));
    m_previewHeaders->setHeaderLabels({tr("Header"), tr("Value")});
    m_previewHeaders->setRootIsDecorated(false);
    m_previewHeaders->setUniformRowHeights(true);
    m_previewHeaders->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    answerLayout->addWidget(m_previewHeaders);
    m_previewBody = new JsonView(answerTab);
    m_previewBody->setObjectName(QStringLiteral("previewBody"));
    m_previewBody->setLineWrapping(true);
    answerLayout->addWidget(m_previewBody, 1);
    m_previewTabs->addTab(answerTab, tr("An&swer"));
    previewLayout->addWidget(m_previewTabs, 1);

    splitter->addWidget(listPane);
    splitter->addWidget(editorPane);
    splitter->addWidget(previewPane);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 4);
    splitter->setStretchFactor(2, 3);
    splitter->setSizes({240, 420, 340});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    setMinimumSize(720, 420);

    m_items = new JsonItemEditController(items, TemplateListModel::IdRole,
                                         std::make_unique<TemplateSource>(m_document, m_model),
                                         {QStringLiteral("“%1”"), tr("the template"),
                                          tr("Select a template, or add one with New."), tr("Changes not applied yet")},
                                         this);
    connect(m_items, &JsonItemEditController::currentChanged, this, &TemplateEditor::currentTemplateChanged);
    connect(m_items, &JsonItemEditController::pendingChangesChanged, this, &TemplateEditor::pendingChangesChanged);
    connect(m_items, &JsonItemEditController::statusMessage, this, &TemplateEditor::say);
    connect(m_items, &JsonItemEditController::deleteRequested, this, &TemplateEditor::deleteSelected);
    connect(m_editor, &ValidatingJsonEditor::validated, this, &TemplateEditor::draftValidated);
}

QWidget *TemplateEditor::createSwitchRow(QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_viewSwitch = new QButtonGroup(row);
    const auto switchButton = [&](const QString &text, const QString &name, const QString &tip, int id) {
        auto *button = new QToolButton(row);
        button->setText(text);
        button->setObjectName(name);
        button->setToolTip(tip);
        button->setCheckable(true);
        button->setAutoRaise(false);
        m_viewSwitch->addButton(button, id);
        layout->addWidget(button);
    };
    switchButton(tr("Form"), QStringLiteral("templateFormButton"),
                 tr("The template as a form: greeting, model, duration, analysis or rejection"), 0);
    switchButton(tr("JSON"), QStringLiteral("templateJsonButton"), tr("The template as JSON, with every key"), 1);
    m_viewSwitch->button(0)->setChecked(true);
    connect(m_viewSwitch, &QButtonGroup::idClicked, m_editorStack, &QStackedWidget::setCurrentIndex);
    layout->addStretch(1);
    m_undoButton = new QToolButton(row);
    m_undoButton->setObjectName(QStringLiteral("templateUndoButton"));
    m_undoButton->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo")));
    m_undoButton->setText(tr("Undo"));
    m_undoButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_undoButton->setToolTip(tr("Take back the last change, made in the form or in the JSON (Ctrl+Z)"));
    m_redoButton = new QToolButton(row);
    m_redoButton->setObjectName(QStringLiteral("templateRedoButton"));
    m_redoButton->setIcon(QIcon::fromTheme(QStringLiteral("edit-redo")));
    m_redoButton->setText(tr("Redo"));
    m_redoButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_redoButton->setToolTip(tr("Make the change again (Ctrl+Shift+Z)"));
    connect(m_undoButton, &QToolButton::clicked, this, &TemplateEditor::undo);
    connect(m_redoButton, &QToolButton::clicked, this, &TemplateEditor::redo);
    layout->addWidget(m_undoButton);
    layout->addWidget(m_redoButton);
    updateUndoButtons();
    return row;
}

bool TemplateEditor::isFormShown() const
{
    return m_editorStack->currentIndex() == 0;
}

void TemplateEditor::setFormShown(bool shown)
{
    m_viewSwitch->button(shown ? 0 : 1)->setChecked(true);
    m_editorStack->setCurrentIndex(shown ? 0 : 1);
}

void TemplateEditor::undo()
{
    m_editor->view()->undo();
}

void TemplateEditor::redo()
{
    m_editor->view()->redo();
}

void TemplateEditor::updateUndoButtons()
{
    m_undoButton->setEnabled(m_editor->view()->isUndoAvailable());
    m_redoButton->setEnabled(m_editor->view()->isRedoAvailable());
}

bool TemplateEditor::eventFilter(QObject *watched, QEvent *event)
{
    // A line edit or text box would take Ctrl+Z back only in itself; the template's history covers both views.
    if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool isUndo = key->matches(QKeySequence::Undo);
        const bool isRedo = key->matches(QKeySequence::Redo);
        if (isUndo || isRedo) {
            event->accept();
            if (event->type() == QEvent::KeyPress) {
                if (isUndo)
                    undo();
                else
                    redo();
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TemplateEditor::formEdited()
{
    const AnswerDraft draft = m_form->draft();
    QList<DraftProblem> problems = draftProblems(draft);
    if (!problems.isEmpty()) {
        m_form->setProblems(problems);
        return;
    }
    const QJsonDocument current = QJsonDocument::fromJson(m_editor->text().toUtf8());
    QJsonObject templateJson = current.object();
    // Back to overrides after a rejection: the overrides the form cannot show come back with the ones it can.
    QJsonObject body = templateJson.value(QStringLiteral("body")).toObject();
    const QString id = templateJson.value(QStringLiteral("id")).toString();
    if (draft.kind == AnswerKind::Overrides && !body.contains(QStringLiteral("assistant")) &&
        !body.contains(QStringLiteral("max_duration_seconds")) && !m_overridesBody.isEmpty() && m_overridesOf == id) {
        for (const QString &key : {QStringLiteral("assistant"), QStringLiteral("max_duration_seconds")}) {
            if (m_overridesBody.contains(key))
                body.insert(key, m_overridesBody.value(key));
        }
        templateJson.insert(QStringLiteral("body"), body);
    }
    const QJsonObject written = writeAnswerDraft(draft, templateJson);
    const QByteArray text = base::toOrderedJson(written, workspace::templateShape());
    const TemplateValidation validation = validateTemplateText(text, m_document->workspace(), m_items->currentId());
    for (const JsonProblem &problem : validation.problems) {
        if (!problem.isError())
            continue;
        const QString field = formFieldName(problem.path);
        problems.append({field.isEmpty() ? problem.message : tr("%1: %2").arg(field, problem.message), problem.path});
    }
    m_form->setProblems(problems);
    if (!problems.isEmpty())
        return;
    const QScopedValueRollback guard(m_formWriting, true);
    m_editor->view()->replaceText(QString::fromUtf8(text));
    if (draft.kind == AnswerKind::Overrides) {
        m_overridesBody = written.value(QStringLiteral("body")).toObject();
        m_overridesOf = id;
    }
}

void TemplateEditor::jsonTextChanged()
{
    updateUndoButtons();
    if (m_formWriting)
        return;
    const QByteArray text = m_editor->text().toUtf8();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (m_items->currentId().isEmpty() && text.trimmed().isEmpty()) {
        m_form->setUnavailable(tr("Select a template, or add one with New."));
        return;
    }
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        const base::TextPosition position = base::textPositionOfOffset(text, error.offset);
        m_form->setUnavailable(
            error.error != QJsonParseError::NoError
                ? tr("The JSON has an error at line %1, column %2 (%3); fix it in JSON, or undo (Ctrl+Z).")
                      .arg(position.line)
                      .arg(position.column)
                      .arg(error.errorString())
                : tr("The template is not a JSON object; fix it in JSON, or undo (Ctrl+Z)."));
        return;
    }
    const AnswerReading reading = readAnswerDraft(document.object());
    if (reading.draft.kind == AnswerKind::Overrides) {
        m_overridesBody = document.object().value(QStringLiteral("body")).toObject();
        m_overridesOf = document.object().value(QStringLiteral("id")).toString();
    }
    m_form->load(reading);
    m_form->setProblems({});
}

void TemplateEditor::showJsonPath(const QString &jsonPath)
{
    setFormShown(false);
    const QByteArray text = m_editor->text().toUtf8();
    // A path the answer does not have yet (a missing sentence) shows where it would go: its nearest parent.
    QString path = jsonPath;
    std::optional<base::JsonLocation> location = base::locateJsonPath(text, path);
    while (!location && path.size() > 1) {
        const qsizetype cut = std::max(path.lastIndexOf(QLatin1Char('.')), path.lastIndexOf(QLatin1Char('[')));
        if (cut <= 0)
            break;
        path.truncate(cut);
        location = base::locateJsonPath(text, path);
    }
    if (location)
        m_editor->view()->goTo(location->position.line, location->position.column);
    m_editor->view()->setFocus(Qt::OtherFocusReason);
}

void TemplateEditor::updateModelSuggestions()
{
    // The models this workspace already uses come first; they are the ones a support agent means.
    QStringList models;
    const auto addModel = [&models](const QJsonValue &assistant) {
        const QString model = assistant.toObject()
                                  .value(QStringLiteral("llm_config"))
                                  .toObject()
                                  .value(QStringLiteral("model"))
                                  .toString();
        if (!model.isEmpty() && !models.contains(model))
            models.append(model);
    };
    addModel(m_document->workspace().defaultAssistant);
    for (const workspace::ResponseTemplate &responseTemplate : m_document->workspace().templates)
        addModel(QJsonDocument::fromJson(responseTemplate.body).object().value(QStringLiteral("assistant")));
    for (const QString &model : contract::commonLlmModels()) {
        if (!models.contains(model))
            models.append(model);
    }
    m_form->setModelSuggestions(models);
}

void TemplateEditor::setQuestionHandler(QuestionHandler handler)
{
    m_ask = std::move(handler);
    m_items->setQuestionHandler(m_ask);
}

void TemplateEditor::setImportReviewer(ImportReviewer reviewer)
{
    m_reviewImport = std::move(reviewer);
}

void TemplateEditor::setValidationDelay(int milliseconds)
{
    m_editor->setValidationDelay(milliseconds);
}

void TemplateEditor::say(const QString &message)
{
    m_messageLabel->setText(message);
    Q_EMIT statusMessage(message);
}

void TemplateEditor::reloadTemplates()
{
    m_items->reload();
    updateTitle();
    updateActions();
}

void TemplateEditor::currentTemplateChanged()
{
    // The last version without errors was another template's.
    m_draft.reset();
    updateTitle();
    updateActions();
}

void TemplateEditor::updateTitle()
{
    const workspace::ResponseTemplate *stored = m_document->workspace().findTemplate(m_items->currentId());
    m_titleLabel->setText(stored != nullptr ? QStringLiteral("%1  (%2)").arg(stored->name, stored->id)
                                            : tr("No template selected"));
}

QString TemplateEditor::currentTemplateId() const
{
    return m_items->currentId();
}

QStringList TemplateEditor::selectedTemplateIds() const
{
    return m_items->selectedIds();
}

bool TemplateEditor::selectTemplate(const QString &id)
{
    return m_items->select(id);
}

bool TemplateEditor::hasPendingChanges() const
{
    return m_items->hasPendingChanges();
}

bool TemplateEditor::applyChanges()
{
    return m_items->apply();
}

void TemplateEditor::revertChanges()
{
    m_items->revert();
}

void TemplateEditor::updateActions()
{
    const bool hasSelection = !selectedTemplateIds().isEmpty();
    m_duplicateButton->setEnabled(!m_items->currentId().isEmpty());
    m_deleteButton->setEnabled(hasSelection);
    m_exportButton->setEnabled(hasSelection);
}

void TemplateEditor::draftValidated(bool hasErrors)
{
    m_staleNote->setVisible(hasErrors && m_draft.has_value());
    if (hasErrors)
        return;
    const TemplateValidation validation =
        validateTemplateText(m_editor->text().toUtf8(), m_document->workspace(), m_items->currentId());
    m_draft = validation.responseTemplate;
    updatePreview();
}

void TemplateEditor::updatePreview()
{
    const int row = m_requestCombo->currentIndex();
    if (!m_draft || row < 0 || row >= m_requests.size()) {
        m_outcomeView->setPlaceholderText(m_items->currentId().isEmpty()
                                              ? tr("Select a template to see what the call does with its answer.")
                                              : tr("Fix the template's errors to see what the call does."));
        m_outcomeView->clear();
        m_form->setGreetingPreview({}, {});
        m_previewErrors->clear();
        m_previewErrors->hide();
        m_previewStatus->setText(m_items->currentId().isEmpty() ? tr("Select a template to see its answer.")
                                                                : tr("Fix the template's errors to see its answer."));
        m_previewHeaders->clear();
        m_previewBody->setText({});
        return;
    }
    showPreview(previewTemplate(*m_draft, m_document->workspace(), m_requests.at(row).request,
                                QDateTime::currentDateTimeUtc()));
}

void TemplateEditor::showPreview(const TemplatePreview &preview)
{
    m_requestNote->setText(preview.callerNote);
    if (preview.renderErrors.isEmpty()) {
        m_previewErrors->hide();
    } else {
        constexpr qsizetype kShownErrors = 3;
        QString listed = preview.renderErrors.mid(0, kShownErrors).join(QStringLiteral("\n• "));
        if (preview.renderErrors.size() > kShownErrors)
            listed += QLatin1Char('\n') +
                tr("… and %1 more (the answer body lists them all)").arg(preview.renderErrors.size() - kShownErrors);
        m_previewErrors->setText(
            tr("The template cannot render for this request, so the mock answers 500 and names the problem:\n• %1")
                .arg(listed));
        QPalette errorPalette = palette();
        const bool dark = palette().color(QPalette::Base).lightnessF() < 0.5;
        errorPalette.setColor(QPalette::WindowText, dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x1c, 0x1c));
        m_previewErrors->setPalette(errorPalette);
        m_previewErrors->show();
    }

    QString status;
    switch (preview.fault) {
    case workspace::Fault::Hang:
        status = tr("No answer: holds the connection for %1 ms, then closes it (fault: hang)").arg(preview.holdMs);
        break;
    case workspace::Fault::CloseWithoutAnswer:
        status = tr("No answer: closes the connection (fault: close)");
        break;
    case workspace::Fault::BrokenJson:
        status =
            tr("HTTP %1 after %2 ms, body cut in half (fault: broken_json)").arg(preview.status).arg(preview.holdMs);
        break;
    case workspace::Fault::None:
        status = tr("HTTP %1 after %2 ms").arg(preview.status).arg(preview.holdMs);
        break;
    }
    m_previewStatus->setText(status);
    m_previewHeaders->clear();
    for (const auto &[name, value] : preview.headers)
        m_previewHeaders->addTopLevelItem(new QTreeWidgetItem({QString::fromLatin1(name), QString::fromLatin1(value)}));
    // As tall as its rows, up to four; the body gets the rest.
    const int rows = std::clamp(m_previewHeaders->topLevelItemCount(), 1, 4);
    m_previewHeaders->setFixedHeight(m_previewHeaders->header()->sizeHint().height() +
                                     rows * (m_previewHeaders->fontMetrics().height() + 4) +
                                     2 * m_previewHeaders->frameWidth());
    m_previewBody->setJson(preview.body);

    if (!preview.outcome) {
        m_outcomeView->setPlaceholderText(
            tr("Only an assistant-request has a call outcome; this request is a %1.").arg(preview.eventType));
        m_outcomeView->clear();
        m_form->setGreetingPreview({}, {});
        return;
    }
    m_outcomeView->setOutcome(preview.outcome->outcome, m_document->workspace().defaultAssistant,
                              preview.callerLanguage);
    m_form->setGreetingPreview(preview.caller.isEmpty() ? tr("A web caller") : preview.caller,
                               preview.outcome->outcome.spokenFirst);
}

void TemplateEditor::updatePlaceholderNames()
{
    const int row = m_requestCombo->currentIndex();
    QStringList names = templating::platformPlaceholderNames();
    if (row >= 0 && row < m_requests.size()) {
        const base::CapturedRequest &request = m_requests.at(row).request;
        const QJsonDocument body = QJsonDocument::fromJson(request.body);
        names += templating::placeholderNames(body.isObject() ? QJsonValue(body.object()) : QJsonValue(body.array()),
                                              request.headers);
    } else {
        names += templating::placeholderNames();
    }
    m_editor->view()->setPlaceholderNames(names);
    m_form->setPlaceholderNames(names);
}

void TemplateEditor::setHistoryPath(const QString &path)
{
    m_historyPath = path;
    refreshRecentRequests();
}

void TemplateEditor::refreshRecentRequests()
{
    if (m_historyPath.isEmpty() || m_loading)
        return;
    m_loading = true;
    m_refreshButton->setEnabled(false);
    runInBackground(
        this,
        [path = m_historyPath] {
            LoadedRequests loaded;
            loaded.requests = loadRecentAssistantRequests(path, kRecentRequestLimit, &loaded.error);
            return loaded;
        },
        [this, path = m_historyPath](const LoadedRequests &loaded) {
            m_loading = false;
            m_refreshButton->setEnabled(true);
            if (path != m_historyPath) {
                refreshRecentRequests();
                return;
            }
            setPreviewRequests(loaded.requests, loaded.error);
        });
}

void TemplateEditor::setPreviewRequests(const QList<PreviewRequest> &fromHistory, const QString &historyError)
{
    const int oldRow = m_requestCombo->currentIndex();
    const qint64 oldId = oldRow >= 0 && oldRow < m_requests.size() ? m_requests.at(oldRow).historyId : -1;
    const QString oldLabel = m_requestCombo->currentText();

    m_requests = fromHistory + builtinPreviewRequests(m_document->workspace());
    if (m_pinnedRequest)
        m_requests.prepend(*m_pinnedRequest);
    {
        const QSignalBlocker blocker(m_requestCombo);
        m_requestCombo->clear();
        for (const PreviewRequest &request : m_requests)
            m_requestCombo->addItem(request.label);
        int row = 0;
        for (int i = 0; i < m_requests.size(); ++i) {
            if ((oldId > 0 && m_requests.at(i).historyId == oldId) ||
                (oldId <= 0 && m_requests.at(i).label == oldLabel))
                row = i;
        }
        m_requestCombo->setCurrentIndex(row);
    }
    if (!historyError.isEmpty())
        m_requestCombo->setToolTip(
            tr("The history could not be read (%1); only samples are offered.").arg(historyError));
    else if (!m_historyPath.isEmpty() && fromHistory.isEmpty())
        m_requestCombo->setToolTip(tr("No assistant-request has reached the mock endpoint yet; samples only."));
    else
        m_requestCombo->setToolTip(
            tr("The request to answer: a recent assistant-request from the history, or a sample"));
    updatePlaceholderNames();
    updatePreview();
    Q_EMIT previewRequestsChanged();
}

void TemplateEditor::pinPreviewRequest(const PreviewRequest &request)
{
    QList<PreviewRequest> fromHistory;
    for (const PreviewRequest &known : std::as_const(m_requests))
        if (known.historyId > 0)
            fromHistory.append(known);
    m_pinnedRequest = request;
    setPreviewRequests(fromHistory, QString());
    m_requestCombo->setCurrentIndex(0);
}

void TemplateEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The outcome's tint and the error colour are picked from the palette.
    if (event->type() == QEvent::PaletteChange)
        updatePreview();
}

void TemplateEditor::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refreshRecentRequests();
}

QString TemplateEditor::freeTemplateId(const QString &base) const
{
    if (m_document->workspace().findTemplate(base) == nullptr)
        return base;
    for (int suffix = 2;; ++suffix) {
        const QString candidate = base + QLatin1Char('-') + QString::number(suffix);
        if (m_document->workspace().findTemplate(candidate) == nullptr)
            return candidate;
    }
}

void TemplateEditor::newTemplate()
{
    if (!m_items->resolvePendingChanges())
        return;
    workspace::ResponseTemplate fresh;
    fresh.id = freeTemplateId(QStringLiteral("new-template"));
    fresh.name = tr("New template");
    fresh.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    fresh.body = QByteArrayLiteral("{}");
    m_document->putTemplate(fresh);
    selectTemplate(fresh.id);
    m_editor->setFocus(Qt::OtherFocusReason);
    say(tr("Added “%1”: an empty answer, so the default assistant takes the call.").arg(fresh.id));
}

void TemplateEditor::duplicateSelected()
{
    if (m_items->currentId().isEmpty() || !m_items->resolvePendingChanges())
        return;
    const workspace::ResponseTemplate *stored = m_document->workspace().findTemplate(m_items->currentId());
    if (stored == nullptr)
        return;
    // A copy: adding the duplicate reallocates the workspace's list.
    const workspace::ResponseTemplate original = *stored;
    workspace::ResponseTemplate copy = original;
    copy.id = freeTemplateId(original.id + QStringLiteral("-copy"));
    copy.name = tr("%1 (copy)").arg(original.name);
    m_document->putTemplate(copy);
    selectTemplate(copy.id);
    say(tr("Duplicated “%1” as “%2”.").arg(original.id, copy.id));
}

bool TemplateEditor::deleteSelected()
{
    const QStringList ids = selectedTemplateIds();
    if (ids.isEmpty())
        return false;
    const workspace::Workspace &current = m_document->workspace();
    QSet<QString> remaining;
    for (const workspace::ResponseTemplate &responseTemplate : current.templates) {
        if (!ids.contains(responseTemplate.id))
            remaining.insert(responseTemplate.id);
    }
    QSet<QString> all = remaining;
    for (const QString &id : ids)
        all.insert(id);
    const int brokenBefore = static_cast<int>(current.rules.unknownTemplateReferences(all, QStringLiteral("$")).size());
    const int brokenAfter =
        static_cast<int>(current.rules.unknownTemplateReferences(remaining, QStringLiteral("$")).size());

    QString question = ids.size() == 1
        ? tr("Delete the template “%1”?").arg(ids.constFirst())
        : tr("Delete %1 templates (%2)?").arg(ids.size()).arg(ids.join(QStringLiteral(", ")));
    if (brokenAfter > brokenBefore)
        question += QLatin1Char('\n') +
            tr("%1 use it and will name a template that is gone; the fallback answers instead.")
                .arg(counted(brokenAfter - brokenBefore, tr("rule answer"), tr("rule answers")));
    if (ids.contains(current.fallbackTemplateId))
        question += QLatin1Char('\n') + tr("It is the fallback template; the first template takes its place.");
    if (m_ask(this, tr("Delete templates"), question, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) !=
        QMessageBox::Yes)
        return false;

    QList<workspace::ResponseTemplate> kept = current.templates;
    kept.removeIf([&ids](const workspace::ResponseTemplate &t) { return ids.contains(t.id); });
    // The edits die with the template the user chose to delete.
    if (ids.contains(m_items->currentId()))
        m_items->forgetCurrent();
    m_document->setTemplates(kept);
    say(tr("Deleted %1.").arg(ids.join(QStringLiteral(", "))));
    return true;
}

bool TemplateEditor::importTemplatesFromFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        say(tr("Cannot read %1: %2.").arg(QFileInfo(fileName).fileName(), file.errorString()));
        return false;
    }
    const workspace::TemplateImport import = workspace::importTemplates(file.readAll());
    if (import.templates.isEmpty()) {
        QStringList lines;
        for (const base::LoadError &error : import.errors)
            lines.append(base::formatLoadError(QFileInfo(fileName).fileName(), error));
        say(tr("No template imported from %1:\n%2").arg(QFileInfo(fileName).fileName(), lines.join(QLatin1Char('\n'))));
        return false;
    }
    if (!m_items->resolvePendingChanges())
        return false;
    TemplateImportPlan plan = planTemplateImport(m_document->workspace(), import);
    if ((plan.conflictCount() > 0 || !plan.errors.isEmpty()) && !m_reviewImport(plan, fileName)) {
        say(tr("Import cancelled."));
        return false;
    }
    const TemplateImportResult result = applyTemplateImport(m_document->workspace(), plan);
    m_document->setTemplates(result.templates);
    const QString first = !result.added.isEmpty() ? result.added.constFirst()
        : !result.replaced.isEmpty()              ? result.replaced.constFirst()
                                                  : QString();
    if (!first.isEmpty())
        selectTemplate(first);
    QString message = result.summary();
    if (!plan.errors.isEmpty())
        message += QLatin1Char(' ') +
            tr("%1 of the file had problems and were left out.")
                .arg(counted(plan.errors.size(), tr("template"), tr("templates")));
    say(message);
    return true;
}

bool TemplateEditor::exportTemplatesToFile(const QStringList &ids, const QString &fileName, QString *error)
{
    QList<workspace::ResponseTemplate> chosen;
    for (const workspace::ResponseTemplate &responseTemplate : m_document->workspace().templates) {
        if (ids.contains(responseTemplate.id))
            chosen.append(responseTemplate);
    }
    if (chosen.isEmpty()) {
        if (error != nullptr)
            *error = tr("No template to export: select one or more in the list.");
        return false;
    }
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(workspace::exportTemplates(chosen)) < 0 || !file.commit()) {
        if (error != nullptr)
            *error = tr("Cannot write %1: %2.").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

void TemplateEditor::chooseImportFile()
{
    const QString fileName =
        QFileDialog::getOpenFileName(this, tr("Import templates"), {}, tr("Templates (*.json);;All files (*)"));
    if (!fileName.isEmpty())
        importTemplatesFromFile(fileName);
}

void TemplateEditor::chooseExportFile()
{
    const QStringList ids = selectedTemplateIds();
    if (ids.isEmpty())
        return;
    const QString suggested =
        (ids.size() == 1 ? ids.constFirst() : QStringLiteral("templates")) + QStringLiteral(".templates.json");
    const QString fileName =
        QFileDialog::getSaveFileName(this, tr("Export templates"), suggested, tr("Templates (*.json);;All files (*)"));
    if (fileName.isEmpty())
        return;
    QString error;
    if (exportTemplatesToFile(ids, fileName, &error))
        say(tr("Exported %1 to %2.")
                .arg(counted(ids.size(), tr("template"), tr("templates")), QFileInfo(fileName).fileName()));
    else
        say(error);
}

} // namespace dockside::ui
