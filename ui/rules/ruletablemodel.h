// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "common/searchtextrole.h"
#include "rules/rule.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>

namespace dockside::ui {

// The workspace's rules in their order (first match wins). Ticking "enabled", renaming and reordering (by
// drag and drop or moveRows) change the model and emit rulesEdited, for the editor to pass to the document.
class RuleTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RuleTableModel)

public:
    enum Columns { EnabledColumn, NameColumn, ConditionsColumn, AnswerColumn, NUM_COLUMNS };
    enum Roles { IdRole = Qt::UserRole, MissingTemplatesRole, SearchTextRole = ui::SearchTextRole };

    explicit RuleTableModel(QObject *parent = nullptr);
    ~RuleTableModel() override;

    // Rows whose count is unchanged are updated in place, so the view keeps its selection.
    void setRules(const QList<rules::Rule> &rules);
    const QList<rules::Rule> &rules() const { return m_rules; }
    rules::Rule ruleAt(int row) const { return m_rules.value(row); }
    int rowOfId(const QString &id) const;
    // Names shown for template ids; an id missing here is flagged as unknown.
    void setTemplateNames(const QHash<QString, QString> &namesById);

    // "every request" or the conditions joined with "and".
    static QString describeConditions(const rules::Rule &rule);
    // "Reject the call" or "A/B: Personalize greeting 50% · Use default configuration 50%".
    static QString describeAction(const rules::RuleAction &action, const QHash<QString, QString> &namesById);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count, const QModelIndex &destinationParent,
                  int destinationChild) override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

Q_SIGNALS:
    void rulesEdited();

private:
    QStringList missingTemplates(const rules::Rule &rule) const;

    QList<rules::Rule> m_rules;
    QHash<QString, QString> m_templateNames;
};

} // namespace dockside::ui
