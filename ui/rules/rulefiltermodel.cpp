#include "rulefiltermodel.h"

#include "ruletablemodel.h"

namespace dockside::ui {

RuleFilterModel::RuleFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

RuleFilterModel::~RuleFilterModel() = default;

void RuleFilterModel::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    m_words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

bool RuleFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    const QString text =
        sourceModel()->index(sourceRow, 0, sourceParent).data(RuleTableModel::SearchTextRole).toString();
    for (const QString &word : m_words) {
        if (!text.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace dockside::ui
