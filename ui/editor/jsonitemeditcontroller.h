// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "jsonproblemmodel.h"
#include "questionhandler.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QAbstractItemView;
class QLabel;
class QModelIndex;
class QPushButton;
class QVBoxLayout;
class QWidget;

namespace dockside::ui {

class ValidatingJsonEditor;

// What the editor's text says, read against the document.
struct JsonItemReading {
    QList<JsonProblem> problems; // errors and warnings, each at its line and column where it has one
    QString id; // the item's id as the text names it; set with store
    // Set only when the text has no errors: writes the item into the document, replacing the one it was read for.
    std::function<void()> store;
};

// The kind of item a JsonItemEditController edits, as the WorkspaceDocument holds it and the list shows it.
class JsonItemSource {
public:
    JsonItemSource() = default;
    virtual ~JsonItemSource() = default;
    Q_DISABLE_COPY_MOVE(JsonItemSource)

    // Puts the document's items into the list's model.
    virtual void refillList() = 0;
    // The stored item as the editor shows it; nothing when the document has no item with that id.
    virtual std::optional<QString> storedText(const QString &id) const = 0;
    // Whether text describes the item stored under id, however it is laid out.
    virtual bool describesStored(const QString &text, const QString &id) const = 0;
    // Reads the text as the new version of the item stored under originalId (empty for none).
    virtual JsonItemReading read(const QByteArray &utf8Text, const QString &originalId) const = 0;
};

// How a panel names its items in the texts the controller shows.
struct JsonItemWording {
    QString named; // one item with %1 for its id: “%1”, the scenario “%1”
    QString unnamed; // the item without an id: the template, the scenario
    QString nothingSelected; // the state line with no item: Select a template, or add one with New.
    QString notAppliedYet; // the state line for edits without errors: Changes not applied yet
};

// The widgets a JsonItemEditController drives; the panel creates and lays them out.
struct JsonItemWidgets {
    QAbstractItemView *list = nullptr; // column 0 of its model holds each item's id under the id role
    ValidatingJsonEditor *editor = nullptr;
    QPushButton *applyButton = nullptr;
    QPushButton *revertButton = nullptr;
    QLabel *stateLabel = nullptr;
};

// Object names and the Apply button's tip for addJsonItemEditor (tests find the widgets by these names).
struct JsonItemEditorNames {
    QString editor;
    QString stateLabel;
    QString applyButton;
    QString revertButton;
    QString applyTip;
};

// Adds the editor (wrapping lines) and, beneath it, the state line with Revert (Alt+V) and Apply (Alt+A) to layout;
// the list is left for the panel to set.
JsonItemWidgets addJsonItemEditor(QVBoxLayout *layout, QWidget *parent, const JsonItemEditorNames &names);

// A list of workspace items with the current one in a ValidatingJsonEditor: follows the list's current row, asks
// before leaving unapplied edits (apply, discard or stay), applies only text without errors, and keeps the draft
// when the document changes the item elsewhere (Revert then goes to the new version). Selecting, applying and
// reverting go through here, and Del on the list asks the panel to delete; everything else stays with the panel.
class JsonItemEditController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonItemEditController)

public:
    // panel parents the controller and its questions.
    JsonItemEditController(const JsonItemWidgets &widgets, int idRole, std::unique_ptr<JsonItemSource> source,
                           JsonItemWording wording, QWidget *panel);
    ~JsonItemEditController() override;

    void setQuestionHandler(QuestionHandler handler);

    // After the document's items changed: refills the list, keeps the selection and the current item (else the
    // first row), and brings the editor up to date without losing a draft.
    void reload();
    // The current item is gone (deleted, or a new workspace): its edits go without a question.
    void forgetCurrent();
    // Runs a change of the list's filter (a search). The item being edited stays in the editor, unasked, while the
    // filter hides it, and is the list's current row again once it shows it.
    void refilter(const std::function<void()> &change);

    // Makes id the list's current row, asking first about unapplied edits; true when the editor shows it.
    bool select(const QString &id);
    QString currentId() const { return m_currentId; }
    QStringList selectedIds() const;

    bool hasPendingChanges() const;
    // Asks what to do with unapplied edits before the editor leaves the item; false means stay.
    bool resolvePendingChanges();
    // Writes the text into the document; false, with nothing written, while it has errors.
    bool apply();
    void revert();

Q_SIGNALS:
    // The editor turns to another item (empty: none), just before its text is loaded.
    void currentChanged(const QString &id);
    void pendingChangesChanged(bool pending);
    // Del on the list: the panel deletes the selected items (asking first).
    void deleteRequested();
    // What apply did, or why it did nothing.
    void statusMessage(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void currentRowChanged(const QModelIndex &current);
    void showCurrentInList();
    void load(const QString &id);
    void followStored();
    void updateState();
    QModelIndex rowOf(const QString &id) const;
    QString nameOf(const QString &id) const;

    QWidget *m_panel = nullptr;
    JsonItemWidgets m_widgets;
    int m_idRole = 0;
    std::unique_ptr<JsonItemSource> m_source;
    JsonItemWording m_wording;
    QuestionHandler m_ask;
    QString m_currentId; // the item in the editor, as the document names it
    bool m_listChanging = false; // the list's current row moves with the list, not by the user's hand
};

} // namespace dockside::ui
