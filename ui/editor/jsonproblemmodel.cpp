// SPDX-License-Identifier: GPL-3.0-or-later

#include "jsonproblemmodel.h"

#include "workspace/workspace.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>

#include <algorithm>

namespace dockside::ui {

JsonProblem JsonProblem::fromLoadError(const base::LoadError &error, JsonMark::Severity severity)
{
    return {error.path, error.line, error.column, error.message, severity};
}

JsonMark JsonProblem::mark() const
{
    const bool wholeText = path == QLatin1String("$") || path.isEmpty();
    return {line, column, wholeText ? message : path + QLatin1String(": ") + message, severity};
}

JsonProblemModel::JsonProblemModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

JsonProblemModel::~JsonProblemModel() = default;

void JsonProblemModel::setProblems(const QList<JsonProblem> &problems)
{
    QList<JsonProblem> sorted = problems;
    std::stable_sort(sorted.begin(), sorted.end(), [](const JsonProblem &a, const JsonProblem &b) {
        if (a.isError() != b.isError())
            return a.isError();
        return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    if (sorted == m_problems)
        return;
    beginResetModel();
    m_problems = sorted;
    endResetModel();
}

int JsonProblemModel::errorCount() const
{
    return static_cast<int>(
        std::count_if(m_problems.cbegin(), m_problems.cend(), [](const JsonProblem &p) { return p.isError(); }));
}

int JsonProblemModel::warningCount() const
{
    return static_cast<int>(m_problems.size()) - errorCount();
}

int JsonProblemModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_problems.size());
}

int JsonProblemModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant JsonProblemModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const JsonProblem &problem = m_problems.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == PlaceColumn)
            return problem.line > 0 ? tr("%1:%2").arg(problem.line).arg(problem.column) : QString();
        return problem.mark().message;
    case Qt::ToolTipRole:
        return problem.mark().message;
    case Qt::DecorationRole:
        if (index.column() == PlaceColumn)
            return QApplication::style()->standardIcon(problem.isError() ? QStyle::SP_MessageBoxCritical
                                                                         : QStyle::SP_MessageBoxWarning);
        break;
    case LineRole:
        return problem.line;
    case ColumnRole:
        return problem.column;
    case PathRole:
        return problem.path;
    case IsErrorRole:
        return problem.isError();
    default:
        break;
    }
    return {};
}

QVariant JsonProblemModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Columns>(section)) {
    case PlaceColumn:
        return tr("Line:Col");
    case MessageColumn:
        return tr("Problem");
    case NUM_COLUMNS:
        break;
    }
    return {};
}

} // namespace dockside::ui
