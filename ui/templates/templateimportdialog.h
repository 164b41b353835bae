// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "templateimport.h"

#include <QDialog>

class QComboBox;
class QTableWidget;

namespace dockside::ui {

// Shows what an import will do before it happens: each template with its action, a choice for every id the
// workspace already uses (replace, keep both, skip), and the templates of the file that are left out and why.
class TemplateImportDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TemplateImportDialog)

public:
    TemplateImportDialog(TemplateImportPlan plan, const QString &fileName, QWidget *parent = nullptr);
    ~TemplateImportDialog() override;

    // The plan with the choices made in the dialog.
    TemplateImportPlan plan() const;

private:
    void setAllConflicts(int comboIndex);

    TemplateImportPlan m_plan;
    QTableWidget *m_table = nullptr;
    QList<QComboBox *> m_choiceBoxes; // one per item; null for items without a choice
};

} // namespace dockside::ui
