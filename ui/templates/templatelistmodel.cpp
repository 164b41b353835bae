// SPDX-License-Identifier: GPL-3.0-or-later

#include "templatelistmodel.h"

#include <QStringList>

namespace dockside::ui {

TemplateListModel::TemplateListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

TemplateListModel::~TemplateListModel() = default;

void TemplateListModel::setTemplates(const QList<workspace::ResponseTemplate> &templates)
{
    beginResetModel();
    m_templates = templates;
    endResetModel();
}

workspace::ResponseTemplate TemplateListModel::templateAt(int row) const
{
    if (row < 0 || row >= m_templates.size())
        return {};
    return m_templates.at(row);
}

QModelIndex TemplateListModel::indexOfId(const QString &id) const
{
    for (int row = 0; row < m_templates.size(); ++row) {
        if (m_templates.at(row).id == id)
            return index(row, NameColumn);
    }
    return {};
}

int TemplateListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_templates.size());
}

int TemplateListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant TemplateListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const workspace::ResponseTemplate &responseTemplate = m_templates.at(index.row());

    switch (role) {
    case Qt::DisplayRole:
        switch (static_cast<Columns>(index.column())) {
        case NameColumn:
            return responseTemplate.name;
        case StatusColumn:
            return responseTemplate.status;
        case DelayColumn:
            return tr("%1 ms").arg(responseTemplate.delayMs);
        case NUM_COLUMNS:
            break;
        }
        break;
    case Qt::ToolTipRole:
        return responseTemplate.description.isEmpty() ? responseTemplate.name : responseTemplate.description;
    case Qt::TextAlignmentRole:
        if (index.column() != NameColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        break;
    case IdRole:
        return responseTemplate.id;
    case NameRole:
        return responseTemplate.name;
    case DescriptionRole:
        return responseTemplate.description;
    case StatusRole:
        return responseTemplate.status;
    case DelayMsRole:
        return responseTemplate.delayMs;
    case SearchTextRole:
        return QStringList {responseTemplate.name, responseTemplate.description, responseTemplate.id}.join(
            QLatin1Char('\n'));
    default:
        break;
    }
    return {};
}

QVariant TemplateListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Columns>(section)) {
    case NameColumn:
        return tr("Template");
    case StatusColumn:
        return tr("Status");
    case DelayColumn:
        return tr("Delay");
    case NUM_COLUMNS:
        break;
    }
    return {};
}

} // namespace dockside::ui
