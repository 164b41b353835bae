// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "common/searchtextrole.h"
#include "workspace/responsetemplate.h"

#include <QAbstractTableModel>

namespace dockside::ui {

// HTTP headers in the order they came, names as sent.
class HeaderTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeaderTableModel)

public:
    enum Columns { NameColumn, ValueColumn, NUM_COLUMNS };
    enum Roles { NameRole = Qt::UserRole, ValueRole, RawNameRole, RawValueRole, SearchTextRole = ui::SearchTextRole };

    explicit HeaderTableModel(QObject *parent = nullptr);
    ~HeaderTableModel() override;

    void setHeaders(const base::HeaderList &headers);
    const base::HeaderList &headers() const { return m_headers; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    base::HeaderList m_headers;
};

} // namespace dockside::ui
