// SPDX-License-Identifier: GPL-3.0-or-later

#include "ruletablemodel.h"

#include "inlinemessage.h"

#include <QApplication>
#include <QMimeData>

namespace dockside::ui {

namespace {

const QString kRowMimeType = QStringLiteral("application/x-dockside-rule-row");

QString templateName(const QString &id, const QHash<QString, QString> &namesById)
{
    const QString name = namesById.value(id);
    return name.isEmpty() ? id : name;
}

} // namespace

RuleTableModel::RuleTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

RuleTableModel::~RuleTableModel() = default;

void RuleTableModel::setRules(const QList<rules::Rule> &rules)
{
    if (rules == m_rules)
        return;
    if (rules.size() != m_rules.size()) {
        beginResetModel();
        m_rules = rules;
        endResetModel();
        return;
    }
    for (qsizetype row = 0; row < rules.size(); ++row) {
        if (m_rules.at(row) == rules.at(row))
            continue;
        m_rules[row] = rules.at(row);
        const int r = static_cast<int>(row);
        Q_EMIT dataChanged(index(r, 0), index(r, NUM_COLUMNS - 1));
    }
}

int RuleTableModel::rowOfId(const QString &id) const
{
    for (qsizetype row = 0; row < m_rules.size(); ++row) {
        if (m_rules.at(row).id == id)
            return static_cast<int>(row);
    }
    return -1;
}

void RuleTableModel::setTemplateNames(const QHash<QString, QString> &namesById)
{
    if (namesById == m_templateNames)
        return;
    m_templateNames = namesById;
    if (!m_rules.isEmpty())
        Q_EMIT dataChanged(index(0, AnswerColumn), index(rowCount() - 1, AnswerColumn));
}

QString RuleTableModel::describeConditions(const rules::Rule &rule)
{
    if (rule.conditions.isEmpty())
        return tr("every request");
    QStringList parts;
    for (const rules::Condition &condition : rule.conditions)
        parts.append(condition.describe());
    return parts.join(tr(" and "));
}

QString RuleTableModel::describeAction(const rules::RuleAction &action, const QHash<QString, QString> &namesById)
{
    if (action.isForward())
        return action.forwardTo()->describe();
    if (!action.isSplit())
        return templateName(action.templateId(), namesById);
    qint64 total = 0;
    for (const rules::SplitArm &arm : action.arms())
        total += arm.weight;
    QStringList arms;
    for (const rules::SplitArm &arm : action.arms()) {
        const double share = total > 0 ? 100.0 * arm.weight / static_cast<double>(total) : 0.0;
        arms.append(tr("%1 %2%").arg(templateName(arm.templateId, namesById)).arg(share, 0, 'g', 3));
    }
    return tr("A/B: %1").arg(arms.join(QStringLiteral(" · ")));
}

QStringList RuleTableModel::missingTemplates(const rules::Rule &rule) const
{
    QStringList missing;
    for (const QString &id : rule.action.templateIds()) {
        if (!m_templateNames.contains(id))
            missing.append(id);
    }
    return missing;
}

int RuleTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rules.size());
}

int RuleTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant RuleTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const rules::Rule &rule = m_rules.at(index.row());
    switch (role) {
    case IdRole:
        return rule.id;
    case SearchTextRole:
        return QStringList {rule.id, rule.name, describeConditions(rule), describeAction(rule.action, m_templateNames),
                            rule.action.templateIds().join(QLatin1Char(' '))}
            .join(QLatin1Char('\n'));
    case MissingTemplatesRole:
        return missingTemplates(rule);
    default:
        break;
    }
    switch (index.column()) {
    case EnabledColumn:
        if (role == Qt::CheckStateRole)
            return rule.enabled ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole)
            return rule.enabled ? tr("On: this rule is looked at") : tr("Off: this rule is skipped");
        break;
    case NameColumn:
        if (role == Qt::DisplayRole)
            return rule.name.isEmpty() ? rule.id : rule.name;
        if (role == Qt::EditRole)
            return rule.name;
        if (role == Qt::ToolTipRole)
            return tr("Rule id: %1").arg(rule.id);
        break;
    case ConditionsColumn:
        if (role == Qt::DisplayRole)
            return describeConditions(rule);
        if (role == Qt::ToolTipRole) {
            QStringList lines;
            for (const rules::Condition &condition : rule.conditions)
                lines.append(QStringLiteral("• ") + condition.describe());
            return lines.isEmpty() ? tr("No conditions: matches every request") : lines.join(QLatin1Char('\n'));
        }
        break;
    case AnswerColumn: {
        const QStringList missing = missingTemplates(rule);
        if (role == Qt::DisplayRole)
            return missing.isEmpty() ? describeAction(rule.action, m_templateNames)
                                     : tr("⚠ no template %1").arg(missing.join(QStringLiteral(", ")));
        if (role == Qt::ForegroundRole && !missing.isEmpty())
            return InlineMessage::colorFor(InlineMessage::Kind::Error, QApplication::palette());
        if (role == Qt::ToolTipRole)
            return missing.isEmpty()
                ? tr("Template id: %1").arg(rule.action.templateIds().join(QStringLiteral(", ")))
                : tr("This workspace has no template with the id %1: pick one in the rule's answer, or the "
                     "workspace cannot be opened again after saving.")
                      .arg(missing.join(QStringLiteral(", ")));
        break;
    }
    default:
        break;
    }
    if (role == Qt::ForegroundRole && !rule.enabled)
        return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
    return {};
}

QVariant RuleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        // The row number is the rule's place in the order, which is what decides.
        if (role == Qt::DisplayRole && section >= 0 && section < rowCount())
            return section + 1;
        return {};
    }
    if (role == Qt::ToolTipRole && section == EnabledColumn)
        return tr("Rules that are off are skipped");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EnabledColumn:
        return tr("On");
    case NameColumn:
        return tr("Name");
    case ConditionsColumn:
        return tr("When");
    case AnswerColumn:
        return tr("Answer with");
    default:
        return {};
    }
}

Qt::ItemFlags RuleTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
    if (index.column() == EnabledColumn)
        flags |= Qt::ItemIsUserCheckable;
    if (index.column() == NameColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool RuleTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    rules::Rule &rule = m_rules[index.row()];
    if (index.column() == EnabledColumn && role == Qt::CheckStateRole) {
        const bool enabled = value.value<Qt::CheckState>() == Qt::Checked;
        if (enabled == rule.enabled)
            return true;
        rule.enabled = enabled;
    } else if (index.column() == NameColumn && role == Qt::EditRole) {
        const QString name = value.toString().trimmed();
        if (name == rule.name)
            return true;
        rule.name = name;
    } else {
        return false;
    }
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), NUM_COLUMNS - 1));
    Q_EMIT rulesEdited();
    return true;
}

bool RuleTableModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                              const QModelIndex &destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count < 1 || sourceRow < 0 ||
        sourceRow + count > rowCount() || destinationChild < 0 || destinationChild > rowCount())
        return false;
    if (destinationChild >= sourceRow && destinationChild <= sourceRow + count)
        return false; // onto itself
    if (!beginMoveRows(QModelIndex(), sourceRow, sourceRow + count - 1, QModelIndex(), destinationChild))
        return false;
    const QList<rules::Rule> moved = m_rules.mid(sourceRow, count);
    m_rules.remove(sourceRow, count);
    const int insertAt = destinationChild > sourceRow ? destinationChild - count : destinationChild;
    for (int i = 0; i < count; ++i)
        m_rules.insert(insertAt + i, moved.at(i));
    endMoveRows();
    // The row numbers in the vertical header are the order: all of them may have changed.
    Q_EMIT headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
    Q_EMIT rulesEdited();
    return true;
}

Qt::DropActions RuleTableModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions RuleTableModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

QStringList RuleTableModel::mimeTypes() const
{
    return {kRowMimeType};
}

QMimeData *RuleTableModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty() || !indexes.first().isValid())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(kRowMimeType, QByteArray::number(indexes.first().row()));
    return data;
}

bool RuleTableModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                     const QModelIndex &parent) const
{
    Q_UNUSED(row)
    Q_UNUSED(column)
    Q_UNUSED(parent)
    return data && action == Qt::MoveAction && data->hasFormat(kRowMimeType);
}

bool RuleTableModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                  const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    bool ok = false;
    const int from = data->data(kRowMimeType).toInt(&ok);
    if (!ok || from < 0 || from >= rowCount())
        return false;
    // Between rows Qt gives the row to insert before; onto a row it gives that row as the parent.
    int destination = row;
    if (destination < 0 && parent.isValid())
        destination = parent.row() > from ? parent.row() + 1 : parent.row();
    if (destination < 0)
        destination = rowCount();
    return moveRows(QModelIndex(), from, 1, QModelIndex(), destination);
}

} // namespace dockside::ui
