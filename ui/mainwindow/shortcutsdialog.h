// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QAbstractTableModel>
#include <QDialog>
#include <QList>
#include <QString>

class QLineEdit;
class QTableView;

namespace dockside::ui {

class SearchFilterModel;

// One shortcut of the window as Help ▸ Keyboard Shortcuts lists it.
struct ShortcutEntry {
    QString action; // "Send Event", without the mnemonic's ampersand
    QString keys; // "Ctrl+Return, Ctrl+Enter", as the platform writes them
    QString where; // "Composer menu", "Workbench ▸ Timeline"
    QString description; // the action's status tip, when it has one
};

// Every shortcut the window answers, read from its QActions (menus and widgets), QShortcuts and buttons at the
// time of asking, so the list cannot drift from what the keys do. Sorted by where, then by action.
QList<ShortcutEntry> collectShortcuts(const QWidget &window);

class ShortcutTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutTableModel)

public:
    enum Column { ActionColumn, KeysColumn, WhereColumn, ColumnCount };

    explicit ShortcutTableModel(QObject *parent = nullptr);
    ~ShortcutTableModel() override;

    void setEntries(QList<ShortcutEntry> entries);
    const QList<ShortcutEntry> &entries() const { return m_entries; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ShortcutEntry> m_entries;
};

// Help ▸ Keyboard Shortcuts: a searchable table of collectShortcuts(window).
class ShortcutsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    explicit ShortcutsDialog(QWidget *window);
    ~ShortcutsDialog() override;

    // Reads the window's shortcuts again.
    void refresh();
    QLineEdit *searchField() const { return m_search; }
    QTableView *table() const { return m_table; }

private:
    QWidget *m_window = nullptr;
    ShortcutTableModel *m_model = nullptr;
    SearchFilterModel *m_filter = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace dockside::ui
