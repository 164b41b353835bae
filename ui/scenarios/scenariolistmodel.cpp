// SPDX-License-Identifier: GPL-3.0-or-later

#include "scenariolistmodel.h"

#include <QGuiApplication>
#include <QStringList>

namespace dockside::ui {

ScenarioListModel::ScenarioListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

ScenarioListModel::~ScenarioListModel() = default;

void ScenarioListModel::setScenarios(const QList<composer::Scenario> &scenarios)
{
    beginResetModel();
    m_scenarios = scenarios;
    QHash<QString, LastRun> kept;
    for (const composer::Scenario &scenario : scenarios) {
        if (m_runs.contains(scenario.id))
            kept.insert(scenario.id, m_runs.value(scenario.id));
    }
    m_runs = kept;
    endResetModel();
}

composer::Scenario ScenarioListModel::scenarioAt(int row) const
{
    if (row < 0 || row >= m_scenarios.size())
        return {};
    return m_scenarios.at(row);
}

QModelIndex ScenarioListModel::indexOfId(const QString &id) const
{
    for (int row = 0; row < m_scenarios.size(); ++row) {
        if (m_scenarios.at(row).id == id)
            return index(row, NameColumn);
    }
    return {};
}

void ScenarioListModel::setState(const QString &id, ScenarioState state)
{
    LastRun &run = m_runs[id];
    run.state = state;
    run.result.reset();
    rowChanged(id);
}

void ScenarioListModel::setResult(const composer::ScenarioResult &result)
{
    m_runs[result.scenarioId] = {stateOf(result), result};
    rowChanged(result.scenarioId);
}

ScenarioState ScenarioListModel::stateOfId(const QString &id) const
{
    return m_runs.value(id).state;
}

void ScenarioListModel::clearResults()
{
    if (m_runs.isEmpty())
        return;
    m_runs.clear();
    if (!m_scenarios.isEmpty())
        Q_EMIT dataChanged(index(0, ResultColumn), index(rowCount() - 1, ResultColumn));
}

void ScenarioListModel::rowChanged(const QString &id)
{
    const QModelIndex row = indexOfId(id);
    if (row.isValid())
        Q_EMIT dataChanged(row.siblingAtColumn(ResultColumn), row.siblingAtColumn(ResultColumn));
}

int ScenarioListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_scenarios.size());
}

int ScenarioListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant ScenarioListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const composer::Scenario &scenario = m_scenarios.at(index.row());
    const auto run = m_runs.constFind(scenario.id);
    const ScenarioState state = run == m_runs.constEnd() ? ScenarioState::NotRun : run->state;

    switch (role) {
    case Qt::DisplayRole:
        switch (static_cast<Columns>(index.column())) {
        case NameColumn:
            return scenario.displayName();
        case EventColumn:
            return eventSummary(scenario);
        case ExpectationsColumn:
            return scenario.steps.isEmpty() ? expectationSummary(scenario.expect) : stepsSummary(scenario.steps);
        case ResultColumn:
            return stateText(state, run != m_runs.constEnd() && run->result ? &*run->result : nullptr);
        case NUM_COLUMNS:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ResultColumn && run != m_runs.constEnd() && run->result)
            return run->result->summary().trimmed();
        return scenario.description.isEmpty() ? scenario.displayName() : scenario.description;
    case Qt::DecorationRole:
        if (index.column() == ResultColumn)
            return stateIcon(state);
        break;
    case Qt::ForegroundRole:
        if (index.column() == ResultColumn)
            return stateColor(state, QGuiApplication::palette());
        break;
    case IdRole:
        return scenario.id;
    case NameRole:
        return scenario.displayName();
    case DescriptionRole:
        return scenario.description;
    case EventRole:
        return eventSummary(scenario);
    case StateRole:
        return static_cast<int>(state);
    case SearchTextRole:
        return QStringList {scenario.displayName(), scenario.id, scenario.description, eventSummary(scenario)}.join(
            QLatin1Char('\n'));
    default:
        break;
    }
    return {};
}

QVariant ScenarioListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Columns>(section)) {
    case NameColumn:
        return tr("Scenario");
    case EventColumn:
        return tr("Event");
    case ExpectationsColumn:
        return tr("Expects");
    case ResultColumn:
        return tr("Last result");
    case NUM_COLUMNS:
        break;
    }
    return {};
}

} // namespace dockside::ui
