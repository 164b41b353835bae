// SPDX-License-Identifier: GPL-3.0-or-later

#include "validatingjsoneditor.h"

#include "jsonview.h"
#include "wording.h"

#include <QHeaderView>
#include <QLabel>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {

constexpr int kDefaultValidationDelayMs = 300;
constexpr int kVisibleProblemRows = 4;

} // namespace

ValidatingJsonEditor::ValidatingJsonEditor(QWidget *parent)
    : QWidget(parent)
    , m_view(new JsonView(this))
    , m_summary(new QLabel(this))
    , m_problemView(new QTreeView(this))
    , m_debounce(new QTimer(this))
{
    m_view->setObjectName(QStringLiteral("jsonView"));
    m_view->setReadOnly(false);
    m_summary->setObjectName(QStringLiteral("problemSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setContentsMargins(4, 2, 4, 2);

    m_problemView->setObjectName(QStringLiteral("problemList"));
    m_problemView->setModel(&m_problems);
    m_problemView->setRootIsDecorated(false);
    m_problemView->setUniformRowHeights(true);
    m_problemView->setAlternatingRowColors(true);
    m_problemView->setWordWrap(false);
    m_problemView->header()->setStretchLastSection(true);
    m_problemView->header()->setSectionResizeMode(JsonProblemModel::PlaceColumn, QHeaderView::ResizeToContents);
    m_problemView->setToolTip(tr("Click a problem to go to its place in the text"));
    const int rowHeight = m_problemView->fontMetrics().height() + 6;
    m_problemView->setFixedHeight(m_problemView->header()->sizeHint().height() + rowHeight * kVisibleProblemRows + 4);
    m_problemView->hide();

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDefaultValidationDelayMs);
    connect(m_debounce, &QTimer::timeout, this, &ValidatingJsonEditor::validateNow);
    connect(m_view, &JsonView::textChanged, this, &ValidatingJsonEditor::textChanged);
    connect(m_problemView, &QTreeView::clicked, this, &ValidatingJsonEditor::showProblem);
    connect(m_problemView, &QTreeView::activated, this, &ValidatingJsonEditor::showProblem);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_problemView);
    setFocusProxy(m_view);
    updateSummary();
}

ValidatingJsonEditor::~ValidatingJsonEditor() = default;

void ValidatingJsonEditor::setValidator(JsonValidator validator)
{
    m_validator = std::move(validator);
    validateNow();
}

void ValidatingJsonEditor::setValidationDelay(int milliseconds)
{
    m_debounce->setInterval(milliseconds);
}

void ValidatingJsonEditor::setBaseline(const QString &text)
{
    m_baseline = text;
    m_loading = true;
    m_view->setText(text);
    m_loading = false;
    if (m_dirty) {
        m_dirty = false;
        Q_EMIT dirtyChanged(false);
    }
    validateNow();
}

void ValidatingJsonEditor::rebase(const QString &baseline)
{
    m_baseline = baseline;
    const bool dirty = m_view->text() != m_baseline;
    if (dirty != m_dirty) {
        m_dirty = dirty;
        Q_EMIT dirtyChanged(dirty);
    }
    validateNow();
}

void ValidatingJsonEditor::revert()
{
    setBaseline(m_baseline);
}

QString ValidatingJsonEditor::text() const
{
    return m_view->text();
}

bool ValidatingJsonEditor::isValidationPending() const
{
    return m_debounce->isActive();
}

void ValidatingJsonEditor::textChanged()
{
    if (m_loading)
        return;
    const bool dirty = m_view->text() != m_baseline;
    if (dirty != m_dirty) {
        m_dirty = dirty;
        Q_EMIT dirtyChanged(dirty);
    }
    Q_EMIT edited();
    m_debounce->start();
}

bool ValidatingJsonEditor::validateNow()
{
    m_debounce->stop();
    QList<JsonProblem> problems;
    if (m_validator)
        problems = m_validator(m_view->text().toUtf8());
    m_problems.setProblems(problems);
    QList<JsonMark> marks;
    for (const JsonProblem &problem : m_problems.problems())
        marks.append(problem.mark());
    m_view->setMarks(marks);
    updateSummary();
    Q_EMIT validated(hasErrors());
    return !hasErrors();
}

void ValidatingJsonEditor::showProblem(const QModelIndex &index)
{
    const int line = index.data(JsonProblemModel::LineRole).toInt();
    if (line > 0)
        m_view->goTo(line, index.data(JsonProblemModel::ColumnRole).toInt());
}

void ValidatingJsonEditor::updateSummary()
{
    const int errors = m_problems.errorCount();
    const int warnings = m_problems.warningCount();
    m_problemView->setVisible(errors + warnings > 0);
    if (errors + warnings == 0) {
        m_summary->setText(tr("No problems"));
        return;
    }
    QStringList parts;
    if (errors > 0)
        parts.append(counted(errors, tr("error"), tr("errors")));
    if (warnings > 0)
        parts.append(counted(warnings, tr("warning"), tr("warnings")));
    m_summary->setText(parts.join(QStringLiteral(", ")) +
                       (errors > 0 ? tr(": fix before applying") : tr(": they do not stop applying")));
}

} // namespace dockside::ui
