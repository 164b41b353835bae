// SPDX-License-Identifier: GPL-3.0-or-later

#include "routingtablemodel.h"

#include "common/searchtextrole.h"
#include "routing/routingmoments.h"

namespace dockside::ui {

using routing::RoutingCell;

RoutingTableModel::RoutingTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

RoutingTableModel::~RoutingTableModel() = default;

void RoutingTableModel::setResult(const routing::RoutingResult &result, qint64 stepSeconds)
{
    beginResetModel();
    m_result = result;
    m_stepSeconds = stepSeconds;
    rebuildSpans();
    endResetModel();
}

void RoutingTableModel::clear()
{
    beginResetModel();
    m_result.reset();
    m_spans.clear();
    m_rowChanged.clear();
    endResetModel();
}

void RoutingTableModel::setZone(const QTimeZone &zone)
{
    if (zone == m_zone)
        return;
    m_zone = zone;
    if (columnCount() > 1)
        Q_EMIT headerDataChanged(Qt::Horizontal, 1, columnCount() - 1);
}

void RoutingTableModel::setGrouped(bool grouped)
{
    if (grouped == m_grouped)
        return;
    beginResetModel();
    m_grouped = grouped;
    rebuildSpans();
    endResetModel();
}

bool RoutingTableModel::changedAt(int row, qsizetype moment) const
{
    return m_result && m_result->diff && m_result->diff->isChanged(m_result->matrix, row, moment);
}

void RoutingTableModel::rebuildSpans()
{
    m_spans.clear();
    m_rowChanged.clear();
    if (!m_result)
        return;
    const routing::RoutingMatrix &matrix = m_result->matrix;
    const qsizetype moments = matrix.moments.size();
    const qsizetype callers = matrix.callers.size();
    // The other workspace's cells by the same row and column: both runs share callers and moments.
    const routing::RoutingMatrix *before = m_result->before ? &*m_result->before : nullptr;
    const bool sameShape = before != nullptr && before->callers == matrix.callers && before->moments == matrix.moments;
    for (qsizetype m = 0; m < moments; ++m) {
        bool boundary = m == 0 || !m_grouped;
        for (qsizetype c = 0; c < callers && !boundary; ++c) {
            boundary = matrix.cellIndex(c, m) != matrix.cellIndex(c, m - 1) ||
                changedAt(static_cast<int>(c), m) != changedAt(static_cast<int>(c), m - 1) ||
                (sameShape && before->cellIndex(c, m) != before->cellIndex(c, m - 1));
        }
        if (boundary)
            m_spans.append({m, m});
        else
            m_spans.last().last = m;
    }
    m_rowChanged.resize(callers);
    if (m_result->diff) {
        for (qsizetype c = 0; c < callers; ++c)
            for (qsizetype m = 0; m < moments && !m_rowChanged.at(c); ++m)
                m_rowChanged[c] = changedAt(static_cast<int>(c), m);
    }
}

const RoutingTableModel::Span *RoutingTableModel::spanOf(int column) const
{
    if (column < 1 || column > m_spans.size())
        return nullptr;
    return &m_spans.at(column - 1);
}

const RoutingCell *RoutingTableModel::cellAt(const QModelIndex &index) const
{
    const Span *span = index.isValid() ? spanOf(index.column()) : nullptr;
    if (span == nullptr || !m_result || index.row() >= m_result->matrix.callers.size())
        return nullptr;
    return &m_result->matrix.cell(index.row(), span->first);
}

const RoutingCell *RoutingTableModel::beforeCellAt(const QModelIndex &index) const
{
    const Span *span = index.isValid() ? spanOf(index.column()) : nullptr;
    if (span == nullptr || !m_result || !m_result->before)
        return nullptr;
    return routing::cellAt(*m_result->before, m_result->matrix.callers.at(index.row()).number,
                           m_result->matrix.moments.at(span->first));
}

const routing::RoutingCaller *RoutingTableModel::callerAt(int row) const
{
    if (!m_result || row < 0 || row >= m_result->matrix.callers.size())
        return nullptr;
    return &m_result->matrix.callers.at(row);
}

QDateTime RoutingTableModel::columnStart(int column) const
{
    const Span *span = spanOf(column);
    return span != nullptr ? m_result->matrix.moments.at(span->first) : QDateTime();
}

QString RoutingTableModel::columnLabel(int column) const
{
    const Span *span = spanOf(column);
    if (span == nullptr)
        return {};
    const QList<QDateTime> &moments = m_result->matrix.moments;
    if (m_stepSeconds > 0)
        return routing::bandLabel(moments.at(span->first), moments.at(span->last).addSecs(m_stepSeconds), m_zone);
    if (span->first == span->last)
        return routing::momentLabel(moments.at(span->first), m_zone);
    return routing::momentLabel(moments.at(span->first), m_zone) + QStringLiteral(" … ") +
        routing::momentLabel(moments.at(span->last), m_zone);
}

bool RoutingTableModel::rowChanged(int row) const
{
    return row >= 0 && row < m_rowChanged.size() && m_rowChanged.at(row);
}

int RoutingTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_result ? 0 : static_cast<int>(m_result->matrix.callers.size());
}

int RoutingTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_result ? 0 : static_cast<int>(m_spans.size()) + 1;
}

QVariant RoutingTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_result || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const routing::RoutingCaller &caller = m_result->matrix.callers.at(index.row());
    if (index.column() == 0) {
        switch (role) {
        case Qt::DisplayRole:
            return QString(caller.source == routing::RoutingCaller::Source::Contact
                               ? caller.label + QLatin1Char('\n') + caller.number
                               : caller.number + QLatin1Char('\n') + caller.label);
        case Qt::ToolTipRole:
            return tr("%1 (%2)%3")
                .arg(caller.number, caller.label,
                     rowChanged(index.row()) ? tr(": answered otherwise by the compared workspace") : QString());
        case SearchTextRole:
            return QString(caller.label + QLatin1Char(' ') + caller.number + QLatin1Char(' ') +
                           routing::RoutingCaller::sourceName(caller.source));
        case CallerNumberRole:
            return caller.number;
        case ChangedRole:
            return rowChanged(index.row());
        default:
            return {};
        }
    }
    const RoutingCell *cell = cellAt(index);
    if (cell == nullptr)
        return {};
    const bool changed = changedAt(index.row(), m_spans.at(index.column() - 1).first);
    switch (role) {
    case Qt::DisplayRole: {
        const QString kind = cell->error.isEmpty() ? RoutingCell::kindName(cell->kind) : tr("template error");
        const QString what = cell->kind == RoutingCell::Kind::Forwarded ? tr("webhook")
            : cell->templateId.isEmpty()                                ? tr("(no template)")
                                                                        : cell->templateId;
        return QString((changed ? QStringLiteral("Δ ") : QString()) + kind + QLatin1Char('\n') + what);
    }
    case Qt::ToolTipRole: {
        QString text = columnLabel(index.column()) + QStringLiteral("\n") + cell->summary(200);
        if (changed) {
            const RoutingCell *old = beforeCellAt(index);
            text += QStringLiteral("\n") +
                tr("Was: %1").arg(old != nullptr ? old->summary(200)
                                                 : tr("(the compared workspace has no such caller)"));
        }
        return text;
    }
    case KindRole:
        return cell->error.isEmpty() ? static_cast<int>(cell->kind) : -1;
    case ChangedRole:
        return changed;
    case RuleIdRole:
        return cell->ruleId;
    case TemplateIdRole:
        return cell->templateId;
    case CallerNumberRole:
        return caller.number;
    case SummaryRole:
        return cell->summary(200);
    case SearchTextRole:
        return {};
    default:
        return {};
    }
}

QVariant RoutingTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == 0)
        return tr("Caller");
    const QString label = columnLabel(section);
    // The label whole, on one line.
    if (role == Qt::ToolTipRole)
        return label;
    return headerText(label);
}

QString RoutingTableModel::headerText(const QString &label)
{
    // "Mon 7 Dec 17:30 CET – Tue 8 Dec 09:00 CET" as "Mon 7 Dec 17:30 –" over "Tue 8 Dec 09:00 CET".
    const QString dash = QStringLiteral(" \u2013 ");
    if (const qsizetype at = label.indexOf(dash); at > 0) {
        QString start = label.left(at);
        const QString end = label.mid(at + dash.size());
        const QString zone = end.section(QLatin1Char(' '), -1);
        if (start.endsWith(QLatin1Char(' ') + zone))
            start.chop(zone.size() + 1);
        return start + QStringLiteral(" \u2013\n") + end;
    }
    // "Mon 29 Mar 09:00–12:30 CEST": the day, then the times.
    const qsizetype firstColon = label.indexOf(QLatin1Char(':'));
    const qsizetype split = firstColon > 3 ? label.lastIndexOf(QLatin1Char(' '), firstColon) : -1;
    return split > 0 ? label.left(split) + QLatin1Char('\n') + label.mid(split + 1) : label;
}

} // namespace dockside::ui
