// SPDX-License-Identifier: GPL-3.0-or-later

#include "headertablemodel.h"

#include "bytesformat.h"

#include <QFontDatabase>

namespace dockside::ui {

HeaderTableModel::HeaderTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

HeaderTableModel::~HeaderTableModel() = default;

void HeaderTableModel::setHeaders(const base::HeaderList &headers)
{
    beginResetModel();
    m_headers = headers;
    endResetModel();
}

int HeaderTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_headers.size());
}

int HeaderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant HeaderTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &[name, value] = m_headers.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return index.column() == NameColumn ? bytesAsText(name) : bytesAsText(value);
    case Qt::FontRole:
        if (index.column() == ValueColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        break;
    case NameRole:
        return bytesAsText(name);
    case ValueRole:
        return bytesAsText(value);
    case RawNameRole:
        return name;
    case RawValueRole:
        return value;
    case SearchTextRole:
        return QString(bytesAsText(name) + QLatin1Char('\n') + bytesAsText(value));
    default:
        break;
    }
    return {};
}

QVariant HeaderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Columns>(section)) {
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    case NUM_COLUMNS:
        break;
    }
    return {};
}

} // namespace dockside::ui
