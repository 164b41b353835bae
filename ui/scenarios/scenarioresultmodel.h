// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "scenariotext.h"

#include "composer/scenario.h"
#include "composer/suiterunner.h"

#include <QAbstractItemModel>
#include <QList>

namespace dockside::ui {

// A run as a tree: one row per scenario (queued, running, passed...), and beneath it one row per expectation with
// the expected value beside the actual one.
class ScenarioResultModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioResultModel)

public:
    enum Columns { CheckColumn, ExpectedColumn, ActualColumn, ResultColumn, NUM_COLUMNS };
    enum Roles { ScenarioIdRole = Qt::UserRole, StateRole, PassedRole };

    explicit ScenarioResultModel(QObject *parent = nullptr);
    ~ScenarioResultModel() override;

    // A new run: every scenario pending, without expectations yet.
    void start(const QList<composer::Scenario> &scenarios);
    // Fills the scenario's row and adds its expectations beneath it.
    void setResult(const composer::ScenarioResult &result);
    // The final report: results the run did not announce one by one (cancelled ones) are filled in.
    void setReport(const composer::SuiteReport &report);
    void clear();

    // The result of the scenario that index (or its parent) belongs to; null while it has none.
    const composer::ScenarioResult *resultAt(const QModelIndex &index) const;
    QModelIndex indexOfScenario(const QString &scenarioId) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString scenarioId;
        QString name;
        ScenarioState state = ScenarioState::Pending;
        std::optional<composer::ScenarioResult> result;
    };
    QVariant scenarioData(const Row &row, int column, int role) const;
    QVariant expectationData(const composer::ExpectationResult &expectation, int column, int role) const;

    QList<Row> m_rows;
};

} // namespace dockside::ui
