#include "headerfiltermodel.h"

#include "headertablemodel.h"

namespace dockside::ui {

HeaderFilterModel::HeaderFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

HeaderFilterModel::~HeaderFilterModel() = default;

void HeaderFilterModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filterText)
        return;
    m_filterText = trimmed;
    invalidateFilter();
}

bool HeaderFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filterText.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, HeaderTableModel::NameColumn, sourceParent);
    return index.data(HeaderTableModel::NameRole).toString().contains(m_filterText, Qt::CaseInsensitive) ||
        index.data(HeaderTableModel::ValueRole).toString().contains(m_filterText, Qt::CaseInsensitive);
}

} // namespace dockside::ui
