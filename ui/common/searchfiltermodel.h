// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "common/searchtextrole.h"

#include <QSortFilterProxyModel>
#include <QString>
#include <QStringList>

#include <functional>

class QLineEdit;

namespace dockside::ui {

// The one search rule of every list: the query is split into words, and a row stays when each word appears
// somewhere in its SearchTextRole text, ignoring case. An empty query keeps every row.
class SearchFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchFilterModel)

public:
    // Keeps a row the words miss, for a list whose users type a value in another shape (a phone number spaced
    // differently); gets the source row's first column and the query.
    using AlsoAccept = std::function<bool(const QModelIndex &sourceIndex, const QString &query)>;
    // Hides a row whatever the query (e.g. "only differences"); true keeps it.
    using RowCondition = std::function<bool(const QModelIndex &sourceIndex)>;

    explicit SearchFilterModel(QObject *parent = nullptr);
    ~SearchFilterModel() override;

    void setQuery(const QString &query);
    QString query() const { return m_query; }
    QStringList words() const { return m_words; }
    void setAlsoAccept(AlsoAccept alsoAccept);
    void setRowCondition(RowCondition condition);
    // After whatever the row condition reads has changed.
    void refreshRowCondition();

    // True when each word appears in text, ignoring case.
    static bool matches(const QStringList &words, const QString &text);

Q_SIGNALS:
    void queryChanged(const QString &query);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_query;
    QStringList m_words;
    AlsoAccept m_alsoAccept;
    RowCondition m_rowCondition;
};

// Runs a change of a list's filter for a panel that must see it happen (keeping the edited row current).
using FilterChange = std::function<void(const std::function<void()> &change)>;

// Wires a search box to its filter: typing sets the query. change, when given, wraps each change of the query.
void installSearch(QLineEdit *edit, SearchFilterModel *filter, FilterChange change = {});

} // namespace dockside::ui
