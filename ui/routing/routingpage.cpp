// SPDX-License-Identifier: GPL-3.0-or-later

#include "routingpage.h"

#include "routingcelldelegate.h"
#include "routingtablemodel.h"

#include "common/searchfiltermodel.h"
#include "editor/wording.h"
#include "routing/routingcallers.h"
#include "routing/routingmoments.h"
#include "rules/timezonecombobox.h"
#include "workspace/workspacedocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace dockside::ui {

using namespace dockside::routing;

namespace {

// Enter on a cell activates it, as double-click does; the table view alone would start editing or do nothing.
class RoutingTableView final : public QTableView {
public:
    using QTableView::QTableView;
    std::function<void(const QModelIndex &)> activate;

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentIndex().isValid() && activate) {
            activate(currentIndex());
            return;
        }
        QTableView::keyPressEvent(event);
    }
};

} // namespace

RoutingPage::RoutingPage(WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_runner(new RoutingRunner(this))
    , m_model(new RoutingTableModel(this))
    , m_filter(new SearchFilterModel(this))
{
    m_filter->setSourceModel(m_model);
    m_filter->setRowCondition(
        [this](const QModelIndex &source) { return !m_onlyChanged->isChecked() || m_model->rowChanged(source.row()); });
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &RoutingPage::compute);
    createWidgets();

    connect(m_runner, &RoutingRunner::progress, this, [this](qsizetype done, qsizetype total) {
        m_progress->setRange(0, static_cast<int>(total));
        m_progress->setValue(static_cast<int>(done));
    });
    connect(m_runner, &RoutingRunner::finished, this, &RoutingPage::finished);
    connect(m_runner, &RoutingRunner::cancelled, this, [this] {
        if (m_runner->isRunning())
            return; // a newer run took over
        m_progress->hide();
        m_cancel->hide();
        m_status->setText(tr("Cancelled; change a setting or press Update to compute again."));
    });

    for (auto signal :
         {&WorkspaceDocument::rulesChanged, &WorkspaceDocument::templatesChanged, &WorkspaceDocument::contactsChanged,
          &WorkspaceDocument::defaultAssistantChanged, &WorkspaceDocument::workspaceReset})
        connect(m_document, signal, this, &RoutingPage::scheduleCompute);
    connect(m_document, &WorkspaceDocument::workspaceReset, this, [this] {
        const QStringList zones = businessHoursZones(m_document->workspace().rules);
        if (!zones.isEmpty())
            m_zoneCombo->setZoneId(zones.constFirst());
    });
    connect(m_document, &WorkspaceDocument::fileNameChanged, this, &RoutingPage::updateCompareAvailability);
    connect(m_document, &WorkspaceDocument::modifiedChanged, this, &RoutingPage::scheduleCompute);
    updateCompareAvailability();
}

RoutingPage::~RoutingPage() = default;

void RoutingPage::createWidgets()
{
    const QStringList ruleZones = businessHoursZones(m_document->workspace().rules);
    const QTimeZone system = QTimeZone::systemTimeZone();

    m_zoneCombo = new TimeZoneComboBox(this);
    m_zoneCombo->setObjectName(QStringLiteral("routingZoneCombo"));
    m_zoneCombo->setZoneId(ruleZones.isEmpty() ? QString::fromUtf8(system.id()) : ruleZones.constFirst());
    m_zoneCombo->setToolTip(tr("The zone the week starts in and the times are shown in: the rules' business hours "
                               "are in %1; yours is %2")
                                .arg(ruleZones.isEmpty() ? tr("no zone") : ruleZones.join(QStringLiteral(", ")),
                                     QString::fromUtf8(system.id())));
    m_zone = QTimeZone(m_zoneCombo->zoneId().toUtf8());

    m_start = new QDateTimeEdit(this);
    m_start->setObjectName(QStringLiteral("routingStartEdit"));
    m_start->setAccessibleName(tr("Start"));
    m_start->setDisplayFormat(QStringLiteral("ddd yyyy-MM-dd HH:mm"));
    m_start->setCalendarPopup(true);
    const QDateTime monday = startOfWeek(QDateTime::currentDateTimeUtc(), m_zone.isValid() ? m_zone : system);
    m_start->setDateTime(QDateTime(monday.toTimeZone(m_zone.isValid() ? m_zone : system).date(), QTime(0, 0)));
    m_start->setToolTip(tr("The first moment, on the wall clock of the zone"));

    m_step = new QComboBox(this);
    m_step->setObjectName(QStringLiteral("routingStepCombo"));
    m_step->setEditable(true);
    m_step->addItems({QStringLiteral("15m"), QStringLiteral("30m"), QStringLiteral("1h"), QStringLiteral("2h")});
    m_step->setToolTip(tr("Between two moments: 15m, 1h, 1h30m"));

    m_days = new QSpinBox(this);
    m_days->setObjectName(QStringLiteral("routingDaysSpin"));
    m_days->setAccessibleName(tr("Days"));
    m_days->setRange(1, 31);
    m_days->setValue(7);
    m_days->setSuffix(tr(" days"));

    m_times = new QLineEdit(this);
    m_times->setObjectName(QStringLiteral("routingTimesEdit"));
    m_times->setAccessibleName(tr("Times of day"));
    m_times->setPlaceholderText(tr("or only these times: 2027-03-28T01:30, 2027-03-28T03:00"));
    m_times->setClearButtonEnabled(true);
    m_times->setToolTip(tr("Times typed in replace the week; without an offset they are read in the zone"));

    m_numbers = new QLineEdit(this);
    m_numbers->setObjectName(QStringLiteral("routingNumbersEdit"));
    m_numbers->setAccessibleName(tr("Numbers"));
    m_numbers->setPlaceholderText(tr("more callers: +31 20 123 4567, +49 30 1234567 (typed or pasted)"));
    m_numbers->setClearButtonEnabled(true);
    m_numbers->setToolTip(tr("The contacts and one unknown number per country prefix the rules name are always "
                             "shown; add numbers here, separated by commas or new lines"));

    m_signed = new QCheckBox(tr("Signed requests"), this);
    m_signed->setObjectName(QStringLiteral("routingSignedCheck"));
    m_signed->setChecked(true);
    m_signed->setToolTip(tr("On: every request is signed with the endpoint's secret, as the platform signs it, and "
                            "signature rules see \"valid\". Off: the endpoint has no secret and they see "
                            "\"unchecked\""));
    m_compare = new QCheckBox(tr("Compare with saved file"), this);
    m_compare->setObjectName(QStringLiteral("routingCompareCheck"));
    auto *compareFileButton = new QPushButton(tr("Other File…"), this);
    compareFileButton->setObjectName(QStringLiteral("routingCompareFileButton"));
    compareFileButton->setToolTip(tr("Compare with another workspace file, such as the one deployed"));
    connect(compareFileButton, &QPushButton::clicked, this, [this] {
        const QString fileName = QFileDialog::getOpenFileName(this, tr("Compare With Workspace"), QString(),
                                                              tr("Dockside workspaces (*.json);;All files (*)"));
        if (!fileName.isEmpty())
            setComparisonFile(fileName);
    });
    m_perMoment = new QCheckBox(tr("One column per moment"), this);
    m_perMoment->setObjectName(QStringLiteral("routingPerMomentCheck"));
    m_perMoment->setToolTip(tr("Off: a column is a band of moments in which no caller's answer changes"));

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("From"), this));
    controls->addWidget(m_start);
    controls->addWidget(new QLabel(tr("every"), this));
    controls->addWidget(m_step);
    controls->addWidget(new QLabel(tr("for"), this));
    controls->addWidget(m_days);
    controls->addWidget(new QLabel(tr("in"), this));
    controls->addWidget(m_zoneCombo, 1);
    auto *updateButton = new QPushButton(tr("Update"), this);
    updateButton->setObjectName(QStringLiteral("routingUpdateButton"));
    connect(updateButton, &QPushButton::clicked, this, &RoutingPage::compute);
    controls->addWidget(updateButton);

    auto *inputs = new QHBoxLayout;
    inputs->addWidget(m_times, 1);
    inputs->addWidget(m_numbers, 1);
    inputs->addWidget(m_signed);
    inputs->addWidget(m_compare);
    inputs->addWidget(compareFileButton);
    inputs->addWidget(m_perMoment);

    m_inputError = new QLabel(this);
    m_inputError->setObjectName(QStringLiteral("routingInputError"));
    m_inputError->setWordWrap(true);
    // White, not the palette's bright text: the dark theme's is red, 2.4:1 on this red (white is 6.5:1).
    m_inputError->setStyleSheet(QStringLiteral("color: white; background: #b3261e; padding: 3px;"));
    m_inputError->hide();

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("routingSearchField"));
    m_search->setAccessibleName(tr("Filter callers"));
    m_search->setPlaceholderText(tr("Filter callers by name or number"));
    m_search->setClearButtonEnabled(true);
    installSearch(m_search, m_filter);
    m_onlyChanged = new QCheckBox(tr("Only changed callers"), this);
    m_onlyChanged->setObjectName(QStringLiteral("routingOnlyChangedCheck"));
    m_onlyChanged->setEnabled(false);
    connect(m_onlyChanged, &QCheckBox::toggled, m_filter, &SearchFilterModel::refreshRowCondition);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("routingProgress"));
    m_progress->setMaximumWidth(220);
    m_progress->setFormat(tr("%v of %m rows"));
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("routingCancelButton"));
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, &RoutingPage::cancel);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("routingStatus"));

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_search, 1);
    filterRow->addWidget(m_onlyChanged);
    filterRow->addWidget(m_progress);
    filterRow->addWidget(m_cancel);
    filterRow->addWidget(m_status, 2);

    auto *view = new RoutingTableView(this);
    view->activate = [this](const QModelIndex &index) { activateCell(index); };
    m_table = view;
    m_table->setObjectName(QStringLiteral("routingTable"));
    m_table->setAccessibleName(tr("Routing by caller and moment"));
    m_table->setModel(m_filter);
    m_table->setItemDelegate(new RoutingCellDelegate(m_table));
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setDefaultSectionSize(m_table->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 21);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setMinimumSectionSize(m_table->fontMetrics().lineSpacing() * 2 + 8);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().lineSpacing() * 2 + 8);
    connect(m_table, &QTableView::doubleClicked, this, &RoutingPage::activateCell);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &RoutingPage::updateDetail);

    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("routingDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setText(tr("Select a cell to see who calls when, the rule, the template and what the caller hears."));
    m_openRule = new QPushButton(tr("Open Rule"), this);
    m_openRule->setObjectName(QStringLiteral("routingOpenRuleButton"));
    m_openRule->setEnabled(false);
    m_openTemplate = new QPushButton(tr("Open Template"), this);
    m_openTemplate->setObjectName(QStringLiteral("routingOpenTemplateButton"));
    m_openTemplate->setEnabled(false);
    connect(m_openRule, &QPushButton::clicked, this, [this] {
        const QModelIndex index = m_table->currentIndex();
        Q_EMIT openRuleRequested(index.data(RoutingTableModel::RuleIdRole).toString(),
                                 index.data(RoutingTableModel::CallerNumberRole).toString());
    });
    connect(m_openTemplate, &QPushButton::clicked, this, [this] {
        const QModelIndex source = m_filter->mapToSource(m_table->currentIndex());
        const routing::RoutingCaller *caller = m_model->callerAt(source.row());
        const std::optional<RoutingInput> input = currentInput();
        if (caller == nullptr || !input)
            return;
        const QDateTime moment = m_model->columnStart(source.column());
        Q_EMIT openTemplateRequested(source.data(RoutingTableModel::TemplateIdRole).toString(),
                                     tr("Routing: %1 at %2").arg(caller->label, momentLabel(moment, m_zone)),
                                     routingRequest(*input, caller->number, moment), true);
    });
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_openRule);
    buttons->addWidget(m_openTemplate);
    buttons->addStretch();
    auto *detailRow = new QHBoxLayout;
    detailRow->addWidget(m_detail, 1);
    detailRow->addLayout(buttons);

    m_assumptions = new QLabel(this);
    m_assumptions->setObjectName(QStringLiteral("routingAssumptions"));
    m_assumptions->setWordWrap(true);
    m_assumptions->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(controls);
    layout->addLayout(inputs);
    layout->addWidget(m_inputError);
    layout->addLayout(filterRow);
    layout->addWidget(m_table, 1);
    layout->addLayout(detailRow);
    layout->addWidget(m_assumptions);

    connect(m_start, &QDateTimeEdit::dateTimeChanged, this, &RoutingPage::scheduleCompute);
    connect(m_step, &QComboBox::currentTextChanged, this, &RoutingPage::scheduleCompute);
    connect(m_days, &QSpinBox::valueChanged, this, &RoutingPage::scheduleCompute);
    connect(m_zoneCombo, &QComboBox::currentTextChanged, this, &RoutingPage::scheduleCompute);
    connect(m_times, &QLineEdit::textChanged, this, &RoutingPage::scheduleCompute);
    connect(m_numbers, &QLineEdit::textChanged, this, &RoutingPage::scheduleCompute);
    connect(m_signed, &QCheckBox::toggled, this, &RoutingPage::scheduleCompute);
    connect(m_compare, &QCheckBox::toggled, this, &RoutingPage::scheduleCompute);
    connect(m_perMoment, &QCheckBox::toggled, m_model, [this](bool perMoment) { m_model->setGrouped(!perMoment); });
}

void RoutingPage::setSecret(const QByteArray &secret)
{
    const bool had = !m_secret.isEmpty();
    m_secret = secret;
    if (!m_secretKnown || had != !secret.isEmpty())
        m_signed->setChecked(!secret.isEmpty());
    m_secretKnown = true;
}

QString RoutingPage::comparisonFile() const
{
    return m_compareFile.isEmpty() ? m_document->fileName() : m_compareFile;
}

QString RoutingPage::comparisonName() const
{
    return m_compareFile.isEmpty() ? tr("the saved file") : QFileInfo(m_compareFile).fileName();
}

void RoutingPage::setComparisonFile(const QString &fileName)
{
    m_compareFile = fileName;
    updateCompareAvailability();
    if (!fileName.isEmpty())
        m_compare->setChecked(true);
    scheduleCompute();
}

void RoutingPage::updateCompareAvailability()
{
    const bool hasFile = !comparisonFile().isEmpty();
    m_compare->setText(m_compareFile.isEmpty() ? tr("Compare with saved file")
                                               : tr("Compare with %1").arg(QFileInfo(m_compareFile).fileName()));
    m_compare->setEnabled(hasFile);
    if (!hasFile)
        m_compare->setChecked(false);
    m_compare->setToolTip(
        !m_compareFile.isEmpty()
            ? tr("Frame the cells that %1 answers otherwise than the workspace being edited").arg(m_compareFile)
            : hasFile ? tr("Frame the cells that %1 as saved answers otherwise: what the unsaved "
                           "edits change")
                            .arg(QFileInfo(m_document->fileName()).fileName())
                      : tr("The workspace has no file yet; save it to compare edits with it, or "
                           "compare with another workspace file (Other File…)"));
}

void RoutingPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        compute();
}

void RoutingPage::scheduleCompute()
{
    m_dirty = true;
    if (isVisible())
        m_debounce.start();
}

QString RoutingPage::currentZoneId() const
{
    return m_zoneCombo->zoneId();
}

std::optional<RoutingInput> RoutingPage::currentInput()
{
    QStringList problems;
    const QTimeZone zone(currentZoneId().toUtf8());
    if (!zone.isValid())
        problems.append(tr("“%1” is not a time zone this system knows; pick one from the list, such as "
                           "Europe/Amsterdam.")
                            .arg(currentZoneId()));
    const std::optional<qint64> step = parseStep(m_step->currentText());
    if (!step)
        problems.append(tr("“%1” is not a step of a minute or more; use 15m, 1h or 1h30m.").arg(m_step->currentText()));
    QList<QDateTime> times;
    for (const QString &text : m_times->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (text.trimmed().isEmpty())
            continue;
        const std::optional<QDateTime> time = parseMoment(text, zone.isValid() ? zone : QTimeZone::utc());
        if (time)
            times.append(*time);
        else
            problems.append(tr("“%1” is not a date-time; write it as 2027-03-28T09:30.").arg(text.trimmed()));
    }
    const QStringList numbers = parseNumberList(m_numbers->text(), &problems);
    if (!problems.isEmpty()) {
        m_inputError->setText(problems.join(QLatin1Char('\n')));
        m_inputError->show();
        return std::nullopt;
    }
    m_inputError->hide();

    RoutingInput input;
    input.workspace = m_document->workspace();
    input.callers = buildCallers(input.workspace, numbers);
    m_zone = zone;
    if (times.isEmpty()) {
        const QDateTime start(m_start->date(), m_start->time(), zone);
        const RoutingMoments moments = weekMoments(start, *step, m_days->value(), zone);
        input.moments = moments.moments;
        m_stepSeconds = *step;
    } else {
        input.moments = explicitMoments(times, zone).moments;
        m_stepSeconds = 0;
    }
    input.signature = m_signed->isChecked() ? SignatureAssumption::SignedWithSecret : SignatureAssumption::NoSecret;
    return input;
}

void RoutingPage::compute()
{
    m_debounce.stop();
    std::optional<RoutingInput> input = currentInput();
    if (!input) {
        m_dirty = false;
        return;
    }
    std::optional<workspace::Workspace> saved;
    if (m_compare->isChecked() && !comparisonFile().isEmpty()) {
        const workspace::WorkspaceLoad load = workspace::loadWorkspaceFile(comparisonFile());
        if (!load.workspace) {
            m_inputError->setText(
                tr("%1 cannot be read to compare with (%2); fix the file or choose another.")
                    .arg(comparisonFile(),
                         load.errors.isEmpty() ? tr("unknown error") : load.errors.constFirst().message));
            m_inputError->show();
        } else {
            saved = *load.workspace;
            input->callers =
                mergeCallers(input->callers, buildCallers(*saved, parseNumberList(m_numbers->text(), nullptr)));
        }
    }
    m_dirty = false;
    m_progress->setRange(0, static_cast<int>(input->callers.size() * (saved ? 2 : 1)));
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->show();
    m_status->setText(tr("Computing %1 × %2…")
                          .arg(counted(input->callers.size(), tr("caller"), tr("callers")),
                               counted(input->moments.size(), tr("moment"), tr("moments"))));
    m_runner->start(std::move(*input), std::move(saved));
}

void RoutingPage::cancel()
{
    m_runner->cancel();
}

void RoutingPage::finished(const RoutingResult &result)
{
    m_progress->hide();
    m_cancel->hide();
    const QString current = m_table->currentIndex().isValid()
        ? m_table->currentIndex().siblingAtColumn(0).data(RoutingTableModel::CallerNumberRole).toString()
        : QString();
    m_model->setZone(m_zone);
    m_model->setGrouped(!m_perMoment->isChecked());
    m_model->setResult(result, m_stepSeconds);
    m_onlyChanged->setEnabled(result.diff.has_value());
    if (!result.diff)
        m_onlyChanged->setChecked(false);
    m_filter->refreshRowCondition();
    m_table->resizeColumnToContents(0);

    QString status = tr("%1 × %2 in %3 ms (%4)")
                         .arg(counted(result.matrix.callers.size(), tr("caller"), tr("callers")),
                              counted(result.matrix.moments.size(), tr("moment"), tr("moments")))
                         .arg(result.elapsedMs)
                         .arg(counted(m_model->columnCount() - 1, tr("column"), tr("columns")));
    if (result.diff)
        status += result.diff->changedCells == 0 ? tr("; %1 answers every cell the same").arg(comparisonName())
                                                 : tr("; %1 cells of %2 callers differ from %3 (framed, Δ)")
                                                       .arg(result.diff->changedCells)
                                                       .arg(result.diff->changedCallers)
                                                       .arg(comparisonName());
    m_status->setText(status);
    m_assumptions->setText(tr("Assumed: %1 Nothing is sent: every cell is the mock endpoint's own plan of that "
                              "request.")
                               .arg(result.matrix.assumptions.join(QLatin1Char(' '))));
    if (!current.isEmpty()) {
        for (int row = 0; row < m_filter->rowCount(); ++row) {
            if (m_filter->index(row, 0).data(RoutingTableModel::CallerNumberRole).toString() == current) {
                m_table->setCurrentIndex(m_filter->index(row, 1));
                break;
            }
        }
    }
    updateDetail();
    Q_EMIT computed(status);
}

void RoutingPage::updateDetail()
{
    const QModelIndex index = m_table->currentIndex();
    const QModelIndex source = m_filter->mapToSource(index);
    const RoutingCell *cell = m_model->cellAt(source);
    const routing::RoutingCaller *caller = m_model->callerAt(source.row());
    m_openRule->setEnabled(cell != nullptr && cell->matched);
    m_openTemplate->setEnabled(cell != nullptr && !cell->templateId.isEmpty());
    if (cell == nullptr || caller == nullptr) {
        m_detail->setText(tr("Select a cell to see who calls when, the rule, the template and what the caller hears."));
        return;
    }
    QString text = tr("%1 (%2), %3:\n%4")
                       .arg(caller->label, caller->number, m_model->columnLabel(source.column()), cell->summary(400));
    if (source.data(RoutingTableModel::ChangedRole).toBool()) {
        const RoutingCell *old = m_model->beforeCellAt(source);
        text += QStringLiteral("\n") +
            tr("In %1: %2").arg(comparisonName(), old != nullptr ? old->summary(400) : tr("(no such caller)"));
    }
    const QTimeZone system = QTimeZone::systemTimeZone();
    const QDateTime start = m_model->columnStart(source.column());
    if (system != m_zone && start.isValid())
        text += QStringLiteral("\n") + tr("Starts %1 on your clock.").arg(momentLabel(start, system));
    m_detail->setText(text);
}

void RoutingPage::activateCell(const QModelIndex &proxyIndex)
{
    const QModelIndex source = m_filter->mapToSource(proxyIndex);
    const RoutingCell *cell = m_model->cellAt(source);
    const routing::RoutingCaller *caller = m_model->callerAt(source.row());
    if (cell == nullptr || caller == nullptr)
        return;
    const std::optional<RoutingInput> input = currentInput();
    const QDateTime moment = m_model->columnStart(source.column());
    // The template first, without showing it, so that the Templates page previews this caller's request.
    if (!cell->templateId.isEmpty() && input)
        Q_EMIT openTemplateRequested(cell->templateId,
                                     tr("Routing: %1 at %2").arg(caller->label, momentLabel(moment, m_zone)),
                                     routingRequest(*input, caller->number, moment), !cell->matched);
    if (cell->matched)
        Q_EMIT openRuleRequested(cell->ruleId, caller->number);
}

} // namespace dockside::ui
