#include "contactfiltermodel.h"

#include "contacttablemodel.h"

#include "contacts/phonenumber.h"

namespace dockside::ui {

ContactFilterModel::ContactFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ContactTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
}

ContactFilterModel::~ContactFilterModel() = default;

void ContactFilterModel::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    m_words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QString compact = contacts::normalizePhoneNumber(text);
    // Only text that looks like a number is also tried without its spaces.
    const bool numberLike = !compact.isEmpty() && std::all_of(compact.cbegin(), compact.cend(), [](QChar character) {
        return character.isDigit() || character == QLatin1Char('+');
    });
    m_compactNumber = numberLike ? compact : QString();
    invalidateFilter();
}

bool ContactFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_compactNumber.isEmpty() && index.data(ContactTableModel::NumberRole).toString().contains(m_compactNumber))
        return true;
    const QString text = index.data(ContactTableModel::SearchTextRole).toString();
    for (const QString &word : m_words) {
        if (!text.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace dockside::ui
