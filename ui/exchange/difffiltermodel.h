// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace dockside::ui {

// Over a DiffTableModel: only the differences when asked, and rows whose field or values contain the filter text.
class DiffFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffFilterModel)

public:
    explicit DiffFilterModel(QObject *parent = nullptr);
    ~DiffFilterModel() override;

    void setOnlyDifferences(bool only);
    bool onlyDifferences() const { return m_onlyDifferences; }
    void setFilterText(const QString &text);
    QString filterText() const { return m_filterText; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_onlyDifferences = false;
    QString m_filterText;
};

} // namespace dockside::ui
