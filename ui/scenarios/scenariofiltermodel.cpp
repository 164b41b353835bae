#include "scenariofiltermodel.h"

#include "scenariolistmodel.h"

namespace dockside::ui {

ScenarioFilterModel::ScenarioFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

ScenarioFilterModel::~ScenarioFilterModel() = default;

void ScenarioFilterModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filterText)
        return;
    m_filterText = trimmed;
    invalidateFilter();
}

bool ScenarioFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filterText.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, ScenarioListModel::NameColumn, sourceParent);
    for (const int role : {ScenarioListModel::NameRole, ScenarioListModel::IdRole, ScenarioListModel::DescriptionRole,
                           ScenarioListModel::EventRole}) {
        if (index.data(role).toString().contains(m_filterText, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace dockside::ui
