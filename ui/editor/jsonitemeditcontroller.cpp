// SPDX-License-Identifier: GPL-3.0-or-later

#include "jsonitemeditcontroller.h"

#include "jsonview.h"
#include "validatingjsoneditor.h"
#include "wording.h"

#include <QAbstractItemView>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace dockside::ui {

JsonItemWidgets addJsonItemEditor(QVBoxLayout *layout, QWidget *parent, const JsonItemEditorNames &names)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("dockside::ui::JsonItemEditController", text);
    };
    JsonItemWidgets widgets;
    widgets.editor = new ValidatingJsonEditor(parent);
    widgets.editor->setObjectName(names.editor);
    widgets.editor->view()->setLineWrapping(true);
    layout->addWidget(widgets.editor, 1);
    widgets.stateLabel = new QLabel(parent);
    widgets.stateLabel->setObjectName(names.stateLabel);
    widgets.stateLabel->setTextFormat(Qt::PlainText);
    widgets.applyButton = new QPushButton(tr("&Apply"), parent);
    widgets.applyButton->setObjectName(names.applyButton);
    widgets.applyButton->setToolTip(names.applyTip);
    widgets.revertButton = new QPushButton(tr("Reve&rt"), parent);
    widgets.revertButton->setObjectName(names.revertButton);
    widgets.revertButton->setToolTip(tr("Throw away the edits and show the workspace's version (Alt+V)"));
    auto *row = new QHBoxLayout;
    row->addWidget(widgets.stateLabel, 1);
    row->addWidget(widgets.revertButton);
    row->addWidget(widgets.applyButton);
    layout->addLayout(row);
    return widgets;
}

JsonItemEditController::JsonItemEditController(const JsonItemWidgets &widgets, int idRole,
                                               std::unique_ptr<JsonItemSource> source, JsonItemWording wording,
                                               QWidget *panel)
    : QObject(panel)
    , m_panel(panel)
    , m_widgets(widgets)
    , m_idRole(idRole)
    , m_source(std::move(source))
    , m_wording(std::move(wording))
    , m_ask(messageBoxQuestions())
{
    ValidatingJsonEditor *editor = m_widgets.editor;
    editor->setValidator([this](const QByteArray &text) { return m_source->read(text, m_currentId).problems; });
    connect(editor, &ValidatingJsonEditor::validated, this, &JsonItemEditController::updateState);
    connect(editor, &ValidatingJsonEditor::edited, this, &JsonItemEditController::updateState);
    connect(editor, &ValidatingJsonEditor::dirtyChanged, this, [this](bool dirty) {
        updateState();
        Q_EMIT pendingChangesChanged(dirty);
    });
    connect(m_widgets.list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &JsonItemEditController::currentRowChanged);
    // Del deletes in the list even when the window binds Del to something else.
    m_widgets.list->installEventFilter(this);
    if (m_widgets.applyButton != nullptr)
        connect(m_widgets.applyButton, &QPushButton::clicked, this, &JsonItemEditController::apply);
    if (m_widgets.revertButton != nullptr)
        connect(m_widgets.revertButton, &QPushButton::clicked, this, &JsonItemEditController::revert);
    updateState();
}

JsonItemEditController::~JsonItemEditController() = default;

void JsonItemEditController::setQuestionHandler(QuestionHandler handler)
{
    m_ask = std::move(handler);
}

void JsonItemEditController::reload()
{
    m_listChanging = true;
    const QStringList selected = selectedIds();
    m_source->refillList();
    QString id = m_currentId;
    if (!m_source->storedText(id)) {
        const QModelIndex first = m_widgets.list->model()->index(0, 0);
        id = first.isValid() ? first.data(m_idRole).toString() : QString();
    }
    QItemSelection selection;
    const int lastColumn = m_widgets.list->model()->columnCount() - 1;
    for (const QString &selectedId : selected + QStringList {id}) {
        const QModelIndex index = rowOf(selectedId);
        if (index.isValid())
            selection.select(index, index.siblingAtColumn(lastColumn));
    }
    QItemSelectionModel *selectionModel = m_widgets.list->selectionModel();
    const QModelIndex current = rowOf(id);
    if (current.isValid())
        selectionModel->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
    selectionModel->select(selection, QItemSelectionModel::ClearAndSelect);
    m_listChanging = false;

    if (id != m_currentId)
        load(id);
    else
        followStored();
}

void JsonItemEditController::forgetCurrent()
{
    m_currentId.clear();
    m_widgets.editor->setBaseline({});
}

void JsonItemEditController::refilter(const std::function<void()> &change)
{
    // Hiding the current row moves the list's current row to a neighbour, which is no choice of the user's.
    m_listChanging = true;
    change();
    m_listChanging = false;
    if (rowOf(m_currentId).isValid()) {
        showCurrentInList();
    } else if (m_widgets.list->currentIndex().isValid()) {
        // Else a click on that neighbour would not load it: it is current already.
        m_listChanging = true;
        m_widgets.list->selectionModel()->clearCurrentIndex();
        m_listChanging = false;
    }
}

bool JsonItemEditController::select(const QString &id)
{
    const QModelIndex index = rowOf(id);
    if (!index.isValid())
        return false;
    m_widgets.list->selectionModel()->setCurrentIndex(index,
                                                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    // The list may have been reloaded on the way (an apply), so the index is looked up again.
    m_widgets.list->scrollTo(m_widgets.list->currentIndex());
    return m_currentId == id;
}

QStringList JsonItemEditController::selectedIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_widgets.list->selectionModel()->selectedRows(0);
    for (const QModelIndex &row : rows)
        ids.append(row.data(m_idRole).toString());
    return ids;
}

bool JsonItemEditController::hasPendingChanges() const
{
    return m_widgets.editor->isDirty();
}

bool JsonItemEditController::resolvePendingChanges()
{
    ValidatingJsonEditor *editor = m_widgets.editor;
    if (!editor->isDirty())
        return true;
    const bool valid = editor->validateNow();
    const QString name = nameOf(m_currentId);
    QMessageBox::StandardButtons buttons = QMessageBox::Discard | QMessageBox::Cancel;
    if (valid)
        buttons |= QMessageBox::Apply;
    const QString text = valid ? tr("Apply your changes to %1 before leaving it?").arg(name)
                               : tr("Your changes to %1 have errors and cannot be applied. Discard them?").arg(name);
    const QMessageBox::StandardButton answer =
        m_ask(m_panel, tr("Unapplied changes"), text, buttons, valid ? QMessageBox::Apply : QMessageBox::Cancel);
    if (answer == QMessageBox::Apply)
        return apply();
    if (answer == QMessageBox::Discard) {
        editor->revert();
        return true;
    }
    return false;
}

bool JsonItemEditController::apply()
{
    if (m_currentId.isEmpty())
        return false;
    ValidatingJsonEditor *editor = m_widgets.editor;
    const QString text = editor->text();
    const bool valid = editor->validateNow();
    const JsonItemReading reading = m_source->read(text.toUtf8(), m_currentId);
    if (!valid || !reading.store) {
        Q_EMIT statusMessage(
            tr("Not applied: %1 has %2; they are listed under the editor.")
                .arg(m_wording.unnamed, counted(editor->problemModel()->errorCount(), tr("error"), tr("errors"))));
        return false;
    }
    // The new id and baseline first: storing reloads the list, which must find the item under its new id.
    m_currentId = reading.id;
    // The text stays as typed, undo history included: it is the applied version now.
    editor->rebase(text);
    reading.store();
    Q_EMIT statusMessage(tr("Applied %1 to the workspace.").arg(nameOf(m_currentId)));
    updateState();
    return true;
}

void JsonItemEditController::revert()
{
    m_widgets.editor->revert();
    updateState();
}

bool JsonItemEditController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_widgets.list && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete && key->modifiers() == Qt::NoModifier) {
            event->accept();
            if (event->type() == QEvent::KeyPress)
                Q_EMIT deleteRequested();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

void JsonItemEditController::currentRowChanged(const QModelIndex &current)
{
    // The list moving under the user's hand (a reload, a search) leaves the editor as it is.
    if (m_listChanging || !current.isValid())
        return;
    const QString id = current.data(m_idRole).toString();
    if (id == m_currentId)
        return;
    // Applying reloads the list, so the row is found again by id afterwards.
    if (resolvePendingChanges())
        load(id);
    showCurrentInList();
}

void JsonItemEditController::showCurrentInList()
{
    const QModelIndex index = rowOf(m_currentId);
    if (!index.isValid() || m_widgets.list->currentIndex() == index)
        return;
    m_listChanging = true;
    m_widgets.list->selectionModel()->setCurrentIndex(index,
                                                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_listChanging = false;
}

void JsonItemEditController::load(const QString &id)
{
    m_currentId = id;
    const std::optional<QString> stored = m_source->storedText(id);
    m_widgets.editor->setEnabled(stored.has_value());
    Q_EMIT currentChanged(id);
    m_widgets.editor->setBaseline(stored.value_or(QString()));
    updateState();
}

void JsonItemEditController::followStored()
{
    const std::optional<QString> stored = m_source->storedText(m_currentId);
    if (!stored) {
        load({});
        return;
    }
    ValidatingJsonEditor *editor = m_widgets.editor;
    // The applied text may be laid out differently from the stored one: keep it while it means the same item, but
    // check it again, since the rest of the document (taken ids, say) may have changed.
    if (m_source->describesStored(editor->baseline(), m_currentId)) {
        editor->validateNow();
        return;
    }
    if (editor->isDirty())
        // Changed elsewhere while edited here: the draft stays, and Revert goes to the new version.
        editor->rebase(*stored);
    else
        editor->setBaseline(*stored);
    updateState();
}

void JsonItemEditController::updateState()
{
    const ValidatingJsonEditor *editor = m_widgets.editor;
    const bool dirty = editor->isDirty();
    const bool errors = editor->hasErrors();
    if (m_widgets.applyButton != nullptr)
        m_widgets.applyButton->setEnabled(dirty && !errors && !m_currentId.isEmpty());
    if (m_widgets.revertButton != nullptr)
        m_widgets.revertButton->setEnabled(dirty);
    if (m_widgets.stateLabel == nullptr)
        return;
    QString state;
    if (m_currentId.isEmpty())
        state = m_wording.nothingSelected;
    else if (!dirty)
        state = tr("As in the workspace");
    else if (editor->isValidationPending())
        state = tr("Checking…");
    else if (errors)
        state = tr("Fix the errors to apply");
    else
        state = m_wording.notAppliedYet;
    m_widgets.stateLabel->setText(state);
}

QModelIndex JsonItemEditController::rowOf(const QString &id) const
{
    const QAbstractItemModel *model = m_widgets.list->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(m_idRole).toString() == id)
            return index;
    }
    return {};
}

QString JsonItemEditController::nameOf(const QString &id) const
{
    return id.isEmpty() ? m_wording.unnamed : m_wording.named.arg(id);
}

} // namespace dockside::ui
