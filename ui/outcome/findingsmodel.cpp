// SPDX-License-Identifier: GPL-3.0-or-later

#include "findingsmodel.h"

#include "outcomestyle.h"

#include <QApplication>
#include <QFontDatabase>

#include <algorithm>

namespace dockside::ui {

FindingsModel::FindingsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

FindingsModel::~FindingsModel() = default;

void FindingsModel::setFindings(const contract::Findings &violations, const contract::Findings &warnings)
{
    beginResetModel();
    m_findings = violations + warnings;
    endResetModel();
}

int FindingsModel::violationCount() const
{
    return static_cast<int>(std::count_if(m_findings.cbegin(), m_findings.cend(), [](const contract::Finding &f) {
        return f.severity == contract::Severity::Error;
    }));
}

int FindingsModel::warningCount() const
{
    return static_cast<int>(m_findings.size()) - violationCount();
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_findings.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const contract::Finding &finding = m_findings.at(index.row());
    const bool error = finding.severity == contract::Severity::Error;

    switch (role) {
    case Qt::DisplayRole:
        switch (static_cast<Columns>(index.column())) {
        case SeverityColumn:
            return error ? tr("violation") : tr("warning");
        case PathColumn:
            return finding.path;
        case MessageColumn:
            return finding.message;
        case SourceColumn:
            return contract::sourceLabel(finding.source);
        case NUM_COLUMNS:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == SourceColumn) {
            switch (finding.source) {
            case contract::Source::Seed:
                return tr("From the platform's page on the assistant-request webhook.");
            case contract::Source::Sdk:
                return tr("From the platform's official SDK.");
            case contract::Source::Assumed:
                return tr("Not documented by the platform: Dockside's assumption.");
            }
        }
        return finding.message;
    case Qt::ForegroundRole:
        if (index.column() == SeverityColumn)
            return toneColors(error ? OutcomeTone::Rejected : OutcomeTone::Problem, QApplication::palette()).text;
        break;
    case Qt::FontRole:
        if (index.column() == PathColumn) {
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        }
        break;
    case SeverityRole:
        return contract::severityLabel(finding.severity);
    case PathRole:
        return finding.path;
    case MessageRole:
        return finding.message;
    case SourceRole:
        return contract::sourceLabel(finding.source);
    default:
        break;
    }
    return {};
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Columns>(section)) {
    case SeverityColumn:
        return tr("Kind");
    case PathColumn:
        return tr("Path");
    case MessageColumn:
        return tr("Message");
    case SourceColumn:
        return tr("Source");
    case NUM_COLUMNS:
        break;
    }
    return {};
}

} // namespace dockside::ui
