// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "contactimportsummary.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace dockside::ui {

// The result of a contacts import: what was added, updated, unchanged or removed, and each problem with its
// line, so the file can be fixed. Non-modal, deleted when closed.
class ContactImportDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactImportDialog)

public:
    explicit ContactImportDialog(const ContactImportSummary &summary, QWidget *parent = nullptr);
    ~ContactImportDialog() override;

    const ContactImportSummary &summary() const { return m_summary; }
    QString summaryText() const;
    int problemCount() const;

private:
    ContactImportSummary m_summary;
    QLabel *m_text = nullptr;
    QTableWidget *m_problems = nullptr;
};

} // namespace dockside::ui
