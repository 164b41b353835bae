#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace dockside::ui {

// Keeps the headers whose name or value contains the filter text, ignoring case.
class HeaderFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeaderFilterModel)

public:
    explicit HeaderFilterModel(QObject *parent = nullptr);
    ~HeaderFilterModel() override;

    void setFilterText(const QString &text);
    QString filterText() const { return m_filterText; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_filterText;
};

} // namespace dockside::ui
