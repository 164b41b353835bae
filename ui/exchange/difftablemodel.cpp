// SPDX-License-Identifier: GPL-3.0-or-later

#include "difftablemodel.h"

#include <QApplication>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPalette>

#include <algorithm>

namespace dockside::ui {

namespace {

constexpr qsizetype kMaxShownChars = 2000;

// Translucent tints: they sit on whatever base colour the palette has, light or dark.
QColor changeTint(contract::LeafChange change)
{
    switch (change) {
    case contract::LeafChange::Changed:
        return {255, 179, 0, 64};
    case contract::LeafChange::Added:
        return {67, 160, 71, 64};
    case contract::LeafChange::Removed:
        return {229, 57, 53, 64};
    case contract::LeafChange::Same:
        break;
    }
    return {};
}

bool leftPresent(const DiffRow &row)
{
    return row.change != contract::LeafChange::Added;
}

bool rightPresent(const DiffRow &row)
{
    return row.change != contract::LeafChange::Removed;
}

QString shown(const QString &text)
{
    return text.size() > kMaxShownChars ? text.left(kMaxShownChars) + QStringLiteral("…") : text;
}

} // namespace

DiffTableModel::DiffTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_leftTitle(tr("Left"))
    , m_rightTitle(tr("Right"))
    , m_fieldTitle(tr("Field"))
{
}

DiffTableModel::~DiffTableModel() = default;

void DiffTableModel::setRows(const QList<DiffRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void DiffTableModel::setSideTitles(const QString &left, const QString &right)
{
    m_leftTitle = left;
    m_rightTitle = right;
    Q_EMIT headerDataChanged(Qt::Horizontal, LeftColumn, RightColumn);
}

void DiffTableModel::setFieldTitle(const QString &title)
{
    m_fieldTitle = title;
    Q_EMIT headerDataChanged(Qt::Horizontal, FieldColumn, FieldColumn);
}

int DiffTableModel::count(contract::LeafChange change) const
{
    return static_cast<int>(
        std::count_if(m_rows.cbegin(), m_rows.cend(), [change](const DiffRow &row) { return row.change == change; }));
}

int DiffTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int DiffTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant DiffTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DiffRow &row = m_rows.at(index.row());
    const auto column = static_cast<Columns>(index.column());
    const bool absent = (column == LeftColumn && !leftPresent(row)) || (column == RightColumn && !rightPresent(row));

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case PartColumn:
            return row.part;
        case FieldColumn:
            return row.field;
        case ChangeColumn:
            return row.change == contract::LeafChange::Same ? QString() : contract::leafChangeName(row.change);
        case LeftColumn:
            return absent ? tr("(absent)") : shown(row.left);
        case RightColumn:
            return absent ? tr("(absent)") : shown(row.right);
        case NUM_COLUMNS:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (column == LeftColumn || column == RightColumn)
            return absent ? tr("Not present on this side") : shown(column == LeftColumn ? row.left : row.right);
        return row.field;
    case Qt::BackgroundRole:
        if (row.change != contract::LeafChange::Same)
            return changeTint(row.change);
        break;
    case Qt::ForegroundRole:
        if (absent)
            return QApplication::palette().color(QPalette::PlaceholderText);
        break;
    case Qt::FontRole:
        if (column == FieldColumn || column == LeftColumn || column == RightColumn) {
            QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
            font.setItalic(absent);
            return font;
        }
        if (column == ChangeColumn && row.change != contract::LeafChange::Same) {
            QFont font = QApplication::font();
            font.setBold(true);
            return font;
        }
        break;
    case ChangeRole:
        return static_cast<int>(row.change);
    case PartRole:
        return row.part;
    case FieldRole:
        return row.field;
    case LeftRole:
        return leftPresent(row) ? QVariant(row.left) : QVariant();
    case RightRole:
        return rightPresent(row) ? QVariant(row.right) : QVariant();
    default:
        break;
    }
    return {};
}

QVariant DiffTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Columns>(section)) {
    case PartColumn:
        return tr("Part");
    case FieldColumn:
        return m_fieldTitle;
    case ChangeColumn:
        return tr("Change");
    case LeftColumn:
        return m_leftTitle;
    case RightColumn:
        return m_rightTitle;
    case NUM_COLUMNS:
        break;
    }
    return {};
}

QString compactJsonText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isUndefined())
        return {};
    // Qt escapes scalars only inside a document: wrap in an array, then strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QList<DiffRow> jsonDiffRows(const QList<contract::JsonLeafDifference> &leaves, const QString &part)
{
    QList<DiffRow> rows;
    rows.reserve(leaves.size());
    for (const contract::JsonLeafDifference &leaf : leaves)
        rows.append({part, leaf.pointer.isEmpty() ? QStringLiteral("(whole document)") : leaf.pointer,
                     compactJsonText(leaf.left), compactJsonText(leaf.right), leaf.change});
    return rows;
}

} // namespace dockside::ui
