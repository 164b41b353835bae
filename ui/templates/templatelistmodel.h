// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "common/searchtextrole.h"
#include "workspace/responsetemplate.h"

#include <QAbstractTableModel>
#include <QList>

namespace dockside::ui {

class TemplateListModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TemplateListModel)

public:
    enum Columns { NameColumn, StatusColumn, DelayColumn, NUM_COLUMNS };
    enum Roles {
        IdRole = Qt::UserRole,
        NameRole,
        DescriptionRole,
        StatusRole,
        DelayMsRole,
        SearchTextRole = ui::SearchTextRole // name, description, id
    };

    explicit TemplateListModel(QObject *parent = nullptr);
    ~TemplateListModel() override;

    void setTemplates(const QList<workspace::ResponseTemplate> &templates);
    const QList<workspace::ResponseTemplate> &templates() const { return m_templates; }
    workspace::ResponseTemplate templateAt(int row) const;
    QModelIndex indexOfId(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<workspace::ResponseTemplate> m_templates;
};

} // namespace dockside::ui
