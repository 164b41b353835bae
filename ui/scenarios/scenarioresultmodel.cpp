// SPDX-License-Identifier: GPL-3.0-or-later

#include "scenarioresultmodel.h"

#include <QGuiApplication>

namespace dockside::ui {

namespace {

// Top-level rows carry 0; an expectation carries its scenario's row + 1.
constexpr quintptr kTopLevel = 0;

QString firstLine(const QString &text)
{
    return text.section(QLatin1Char('\n'), 0, 0);
}

} // namespace

ScenarioResultModel::ScenarioResultModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

ScenarioResultModel::~ScenarioResultModel() = default;

void ScenarioResultModel::start(const QList<composer::Scenario> &scenarios)
{
    beginResetModel();
    m_rows.clear();
    for (const composer::Scenario &scenario : scenarios)
        m_rows.append({scenario.id, scenario.displayName(), ScenarioState::Pending, std::nullopt});
    endResetModel();
}

void ScenarioResultModel::setResult(const composer::ScenarioResult &result)
{
    const QModelIndex row = indexOfScenario(result.scenarioId);
    if (!row.isValid())
        return;
    Row &entry = m_rows[row.row()];
    const int oldChildren = entry.result ? static_cast<int>(entry.result->expectations.size()) : 0;
    if (oldChildren > 0) {
        beginRemoveRows(row, 0, oldChildren - 1);
        entry.result->expectations.clear();
        endRemoveRows();
    }
    const int newChildren = static_cast<int>(result.expectations.size());
    if (newChildren > 0)
        beginInsertRows(row, 0, newChildren - 1);
    entry.result = result;
    entry.state = stateOf(result);
    if (newChildren > 0)
        endInsertRows();
    Q_EMIT dataChanged(row, row.siblingAtColumn(NUM_COLUMNS - 1));
}

void ScenarioResultModel::setReport(const composer::SuiteReport &report)
{
    for (const composer::ScenarioResult &result : report.results) {
        const QModelIndex row = indexOfScenario(result.scenarioId);
        if (row.isValid() && !m_rows.at(row.row()).result)
            setResult(result);
    }
}

void ScenarioResultModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

const composer::ScenarioResult *ScenarioResultModel::resultAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    const int row = index.internalId() == kTopLevel ? index.row() : static_cast<int>(index.internalId() - 1);
    if (row < 0 || row >= m_rows.size() || !m_rows.at(row).result)
        return nullptr;
    return &*m_rows.at(row).result;
}

QModelIndex ScenarioResultModel::indexOfScenario(const QString &scenarioId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).scenarioId == scenarioId)
            return index(row, CheckColumn);
    }
    return {};
}

QModelIndex ScenarioResultModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kTopLevel);
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex ScenarioResultModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kTopLevel)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), CheckColumn, kTopLevel);
}

int ScenarioResultModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_rows.size());
    if (parent.internalId() != kTopLevel || parent.column() != CheckColumn)
        return 0;
    const Row &row = m_rows.at(parent.row());
    return row.result ? static_cast<int>(row.result->expectations.size()) : 0;
}

int ScenarioResultModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return NUM_COLUMNS;
}

QVariant ScenarioResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kTopLevel)
        return scenarioData(m_rows.at(index.row()), index.column(), role);
    const Row &row = m_rows.at(static_cast<int>(index.internalId() - 1));
    return expectationData(row.result->expectations.at(index.row()), index.column(), role);
}

QVariant ScenarioResultModel::scenarioData(const Row &row, int column, int role) const
{
    const composer::ScenarioResult *result = row.result ? &*row.result : nullptr;
    switch (role) {
    case Qt::DisplayRole:
        switch (static_cast<Columns>(column)) {
        case CheckColumn:
            return row.name;
        case ActualColumn:
            return result != nullptr ? firstLine(result->summary()) : QString();
        case ResultColumn:
            return stateText(row.state, result);
        case ExpectedColumn:
        case NUM_COLUMNS:
            break;
        }
        break;
    case Qt::ToolTipRole:
        return result != nullptr ? result->summary().trimmed() : row.name;
    case Qt::DecorationRole:
        if (column == CheckColumn)
            return stateIcon(row.state);
        break;
    case Qt::ForegroundRole:
        if (column == ResultColumn)
            return stateColor(row.state, QGuiApplication::palette());
        break;
    case ScenarioIdRole:
        return row.scenarioId;
    case StateRole:
        return static_cast<int>(row.state);
    case PassedRole:
        if (result != nullptr)
            return result->passed();
        break;
    default:
        break;
    }
    return {};
}

QVariant ScenarioResultModel::expectationData(const composer::ExpectationResult &expectation, int column,
                                              int role) const
{
    const ScenarioState state = expectation.passed ? ScenarioState::Passed : ScenarioState::Failed;
    switch (role) {
    case Qt::DisplayRole:
        switch (static_cast<Columns>(column)) {
        case CheckColumn:
            return expectation.name;
        case ExpectedColumn:
            return expectation.expected;
        case ActualColumn:
            return expectation.actual;
        case ResultColumn:
            return expectation.passed ? tr("passed") : tr("failed");
        case NUM_COLUMNS:
            break;
        }
        break;
    case Qt::ToolTipRole:
        return tr("%1: expected %2, actual %3").arg(expectation.name, expectation.expected, expectation.actual);
    case Qt::DecorationRole:
        if (column == CheckColumn)
            return stateIcon(state);
        break;
    case Qt::ForegroundRole:
        if (column == ResultColumn || (column == ActualColumn && !expectation.passed))
            return stateColor(state, QGuiApplication::palette());
        break;
    case PassedRole:
        return expectation.passed;
    case StateRole:
        return static_cast<int>(state);
    default:
        break;
    }
    return {};
}

QVariant ScenarioResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Columns>(section)) {
    case CheckColumn:
        return tr("Scenario / check");
    case ExpectedColumn:
        return tr("Expected");
    case ActualColumn:
        return tr("Actual");
    case ResultColumn:
        return tr("Result");
    case NUM_COLUMNS:
        break;
    }
    return {};
}

} // namespace dockside::ui
