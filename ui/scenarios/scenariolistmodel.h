// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "scenariotext.h"

#include "common/searchtextrole.h"

#include "composer/scenario.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace dockside::ui {

// The workspace's scenarios with what each checks and how its last run went.
class ScenarioListModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioListModel)

public:
    enum Columns { NameColumn, EventColumn, ExpectationsColumn, ResultColumn, NUM_COLUMNS };
    enum Roles {
        IdRole = Qt::UserRole,
        NameRole,
        DescriptionRole,
        EventRole,
        StateRole,
        SearchTextRole = ui::SearchTextRole // name, id, description, event
    };

    explicit ScenarioListModel(QObject *parent = nullptr);
    ~ScenarioListModel() override;

    // Results stay with the scenarios (by id) that are still there.
    void setScenarios(const QList<composer::Scenario> &scenarios);
    const QList<composer::Scenario> &scenarios() const { return m_scenarios; }
    composer::Scenario scenarioAt(int row) const;
    QModelIndex indexOfId(const QString &id) const;

    void setState(const QString &id, ScenarioState state);
    void setResult(const composer::ScenarioResult &result);
    ScenarioState stateOfId(const QString &id) const;
    void clearResults();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct LastRun {
        ScenarioState state = ScenarioState::NotRun;
        std::optional<composer::ScenarioResult> result;
    };
    void rowChanged(const QString &id);

    QList<composer::Scenario> m_scenarios;
    QHash<QString, LastRun> m_runs;
};

} // namespace dockside::ui
