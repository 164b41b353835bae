// SPDX-License-Identifier: GPL-3.0-or-later

#include "exchangediffdialog.h"

#include "difffiltermodel.h"
#include "difftablemodel.h"
#include "exchangediff.h"

#include "common/background.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

#include <memory>

namespace dockside::ui {

ExchangeDiffDialog::ExchangeDiffDialog(QWidget *parent)
    : QDialog(parent)
    , m_model(new DiffTableModel(this))
    , m_filter(new DiffFilterModel(this))
{
    setObjectName(QStringLiteral("exchangeDiffDialog"));
    setWindowTitle(tr("Compare exchanges"));
    resize(1000, 640);
    setSizeGripEnabled(true);
    m_filter->setSourceModel(m_model);
    m_model->setSideTitles(tr("Left"), tr("Right"));

    auto *layout = new QVBoxLayout(this);
    auto *captions = new QFormLayout;
    m_leftCaption = new QLabel(this);
    m_leftCaption->setObjectName(QStringLiteral("leftCaption"));
    m_rightCaption = new QLabel(this);
    m_rightCaption->setObjectName(QStringLiteral("rightCaption"));
    for (QLabel *caption : {m_leftCaption, m_rightCaption}) {
        caption->setTextFormat(Qt::PlainText);
        caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    captions->addRow(tr("Left:"), m_leftCaption);
    captions->addRow(tr("Right:"), m_rightCaption);
    layout->addLayout(captions);

    auto *toolbar = new QHBoxLayout;
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("diffFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter fields and values"));
    m_filterEdit->setAccessibleName(tr("Filter the compared fields"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &DiffFilterModel::setFilterText);
    m_onlyDifferences = new QCheckBox(tr("Show only differences"), this);
    m_onlyDifferences->setObjectName(QStringLiteral("onlyDifferences"));
    connect(m_onlyDifferences, &QCheckBox::toggled, m_filter, &DiffFilterModel::setOnlyDifferences);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("diffCounts"));
    toolbar->addWidget(m_filterEdit, 1);
    toolbar->addWidget(m_onlyDifferences);
    toolbar->addSpacing(12);
    toolbar->addWidget(m_counts);
    layout->addLayout(toolbar);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("diffTable"));
    m_table->setAccessibleName(tr("Fields of the two exchanges"));
    m_table->setAccessibleDescription(
        tr("Each field with its left and right value; the Change column says how it differs"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(DiffTableModel::PartColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(DiffTableModel::FieldColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(DiffTableModel::ChangeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(DiffTableModel::LeftColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(DiffTableModel::RightColumn, QHeaderView::Stretch);
    header->resizeSection(DiffTableModel::FieldColumn, 260);
    layout->addWidget(m_table, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    m_onlyDifferences->setChecked(true);
    updateCounts();
}

// A running comparison is bounded (bodies over 512 KiB compare as a whole): the dialog waits for it as it goes.
ExchangeDiffDialog::~ExchangeDiffDialog() = default;

void ExchangeDiffDialog::setOnlyDifferences(bool only)
{
    m_onlyDifferences->setChecked(only);
}

bool ExchangeDiffDialog::onlyDifferences() const
{
    return m_onlyDifferences->isChecked();
}

void ExchangeDiffDialog::setExchanges(const history::ExchangeRecord &left, const history::ExchangeRecord &right)
{
    m_leftCaption->setText(exchangeCaption(left));
    m_rightCaption->setText(exchangeCaption(right));
    setWindowTitle(left.id > 0 && right.id > 0 ? tr("Compare exchanges #%1 and #%2").arg(left.id).arg(right.id)
                                               : tr("Compare exchanges"));
    m_model->setRows({});
    m_comparing = true;
    updateCounts();

    // Flattening two large bodies takes a while: a worker does it, and only the newest comparison is shown.
    const quint64 generation = ++m_generation;
    runInBackground(
        this, [left, right] { return diffExchanges(left, right); },
        [this, generation](const QList<DiffRow> &rows) {
            if (generation != m_generation)
                return;
            m_comparing = false;
            m_model->setRows(rows);
            updateCounts();
            Q_EMIT comparisonFinished();
        });
}

void ExchangeDiffDialog::updateCounts()
{
    if (m_comparing) {
        m_counts->setText(tr("Comparing…"));
        return;
    }
    m_counts->setText(tr("%1 changed · %2 added · %3 removed · %4 the same")
                          .arg(m_model->count(contract::LeafChange::Changed))
                          .arg(m_model->count(contract::LeafChange::Added))
                          .arg(m_model->count(contract::LeafChange::Removed))
                          .arg(m_model->count(contract::LeafChange::Same)));
}

} // namespace dockside::ui
