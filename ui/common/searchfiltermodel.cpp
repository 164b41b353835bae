// SPDX-License-Identifier: GPL-3.0-or-later

#include "searchfiltermodel.h"

#include <QLineEdit>

namespace dockside::ui {

SearchFilterModel::SearchFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

SearchFilterModel::~SearchFilterModel() = default;

void SearchFilterModel::setQuery(const QString &query)
{
    if (query == m_query)
        return;
    m_query = query;
    const QStringList words = query.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    // Typing a space changes the text, not the words: the rows stay as they are.
    if (words != m_words) {
        m_words = words;
        invalidateFilter();
    }
    Q_EMIT queryChanged(m_query);
}

void SearchFilterModel::setAlsoAccept(AlsoAccept alsoAccept)
{
    m_alsoAccept = std::move(alsoAccept);
    invalidateFilter();
}

void SearchFilterModel::setRowCondition(RowCondition condition)
{
    m_rowCondition = std::move(condition);
    invalidateFilter();
}

void SearchFilterModel::refreshRowCondition()
{
    invalidateFilter();
}

bool SearchFilterModel::matches(const QStringList &words, const QString &text)
{
    return std::all_of(words.cbegin(), words.cend(),
                       [&text](const QString &word) { return text.contains(word, Qt::CaseInsensitive); });
}

bool SearchFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_rowCondition && !m_rowCondition(index))
        return false;
    if (m_words.isEmpty() || matches(m_words, index.data(SearchTextRole).toString()))
        return true;
    return m_alsoAccept && m_alsoAccept(index, m_query);
}

void installSearch(QLineEdit *edit, SearchFilterModel *filter, FilterChange change)
{
    edit->setClearButtonEnabled(true);
    QObject::connect(edit, &QLineEdit::textChanged, filter, [filter, change = std::move(change)](const QString &text) {
        if (change)
            change([filter, &text] { filter->setQuery(text); });
        else
            filter->setQuery(text);
    });
}

} // namespace dockside::ui
