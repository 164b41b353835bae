// SPDX-License-Identifier: GPL-3.0-or-later

#include "templateimportdialog.h"

#include "editor/wording.h"
#include "workspace/workspace.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {

const QList<ImportChoice> kConflictChoices {ImportChoice::KeepBoth, ImportChoice::Replace, ImportChoice::Skip};
const QList<ImportChoice> kNewChoices {ImportChoice::Add, ImportChoice::Skip};

} // namespace

TemplateImportDialog::TemplateImportDialog(TemplateImportPlan plan, const QString &fileName, QWidget *parent)
    : QDialog(parent)
    , m_plan(std::move(plan))
    , m_table(new QTableWidget(static_cast<int>(m_plan.items.size()), 3, this))
{
    setObjectName(QStringLiteral("templateImportDialog"));
    setWindowTitle(tr("Import templates"));
    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(
        tr("%1 in %2.")
            .arg(counted(m_plan.items.size(), tr("template"), tr("templates")), QFileInfo(fileName).fileName()),
        this);
    layout->addWidget(intro);

    if (!m_plan.errors.isEmpty()) {
        auto *errorLabel = new QLabel(tr("Left out because of problems in the file:"), this);
        auto *errors = new QPlainTextEdit(this);
        errors->setObjectName(QStringLiteral("importErrors"));
        errors->setReadOnly(true);
        QStringList lines;
        for (const base::LoadError &error : m_plan.errors)
            lines.append(base::formatLoadError(QFileInfo(fileName).fileName(), error));
        errors->setPlainText(lines.join(QLatin1Char('\n')));
        errors->setMaximumHeight(errors->fontMetrics().height() * 5 + 12);
        layout->addWidget(errorLabel);
        layout->addWidget(errors);
    }

    m_table->setObjectName(QStringLiteral("importTable"));
    m_table->setHorizontalHeaderLabels({tr("Template"), tr("In the workspace"), tr("Action")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    for (int row = 0; row < m_plan.items.size(); ++row) {
        const TemplateImportItem &item = m_plan.items.at(row);
        auto *name =
            new QTableWidgetItem(QStringLiteral("%1 (%2)").arg(item.responseTemplate.name, item.responseTemplate.id));
        name->setToolTip(item.responseTemplate.description);
        m_table->setItem(row, 0, name);
        QString state = tr("new");
        if (item.choice == ImportChoice::AlreadyThere)
            state = tr("the same template is there");
        else if (item.conflicting)
            state = tr("the id is used by a different template");
        m_table->setItem(row, 1, new QTableWidgetItem(state));
        if (item.choice == ImportChoice::AlreadyThere) {
            m_table->setItem(row, 2, new QTableWidgetItem(tr("Nothing to do")));
            m_choiceBoxes.append(nullptr);
            continue;
        }
        auto *choice = new QComboBox(m_table);
        choice->setObjectName(QStringLiteral("importChoice_%1").arg(row));
        for (const ImportChoice option : item.conflicting ? kConflictChoices : kNewChoices)
            choice->addItem(importChoiceName(option), static_cast<int>(option));
        choice->setCurrentIndex(choice->findData(static_cast<int>(item.choice)));
        m_table->setCellWidget(row, 2, choice);
        m_choiceBoxes.append(choice);
    }
    m_table->resizeRowsToContents();
    layout->addWidget(m_table, 1);

    if (m_plan.conflictCount() > 1) {
        auto *all = new QComboBox(this);
        all->setObjectName(QStringLiteral("importAllConflicts"));
        all->addItem(tr("(choose for each)"));
        for (const ImportChoice option : kConflictChoices)
            all->addItem(importChoiceName(option), static_cast<int>(option));
        connect(all, &QComboBox::activated, this, &TemplateImportDialog::setAllConflicts);
        auto *form = new QFormLayout;
        form->addRow(tr("For every taken id:"), all);
        layout->addLayout(form);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(640, 420);
}

TemplateImportDialog::~TemplateImportDialog() = default;

void TemplateImportDialog::setAllConflicts(int comboIndex)
{
    if (comboIndex <= 0)
        return;
    const ImportChoice choice = kConflictChoices.at(comboIndex - 1);
    for (int row = 0; row < m_plan.items.size(); ++row) {
        if (m_plan.items.at(row).conflicting && m_choiceBoxes.at(row) != nullptr)
            m_choiceBoxes.at(row)->setCurrentIndex(m_choiceBoxes.at(row)->findData(static_cast<int>(choice)));
    }
}

TemplateImportPlan TemplateImportDialog::plan() const
{
    TemplateImportPlan result = m_plan;
    for (int row = 0; row < result.items.size(); ++row) {
        if (QComboBox *choice = m_choiceBoxes.at(row))
            result.items[row].choice = static_cast<ImportChoice>(choice->currentData().toInt());
    }
    return result;
}

} // namespace dockside::ui
