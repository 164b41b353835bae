#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace dockside::ui {

// Keeps the templates whose name, description or id contains the filter text, ignoring case.
class TemplateFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TemplateFilterModel)

public:
    explicit TemplateFilterModel(QObject *parent = nullptr);
    ~TemplateFilterModel() override;

    void setFilterText(const QString &text);
    QString filterText() const { return m_filterText; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_filterText;
};

} // namespace dockside::ui
