// SPDX-License-Identifier: GPL-3.0-or-later

#include "stringlisteditor.h"

#include <QAction>
#include <QGridLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

namespace dockside::ui {

StringListEditor::StringListEditor(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_input(new QLineEdit(this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
{
    m_list->setObjectName(QStringLiteral("listItems"));
    m_input->setObjectName(QStringLiteral("listInput"));
    m_add->setObjectName(QStringLiteral("listAdd"));
    m_remove->setObjectName(QStringLiteral("listRemove"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_list->setMaximumHeight(m_list->fontMetrics().height() * 6);
    m_add->setToolTip(tr("Append the typed entry (Enter)"));
    m_remove->setToolTip(tr("Remove the selected entries (Del)"));
    m_remove->setEnabled(false);

    auto *removeAction = new QAction(tr("Remove"), m_list);
    removeAction->setShortcut(QKeySequence::Delete);
    removeAction->setShortcutContext(Qt::WidgetShortcut);
    m_list->addAction(removeAction);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_input, 0, 0);
    layout->addWidget(m_add, 0, 1);
    layout->addWidget(m_list, 1, 0);
    layout->addWidget(m_remove, 1, 1, Qt::AlignTop);

    connect(m_input, &QLineEdit::returnPressed, this, &StringListEditor::addTyped);
    connect(m_add, &QPushButton::clicked, this, &StringListEditor::addTyped);
    connect(m_remove, &QPushButton::clicked, this, &StringListEditor::removeSelected);
    connect(removeAction, &QAction::triggered, this, &StringListEditor::removeSelected);
    connect(m_list, &QListWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_list->selectedItems().isEmpty()); });
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        if (!m_loading)
            Q_EMIT itemsChanged();
    });
}

StringListEditor::~StringListEditor() = default;

void StringListEditor::setItems(const QStringList &items)
{
    m_loading = true;
    m_list->clear();
    for (const QString &text : items) {
        auto *item = new QListWidgetItem(text, m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    m_loading = false;
}

QStringList StringListEditor::items() const
{
    QStringList texts;
    for (int row = 0; row < m_list->count(); ++row) {
        const QString text = m_list->item(row)->text().trimmed();
        if (!text.isEmpty())
            texts.append(text);
    }
    return texts;
}

void StringListEditor::setPlaceholderText(const QString &text)
{
    m_input->setPlaceholderText(text);
}

void StringListEditor::addTyped()
{
    const QString text = m_input->text().trimmed();
    if (text.isEmpty())
        return;
    m_loading = true;
    auto *item = new QListWidgetItem(text, m_list);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_loading = false;
    m_list->scrollToItem(item);
    m_input->clear();
    Q_EMIT itemsChanged();
}

void StringListEditor::removeSelected()
{
    const QList<QListWidgetItem *> selected = m_list->selectedItems();
    if (selected.isEmpty())
        return;
    for (QListWidgetItem *item : selected)
        delete item;
    Q_EMIT itemsChanged();
}

} // namespace dockside::ui
