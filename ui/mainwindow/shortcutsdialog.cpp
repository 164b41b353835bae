// SPDX-License-Identifier: GPL-3.0-or-later

#include "shortcutsdialog.h"

#include "common/searchfiltermodel.h"

#include <QAbstractButton>
#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QShortcut>
#include <QStackedWidget>
#include <QTableView>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace dockside::ui {

namespace {

QString withoutMnemonic(QString text)
{
    text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    text.remove(u'&');
    text.replace(u'\x01', u'&');
    return text;
}

QString keysText(const QList<QKeySequence> &sequences)
{
    QStringList keys;
    for (const QKeySequence &sequence : sequences) {
        if (!sequence.isEmpty())
            keys.append(sequence.toString(QKeySequence::NativeText));
    }
    return keys.join(QStringLiteral(", "));
}

// "View ▸ Exchange Detail" for a submenu of the menu bar's View menu.
QString menuPath(const QMenu *menu)
{
    QStringList titles;
    for (int depth = 0; menu != nullptr && depth < 8; ++depth) {
        titles.prepend(withoutMnemonic(menu->title()));
        const QMenu *parentMenu = nullptr;
        for (const QObject *object : menu->menuAction()->associatedObjects()) {
            if (const auto *candidate = qobject_cast<const QMenu *>(object)) {
                parentMenu = candidate;
                break;
            }
        }
        menu = parentMenu;
    }
    return QObject::tr("%1 menu").arg(titles.join(QStringLiteral(" ▸ ")));
}

// Where a widget's shortcut works: the window's page it is on, then the nearest widget with an accessible name,
// e.g. "Workbench ▸ Timeline".
QString placeOf(const QWidget *widget, const QWidget &window)
{
    QString page;
    QString name;
    for (const QWidget *current = widget; current != nullptr && current != &window; current = current->parentWidget()) {
        if (name.isEmpty())
            name = current->accessibleName();
        const QWidget *parent = current->parentWidget();
        if (qobject_cast<const QStackedWidget *>(parent) != nullptr) {
            if (const auto *tabs = qobject_cast<const QTabWidget *>(parent->parentWidget())) {
                const int index = tabs->indexOf(const_cast<QWidget *>(current));
                if (index >= 0)
                    page = withoutMnemonic(tabs->tabText(index)); // the outermost page wins
            }
        }
    }
    if (page.isEmpty())
        return name.isEmpty() ? QObject::tr("Main window") : name;
    return name.isEmpty() || name == page ? page : QStringLiteral("%1 ▸ %2").arg(page, name);
}

void visitMenu(const QMenu *menu, QList<ShortcutEntry> *entries, QSet<const QAction *> *seen)
{
    for (const QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        if (action->menu() != nullptr) {
            visitMenu(action->menu(), entries, seen);
            continue;
        }
        seen->insert(action);
        const QString keys = keysText(action->shortcuts());
        if (keys.isEmpty())
            continue;
        entries->append({withoutMnemonic(action->text()), keys, menuPath(menu), action->statusTip()});
    }
}

} // namespace

QList<ShortcutEntry> collectShortcuts(const QWidget &window)
{
    QList<ShortcutEntry> entries;
    QSet<const QAction *> seen;
    // The menus first, in the menu bar's order.
    if (const auto *menuBar = window.findChild<QMenuBar *>()) {
        for (const QAction *top : menuBar->actions()) {
            if (top->menu() != nullptr)
                visitMenu(top->menu(), &entries, &seen);
        }
    }
    QList<ShortcutEntry> local;
    // Actions of widgets (a list's context menu, an editor's own keys); an action in a menu that also works in a
    // widget is listed in both places.
    for (const QAction *action : window.findChildren<QAction *>()) {
        const QString keys = keysText(action->shortcuts());
        if (keys.isEmpty() || action->isSeparator())
            continue;
        for (const QObject *object : action->associatedObjects()) {
            const auto *widget = qobject_cast<const QWidget *>(object);
            if (widget == nullptr || qobject_cast<const QMenu *>(widget) != nullptr ||
                qobject_cast<const QMenuBar *>(widget) != nullptr || widget == &window)
                continue;
            local.append({withoutMnemonic(action->text()), keys, placeOf(widget, window), action->statusTip()});
        }
    }
    for (const QShortcut *shortcut : window.findChildren<QShortcut *>()) {
        const QString keys = keysText(shortcut->keys());
        const QString name = shortcut->whatsThis();
        if (keys.isEmpty() || name.isEmpty())
            continue;
        local.append({name, keys, placeOf(qobject_cast<const QWidget *>(shortcut->parent()), window), {}});
    }
    // Buttons with a shortcut of their own; the Alt+letter of a button's text is shown underlined already.
    for (const QAbstractButton *button : window.findChildren<QAbstractButton *>()) {
        const QKeySequence shortcut = button->shortcut();
        if (shortcut.isEmpty() || shortcut == QKeySequence::mnemonic(button->text()))
            continue;
        const QString name =
            button->accessibleName().isEmpty() ? withoutMnemonic(button->text()) : button->accessibleName();
        local.append({name, keysText({shortcut}), placeOf(button->parentWidget(), window), button->toolTip()});
    }
    std::sort(local.begin(), local.end(), [](const ShortcutEntry &a, const ShortcutEntry &b) {
        return std::tie(a.where, a.action) < std::tie(b.where, b.action);
    });
    // The same editor on several pages, or twice on one page, is listed once per page.
    local.erase(std::unique(local.begin(), local.end(),
                            [](const ShortcutEntry &a, const ShortcutEntry &b) {
                                return a.where == b.where && a.action == b.action && a.keys == b.keys;
                            }),
                local.end());
    entries.append(local);
    return entries;
}

ShortcutTableModel::ShortcutTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

ShortcutTableModel::~ShortcutTableModel() = default;

void ShortcutTableModel::setEntries(QList<ShortcutEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int ShortcutTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int ShortcutTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ShortcutTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ShortcutEntry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (static_cast<Column>(index.column())) {
        case ActionColumn:
            return entry.action;
        case KeysColumn:
            return entry.keys;
        case WhereColumn:
            return entry.where;
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
    case Qt::AccessibleDescriptionRole:
        return entry.description.isEmpty() ? QVariant() : QVariant(entry.description);
    case SearchTextRole:
        return index.column() == ActionColumn
            ? QVariant(QStringList {entry.action, entry.keys, entry.where, entry.description}.join(u' '))
            : QVariant();
    default:
        return {};
    }
}

QVariant ShortcutTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case ActionColumn:
        return tr("Action");
    case KeysColumn:
        return tr("Shortcut");
    case WhereColumn:
        return tr("Where");
    case ColumnCount:
        break;
    }
    return {};
}

ShortcutsDialog::ShortcutsDialog(QWidget *window)
    : QDialog(window)
    , m_window(window)
    , m_model(new ShortcutTableModel(this))
    , m_filter(new SearchFilterModel(this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Every shortcut of the window, read from its menus and panels. Tab and Shift+Tab "
                                "move between fields, the arrow keys within a list, Space or Enter presses the "
                                "focused button; Alt and an underlined letter reach a labelled field."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("shortcutsSearch"));
    m_search->setPlaceholderText(tr("Search actions, keys and places"));
    m_search->setAccessibleName(tr("Search shortcuts"));
    auto *searchLabel = new QLabel(tr("&Search"));
    searchLabel->setBuddy(m_search);
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(searchLabel);
    searchRow->addWidget(m_search, 1);
    layout->addLayout(searchRow);

    m_filter->setSourceModel(m_model);
    installSearch(m_search, m_filter);
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    refresh();
    resize(720, 520);
}

ShortcutsDialog::~ShortcutsDialog() = default;

void ShortcutsDialog::refresh()
{
    m_model->setEntries(collectShortcuts(*m_window));
    m_table->resizeColumnsToContents();
}

} // namespace dockside::ui
