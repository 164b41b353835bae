// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "routing/routingrunner.h"

#include <QAbstractTableModel>
#include <QList>
#include <QTimeZone>

#include <optional>

namespace dockside::ui {

// A routing matrix as a table: the first column names the caller, every other column is a span of moments. Grouped
// (the default), a span is a band of moments in which no caller's answer changes (nor, when compared, the other
// workspace's), so a week is a few dozen columns; ungrouped, every moment is a column.
class RoutingTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoutingTableModel)

public:
    enum Role {
        KindRole = Qt::UserRole + 1, // int(RoutingCell::Kind); -1 when the template could not be rendered
        ChangedRole, // bool: the compared workspace answers otherwise
        RuleIdRole,
        TemplateIdRole,
        CallerNumberRole,
        SummaryRole, // RoutingCell::summary
    };

    explicit RoutingTableModel(QObject *parent = nullptr);
    ~RoutingTableModel() override;

    // stepSeconds: between two moments, 0 for typed times (the header then names each moment).
    void setResult(const routing::RoutingResult &result, qint64 stepSeconds);
    void clear();
    void setZone(const QTimeZone &zone);
    void setGrouped(bool grouped);
    bool isGrouped() const { return m_grouped; }

    bool hasResult() const { return m_result.has_value(); }
    const routing::RoutingResult *result() const { return m_result ? &*m_result : nullptr; }
    const routing::RoutingCell *cellAt(const QModelIndex &index) const;
    const routing::RoutingCell *beforeCellAt(const QModelIndex &index) const;
    const routing::RoutingCaller *callerAt(int row) const;
    // The first moment of a column (1 and up) and the span's label in the zone.
    QDateTime columnStart(int column) const;
    QString columnLabel(int column) const;
    // A column label on two lines, each short enough for the column: the day, then the times; a band across midnight
    // from its start to its end.
    static QString headerText(const QString &label);
    // Whether any cell of the row differs from the compared workspace.
    bool rowChanged(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Span {
        qsizetype first = 0;
        qsizetype last = 0;
    };
    void rebuildSpans();
    bool changedAt(int row, qsizetype moment) const;
    const Span *spanOf(int column) const;

    std::optional<routing::RoutingResult> m_result;
    qint64 m_stepSeconds = 0;
    QTimeZone m_zone = QTimeZone::utc();
    bool m_grouped = true;
    QList<Span> m_spans;
    QList<bool> m_rowChanged;
};

} // namespace dockside::ui
