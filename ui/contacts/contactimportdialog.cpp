// SPDX-License-Identifier: GPL-3.0-or-later

#include "contactimportdialog.h"

#include "rules/inlinemessage.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dockside::ui {

ContactImportDialog::ContactImportDialog(const ContactImportSummary &summary, QWidget *parent)
    : QDialog(parent)
    , m_summary(summary)
    , m_text(new QLabel(this))
    , m_problems(new QTableWidget(this))
{
    setObjectName(QStringLiteral("contactImportDialog"));
    setWindowTitle(tr("Import contacts: %1").arg(QFileInfo(summary.fileName).fileName()));
    setAttribute(Qt::WA_DeleteOnClose);
    m_text->setObjectName(QStringLiteral("importSummary"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setText(summary.message);

    m_problems->setObjectName(QStringLiteral("importProblems"));
    m_problems->setColumnCount(3);
    m_problems->setHorizontalHeaderLabels({tr("Line"), tr("Where"), tr("Problem")});
    m_problems->setRowCount(static_cast<int>(summary.problems.size()));
    m_problems->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problems->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_problems->setWordWrap(false);
    m_problems->setTextElideMode(Qt::ElideRight);
    m_problems->verticalHeader()->hide();
    m_problems->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_problems->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_problems->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    const QColor errorColor = InlineMessage::colorFor(InlineMessage::Kind::Error, palette());
    for (int row = 0; row < summary.problems.size(); ++row) {
        const base::LoadError &problem = summary.problems.at(row);
        QString lineText = problem.line > 0 ? QString::number(problem.line) : QStringLiteral("–");
        if (problem.line > 0 && problem.column > 0)
            lineText += QLatin1Char(':') + QString::number(problem.column);
        auto *line = new QTableWidgetItem(lineText);
        line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        // A JSON problem names its path; a CSV problem names its column, or nothing for the whole row.
        const QString where = problem.path.startsWith(QLatin1Char('$')) ? problem.path
            : problem.path.isEmpty() ? (problem.line > 0 ? tr("the row") : tr("the file"))
                                     : tr("column \"%1\"").arg(problem.path);
        auto *message = new QTableWidgetItem(problem.message);
        message->setToolTip(problem.message);
        message->setForeground(errorColor);
        m_problems->setItem(row, 0, line);
        m_problems->setItem(row, 1, new QTableWidgetItem(where));
        m_problems->setItem(row, 2, message);
    }
    m_problems->setVisible(!summary.problems.isEmpty());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    buttons->button(QDialogButtonBox::Close)->setDefault(true);
    buttons->button(QDialogButtonBox::Close)->setFocus();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(m_problems, 1);
    layout->addWidget(buttons);
    resize(summary.problems.isEmpty() ? QSize(520, 140) : QSize(760, 420));
}

ContactImportDialog::~ContactImportDialog() = default;

QString ContactImportDialog::summaryText() const
{
    return m_text->text();
}

int ContactImportDialog::problemCount() const
{
    return m_problems->rowCount();
}

} // namespace dockside::ui
