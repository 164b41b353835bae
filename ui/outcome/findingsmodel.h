// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "contract/finding.h"

#include <QAbstractTableModel>

namespace dockside::ui {

// Violations first, then warnings, each with the source the core labels it with (seed, sdk, assumed).
class FindingsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsModel)

public:
    enum Columns { SeverityColumn, PathColumn, MessageColumn, SourceColumn, NUM_COLUMNS };
    enum Roles { SeverityRole = Qt::UserRole, PathRole, MessageRole, SourceRole };

    explicit FindingsModel(QObject *parent = nullptr);
    ~FindingsModel() override;

    void setFindings(const contract::Findings &violations, const contract::Findings &warnings);
    const contract::Findings &findings() const { return m_findings; }
    int violationCount() const;
    int warningCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    contract::Findings m_findings;
};

} // namespace dockside::ui
