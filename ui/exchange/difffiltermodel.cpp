// SPDX-License-Identifier: GPL-3.0-or-later

#include "difffiltermodel.h"

#include "difftablemodel.h"

namespace dockside::ui {

DiffFilterModel::DiffFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

DiffFilterModel::~DiffFilterModel() = default;

void DiffFilterModel::setOnlyDifferences(bool only)
{
    if (only == m_onlyDifferences)
        return;
    m_onlyDifferences = only;
    invalidateFilter();
}

void DiffFilterModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filterText)
        return;
    m_filterText = trimmed;
    invalidateFilter();
}

bool DiffFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, DiffTableModel::FieldColumn, sourceParent);
    if (m_onlyDifferences &&
        index.data(DiffTableModel::ChangeRole).toInt() == static_cast<int>(contract::LeafChange::Same))
        return false;
    if (m_filterText.isEmpty())
        return true;
    for (const int role :
         {DiffTableModel::PartRole, DiffTableModel::FieldRole, DiffTableModel::LeftRole, DiffTableModel::RightRole}) {
        if (index.data(role).toString().contains(m_filterText, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace dockside::ui
