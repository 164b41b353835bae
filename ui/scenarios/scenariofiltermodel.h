#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace dockside::ui {

// Keeps the scenarios whose name, id, description or event contains the filter text, ignoring case.
class ScenarioFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioFilterModel)

public:
    explicit ScenarioFilterModel(QObject *parent = nullptr);
    ~ScenarioFilterModel() override;

    void setFilterText(const QString &text);
    QString filterText() const { return m_filterText; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_filterText;
};

} // namespace dockside::ui
