// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "contract/jsondiff.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace dockside::ui {

// One compared field: a request line part, a header, a JSON leaf by its pointer.
struct DiffRow {
    QString part; // "Request", "Answer headers", ... (empty when everything is one part)
    QString field;
    QString left; // as shown; ignored when the left side lacks the field
    QString right;
    contract::LeafChange change = contract::LeafChange::Same;
};

// Two things compared field by field, each row coloured by its change; the side titles name what is compared.
class DiffTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffTableModel)

public:
    enum Columns { PartColumn, FieldColumn, ChangeColumn, LeftColumn, RightColumn, NUM_COLUMNS };
    enum Roles { ChangeRole = Qt::UserRole, PartRole, FieldRole, LeftRole, RightRole };

    explicit DiffTableModel(QObject *parent = nullptr);
    ~DiffTableModel() override;

    void setRows(const QList<DiffRow> &rows);
    const QList<DiffRow> &rows() const { return m_rows; }
    void setSideTitles(const QString &left, const QString &right);
    void setFieldTitle(const QString &title);
    // How many rows have this change.
    int count(contract::LeafChange change) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<DiffRow> m_rows;
    QString m_leftTitle;
    QString m_rightTitle;
    QString m_fieldTitle;
};

// JSON leaves of two documents as rows: values shown as compact JSON, so the string "300" differs from 300.
QList<DiffRow> jsonDiffRows(const QList<contract::JsonLeafDifference> &leaves, const QString &part = {});
// A JSON value as compact JSON text.
QString compactJsonText(const QJsonValue &value);

} // namespace dockside::ui
