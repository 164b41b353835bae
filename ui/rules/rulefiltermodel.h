#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace dockside::ui {

// Keeps the rules whose name, id, conditions or answer contain every word of the filter text, ignoring case.
// It never sorts: the order of the rules is what decides which one answers.
class RuleFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RuleFilterModel)

public:
    explicit RuleFilterModel(QObject *parent = nullptr);
    ~RuleFilterModel() override;

    void setFilterText(const QString &text);
    QString filterText() const { return m_filterText; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_filterText;
    QStringList m_words;
};

} // namespace dockside::ui
