#pragma once

#include <QSortFilterProxyModel>
#include <QString>
#include <QStringList>

namespace dockside::ui {

// Keeps the contacts in which every word of the search text appears (number, name, notes, language, customer
// since, "vip"), ignoring case; a number matches however it is spaced ("+31 6 1234" finds +31612345678).
// Sorts by the column the view asks for, VIP by its tick, and keeps the book's order until asked.
class ContactFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactFilterModel)

public:
    explicit ContactFilterModel(QObject *parent = nullptr);
    ~ContactFilterModel() override;

    void setFilterText(const QString &text);
    QString filterText() const { return m_filterText; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_filterText;
    QStringList m_words;
    QString m_compactNumber;
};

} // namespace dockside::ui
