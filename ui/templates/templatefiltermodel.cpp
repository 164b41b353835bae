#include "templatefiltermodel.h"

#include "templatelistmodel.h"

namespace dockside::ui {

TemplateFilterModel::TemplateFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

TemplateFilterModel::~TemplateFilterModel() = default;

void TemplateFilterModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filterText)
        return;
    m_filterText = trimmed;
    invalidateFilter();
}

bool TemplateFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filterText.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, TemplateListModel::NameColumn, sourceParent);
    for (const int role :
         {TemplateListModel::NameRole, TemplateListModel::DescriptionRole, TemplateListModel::IdRole}) {
        if (index.data(role).toString().contains(m_filterText, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace dockside::ui
