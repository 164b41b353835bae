// SPDX-License-Identifier: GPL-3.0-or-later

#include "timelineview.h"

#include "badgedelegate.h"
#include "calls/calllistmodel.h"
#include "calls/calltreeview.h"
#include "common/accessibility.h"
#include "common/background.h"
#include "composer/curlcommand.h"
#include "history/exchangeredactor.h"
#include "latencydelegate.h"
#include "teamhistory/historysource.h"
#include "timelineexport.h"
#include "timelineformat.h"
#include "timelinemodel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDataStream>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIntValidator>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QResizeEvent>
#include <QScrollBar>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <limits>
#include <utility>

namespace dockside::ui {

namespace {

constexpr int kFilterDelayMs = 250;
constexpr int kMaxCurlCommands = 100;
constexpr quint32 kStateMagic = 0x544c5631; // "TLV1"
constexpr quint32 kStateVersion = 2; // 2 adds calls mode

// Follows the viewport so the empty-state text stays centred over the table.
class OverlayFollower final : public QObject {
public:
    OverlayFollower(QWidget *overlay, QObject *parent)
        : QObject(parent)
        , m_overlay(overlay)
    {
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize || event->type() == QEvent::Show) {
            if (auto *viewport = qobject_cast<QWidget *>(watched))
                m_overlay->setGeometry(viewport->rect().adjusted(24, 24, -24, -24));
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QWidget *m_overlay = nullptr;
};

} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("timelineView"));
    setAccessibleName(tr("Timeline"));
    m_model = new TimelineModel(this);
    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(kFilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, &TimelineView::applyFilter);

    m_chooseExportFile = [this](const QString &suggested, bool *redact) {
        // Qt's own dialog, so the redaction checkbox can sit in it.
        QFileDialog dialog(this, tr("Export exchanges"), QFileInfo(suggested).absolutePath(),
                           tr("HTTP Archive (*.har);;Dockside JSON (*.json)"));
        dialog.setOption(QFileDialog::DontUseNativeDialog);
        dialog.setAcceptMode(QFileDialog::AcceptSave);
        dialog.selectFile(QFileInfo(suggested).fileName());
        auto *redactBox = new QCheckBox(tr("&Redact personal data: phone numbers, contact names, transcripts, "
                                           "summaries and signatures"),
                                        &dialog);
        redactBox->setObjectName(QStringLiteral("exportRedact"));
        redactBox->setChecked(*redact);
        if (auto *grid = qobject_cast<QGridLayout *>(dialog.layout()))
            grid->addWidget(redactBox, grid->rowCount(), 0, 1, grid->columnCount());
        if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
            return QString();
        *redact = redactBox->isChecked();
        const QString selectedFilter = dialog.selectedNameFilter();
        QString fileName = dialog.selectedFiles().constFirst();
        if (!fileName.isEmpty() && QFileInfo(fileName).suffix().isEmpty())
            fileName +=
                selectedFilter.contains(QLatin1String("json")) ? QStringLiteral(".json") : QStringLiteral(".har");
        return fileName;
    };

    createFilterBar();
    createTable();
    createActions();

    // One row when the timeline is wide; on a small screen two (search, status, caller and the count over the
    // lists), rearranged as the width changes, so no field is squeezed to a letter.
    m_searchRow = new QHBoxLayout;
    m_searchRow->setContentsMargins(0, 0, 4, 0);
    m_searchRow->setSpacing(6);
    m_filterRow = new QHBoxLayout;
    m_filterRow->setContentsMargins(0, 0, 4, 0);
    m_filterRow->setSpacing(6);
    arrangeFilterBar();

    m_callTree = new CallTreeView(this);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_callTree);
    // A call's menu: forget its caller, copy or export its exchanges.
    m_callTree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_callTree, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        updateActions();
        QMenu menu(this);
        menu.addAction(m_copyCurlAction);
        menu.addAction(m_copyRedactedCurlAction);
        menu.addSeparator();
        menu.addAction(m_forgetCallerAction);
        menu.exec(m_callTree->viewport()->mapToGlobal(position));
    });
    connect(m_callTree, &CallTreeView::currentExchangeChanged, this, [this](qint64 id) {
        m_currentId = id;
        updateActions();
        Q_EMIT currentExchangeChanged(id);
    });
    connect(m_callTree, &CallTreeView::callChosen, this, &TimelineView::callChosen);
    connect(m_callTree->callModel(), &CallListModel::loaded, this, &TimelineView::updateOverlay);
    connect(m_callTree->callModel(), &QAbstractItemModel::rowsInserted, this, &TimelineView::updateOverlay);
    connect(m_callTree->callModel(), &CallListModel::failed, this, &TimelineView::statusMessage);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(m_searchRow);
    layout->addLayout(m_filterRow);
    layout->addWidget(m_stack, 1);

    connect(m_model, &TimelineModel::loadingChanged, this, &TimelineView::updateOverlay);
    connect(m_model, &TimelineModel::errorChanged, this, [this](const QString &message) {
        updateOverlay();
        if (!message.isEmpty())
            Q_EMIT statusMessage(message);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateCurrent();
        updateActions();
        updateOverlay();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        // New rows arrive at the top: a user who scrolled down keeps the rows they were reading in place.
        QScrollBar *bar = m_table->verticalScrollBar();
        if (first == 0 && bar->value() > 0) {
            const int rows = last - first + 1;
            const int added = m_table->verticalScrollMode() == QAbstractItemView::ScrollPerPixel
                ? rows * m_table->verticalHeader()->defaultSectionSize()
                : rows;
            bar->setMaximum(bar->maximum() + added);
            bar->setValue(bar->value() + added);
        }
        updateOverlay();
        updateActions();
        // Exchanges that just arrived come in at the top; a screen reader hears about them.
        if (first == 0 && std::exchange(m_arrivals, false))
            announceNewest(last - first + 1);
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        updateCurrent();
        updateActions();
    });
    updateOverlay();
    updateActions();
}

TimelineView::~TimelineView()
{
    // The export then stops early, so the wait for it when the view's children go is short.
    if (m_export)
        m_export->cancel();
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrangeFilterBar();
}

void TimelineView::arrangeFilterBar()
{
    const QList<QWidget *> filters {m_searchEdit, m_eventCombo,  m_directionCombo, m_outcomeCombo, m_statusEdit,
                                    m_callerEdit, m_clearButton, m_callsToggle,    m_countLabel};
    // Wide enough for every filter at its natural width, with room to type a search and a caller.
    const QFontMetrics metrics = fontMetrics();
    int oneRow = metrics.averageCharWidth() * 40 + m_filterRow->spacing() * static_cast<int>(filters.size());
    for (const QWidget *filter : filters) {
        if (filter != m_searchEdit && filter != m_callerEdit)
            oneRow += filter->sizeHint().width();
    }
    const bool twoRows = width() < oneRow;
    if (m_filterRow->count() > 0 && twoRows == (m_searchRow->count() > 0))
        return;
    for (QWidget *filter : filters) {
        m_searchRow->removeWidget(filter);
        m_filterRow->removeWidget(filter);
    }
    while (QLayoutItem *stretch = m_filterRow->takeAt(0))
        delete stretch;
    if (twoRows) {
        m_searchRow->addWidget(m_searchEdit, 3);
        m_searchRow->addWidget(m_statusEdit);
        m_searchRow->addWidget(m_callerEdit, 1);
        m_searchRow->addWidget(m_countLabel);
        for (QWidget *filter : std::initializer_list<QWidget *> {m_eventCombo, m_directionCombo, m_outcomeCombo,
                                                                 m_clearButton, m_callsToggle})
            m_filterRow->addWidget(filter);
        m_filterRow->addStretch(1);
        return;
    }
    m_filterRow->addWidget(m_searchEdit, 3);
    for (QWidget *filter :
         std::initializer_list<QWidget *> {m_eventCombo, m_directionCombo, m_outcomeCombo, m_statusEdit})
        m_filterRow->addWidget(filter);
    m_filterRow->addWidget(m_callerEdit, 1);
    for (QWidget *filter : std::initializer_list<QWidget *> {m_clearButton, m_callsToggle, m_countLabel})
        m_filterRow->addWidget(filter);
}

void TimelineView::createFilterBar()
{
    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("timelineSearch"));
    m_searchEdit->setAccessibleName(tr("Search bodies"));
    m_searchEdit->setPlaceholderText(tr("Search request and response bodies"));
    m_searchEdit->setToolTip(
        tr("Words found in request or response bodies, each as a word prefix (Ctrl+F; Enter searches at once)"));
    m_searchEdit->setClearButtonEnabled(true);
    connect(m_searchEdit, &QLineEdit::textChanged, this, &TimelineView::scheduleFilter);
    // Enter skips the typing pause.
    connect(m_searchEdit, &QLineEdit::returnPressed, this, &TimelineView::applyFilter);

    m_eventCombo = new QComboBox(this);
    m_eventCombo->setObjectName(QStringLiteral("timelineEventFilter"));
    m_eventCombo->setAccessibleName(tr("Event filter"));
    m_eventCombo->setToolTip(tr("Show one event type only"));
    m_eventCombo->addItem(tr("All events"), QStringList());
    for (const char *type : {"assistant-request", "status-update", "tool-calls", "end-of-call-report"})
        m_eventCombo->addItem(QString::fromLatin1(type), QStringList {QString::fromLatin1(type)});
    m_eventCombo->addItem(tr("Other requests"), QStringList {QString()});
    connect(m_eventCombo, &QComboBox::currentIndexChanged, this, &TimelineView::applyFilter);

    m_directionCombo = new QComboBox(this);
    m_directionCombo->setObjectName(QStringLiteral("timelineDirectionFilter"));
    m_directionCombo->setAccessibleName(tr("Direction filter"));
    m_directionCombo->setToolTip(tr("Inbound: received by the mock endpoint; outbound: sent by the composer"));
    m_directionCombo->addItem(tr("Both directions"), -1);
    m_directionCombo->addItem(tr("Inbound"), 0);
    m_directionCombo->addItem(tr("Outbound"), 1);
    connect(m_directionCombo, &QComboBox::currentIndexChanged, this, &TimelineView::applyFilter);

    m_outcomeCombo = new QComboBox(this);
    m_outcomeCombo->setObjectName(QStringLiteral("timelineOutcomeFilter"));
    m_outcomeCombo->setAccessibleName(tr("Outcome filter"));
    m_outcomeCombo->setToolTip(tr("The call outcome of assistant-requests"));
    m_outcomeCombo->addItem(tr("Any outcome"), QString());
    m_outcomeCombo->addItem(tr("answered"), QStringLiteral("override"));
    m_outcomeCombo->addItem(tr("rejected"), QStringLiteral("rejected"));
    for (const char *reason :
         {"timeout", "unreachable", "http_status", "empty_body", "invalid_json", "invalid_response", "default"})
        m_outcomeCombo->addItem(tr("default: %1").arg(QString::fromLatin1(reason)), QString::fromLatin1(reason));
    connect(m_outcomeCombo, &QComboBox::currentIndexChanged, this, &TimelineView::applyFilter);

    m_statusEdit = new QLineEdit(this);
    m_statusEdit->setObjectName(QStringLiteral("timelineStatusFilter"));
    m_statusEdit->setAccessibleName(tr("Status filter"));
    m_statusEdit->setPlaceholderText(tr("Status"));
    m_statusEdit->setToolTip(tr("The HTTP status of the answer; 0 for no answer"));
    m_statusEdit->setValidator(new QIntValidator(0, 999, m_statusEdit));
    m_statusEdit->setMaximumWidth(m_statusEdit->fontMetrics().horizontalAdvance(QStringLiteral("Status___")) + 16);
    connect(m_statusEdit, &QLineEdit::textChanged, this, &TimelineView::scheduleFilter);
    connect(m_statusEdit, &QLineEdit::returnPressed, this, &TimelineView::applyFilter);

    m_callerEdit = new QLineEdit(this);
    m_callerEdit->setObjectName(QStringLiteral("timelineCallerFilter"));
    m_callerEdit->setAccessibleName(tr("Caller filter"));
    m_callerEdit->setPlaceholderText(tr("Caller"));
    m_callerEdit->setToolTip(tr("The start of the caller's number, for example +4930"));
    m_callerEdit->setClearButtonEnabled(true);
    connect(m_callerEdit, &QLineEdit::textChanged, this, &TimelineView::scheduleFilter);
    connect(m_callerEdit, &QLineEdit::returnPressed, this, &TimelineView::applyFilter);

    m_clearButton = new QToolButton(this);
    m_clearButton->setObjectName(QStringLiteral("timelineClearFilter"));
    m_clearButton->setText(tr("Clear"));
    m_clearButton->setToolTip(tr("Show every exchange again"));
    m_clearButton->setEnabled(false);
    connect(m_clearButton, &QToolButton::clicked, this, &TimelineView::clearFilter);

    m_callsToggle = new QToolButton(this);
    m_callsToggle->setObjectName(QStringLiteral("timelineCallsToggle"));
    m_callsToggle->setText(tr("Calls"));
    m_callsToggle->setCheckable(true);
    m_callsToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_callsToggle->setToolTip(tr("Group the exchanges by call: a line per call that opens onto its events "
                                 "(Ctrl+Shift+L)"));
    connect(m_callsToggle, &QToolButton::toggled, this, &TimelineView::setCallsMode);

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("timelineCount"));
    m_countLabel->setMinimumWidth(m_countLabel->fontMetrics().horizontalAdvance(QStringLiteral("1,000,000 exchanges")));
    m_countLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
}

void TimelineView::createTable()
{
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("timelineTable"));
    m_table->setAccessibleName(tr("Exchanges"));
    m_table->setAccessibleDescription(tr("Every exchange, newest first"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setCornerButtonEnabled(false);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    // Fixed row heights: the view never measures a million rows.
    QHeaderView *rows = m_table->verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setHighlightSections(false);
    columns->setStretchLastSection(true);
    columns->setSectionsMovable(true);
    const QFontMetrics metrics = m_table->fontMetrics();
    const auto width = [&metrics](const char *sample) {
        return metrics.horizontalAdvance(QString::fromLatin1(sample)) + 16;
    };
    m_table->setColumnWidth(TimelineModel::TimeColumn, width("2026-12-31 23:59:59.999"));
    m_table->setColumnWidth(TimelineModel::DirectionColumn, width("relay") + 14);
    m_table->setColumnWidth(TimelineModel::EventTypeColumn, width("end-of-call-report"));
    m_table->setColumnWidth(TimelineModel::CallerColumn, width("+4930123456789"));
    m_table->setColumnWidth(TimelineModel::StatusColumn, width("Status"));
    m_table->setColumnWidth(TimelineModel::LatencyColumn, width("12.34 s") + 60);
    // Sized for the common badges, so every column fits the first-start timeline; rarer, longer ones elide (the
    // tooltip has them whole) and the last column stretches over what is left.
    m_table->setColumnWidth(TimelineModel::OutcomeColumn, width("default: http_status") + 14);
    m_table->setColumnWidth(TimelineModel::SignatureColumn, width("not checked") + 14);

    m_table->setItemDelegateForColumn(
        TimelineModel::LatencyColumn,
        new LatencyDelegate(TimelineModel::LatencyUsRole, TimelineModel::DeadlineMsRole, m_table));
    // Relayed rows wear a badge; the fallback's is amber, since the webhook did not answer the platform.
    m_table->setItemDelegateForColumn(
        TimelineModel::DirectionColumn,
        new BadgeDelegate(
            [](const QModelIndex &index) {
                switch (static_cast<history::RelayMark>(index.data(TimelineModel::RelayRole).toInt())) {
                case history::RelayMark::Relayed:
                    return timeline::relayHue();
                case history::RelayMark::FallbackAnswered:
                    return timeline::warningHue();
                case history::RelayMark::NotRelayed:
                    break;
                }
                return QColor();
            },
            m_table));
    m_table->setItemDelegateForColumn(TimelineModel::OutcomeColumn,
                                      new BadgeDelegate(
                                          [](const QModelIndex &index) {
                                              return timeline::outcomeHue(static_cast<timeline::OutcomeKind>(
                                                  index.data(TimelineModel::OutcomeKindRole).toInt()));
                                          },
                                          m_table));
    m_table->setItemDelegateForColumn(TimelineModel::SignatureColumn,
                                      new BadgeDelegate(
                                          [](const QModelIndex &index) {
                                              return timeline::signatureHue(static_cast<timeline::SignatureKind>(
                                                  index.data(TimelineModel::SignatureKindRole).toInt()));
                                          },
                                          m_table));

    m_overlay = new QLabel(m_table->viewport());
    m_overlay->setObjectName(QStringLiteral("timelineEmptyState"));
    m_overlay->setAlignment(Qt::AlignCenter);
    m_overlay->setWordWrap(true);
    m_overlay->setTextFormat(Qt::RichText);
    m_overlay->setForegroundRole(QPalette::PlaceholderText);
    // Tab reaches the link and Enter follows it, not only a click.
    m_overlay->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_overlay, &QLabel::linkActivated, this, &TimelineView::clearFilter);
    m_table->viewport()->installEventFilter(new OverlayFollower(m_overlay, m_overlay));

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TimelineView::updateCurrent);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TimelineView::updateActions);
    connect(m_table, &QWidget::customContextMenuRequested, this, &TimelineView::showContextMenu);
}

void TimelineView::createActions()
{
    const auto make = [this](const QString &text, const QKeySequence &shortcut, const QString &tip,
                             void (TimelineView::*slot)(), const char *name) {
        auto *action = new QAction(text, this);
        action->setObjectName(QString::fromLatin1(name));
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setStatusTip(tip);
        action->setToolTip(tip);
        if (slot)
            connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    m_replayAction = make(tr("&Replay"), QKeySequence(Qt::CTRL | Qt::Key_R),
                          tr("Send the current exchange's request again"), &TimelineView::replay, "timelineReplay");
    m_copyCurlAction = make(tr("Copy as &curl"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                            tr("Copy a curl command that sends the selected requests again, byte for byte"), nullptr,
                            "timelineCopyCurl");
    connect(m_copyCurlAction, &QAction::triggered, this, [this] { copyAsCurl(false); });
    m_copyRedactedCurlAction =
        make(tr("Copy as curl, re&dacted"), QKeySequence(),
             tr("Copy curl commands with phone numbers, contact names, transcripts and signatures masked"), nullptr,
             "timelineCopyRedactedCurl");
    connect(m_copyRedactedCurlAction, &QAction::triggered, this, [this] { copyAsCurl(true); });
    m_forgetCallerAction = make(tr("&Forget This Caller…"), QKeySequence(),
                                tr("Erase every exchange of this row's caller from the history (right to erasure)"),
                                &TimelineView::forgetCaller, "timelineForgetCaller");
    m_diffAction =
        make(tr("&Diff the two selected"), QKeySequence(Qt::CTRL | Qt::Key_D),
             tr("Compare the two selected exchanges field by field"), &TimelineView::diffSelected, "timelineDiff");
    m_exportSelectedAction =
        make(tr("&Export selected…"), QKeySequence(Qt::CTRL | Qt::Key_E),
             tr("Write the selected exchanges to a HAR or JSON file"), nullptr, "timelineExportSelected");
    connect(m_exportSelectedAction, &QAction::triggered, this, [this] { exportRows(true); });
    m_exportAllAction =
        make(tr("Export everything &matching…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
             tr("Write every exchange that matches the filter to a HAR or JSON file"), nullptr, "timelineExportAll");
    connect(m_exportAllAction, &QAction::triggered, this, [this] { exportRows(false); });
    // Every action of the context menu without a mouse: Shift+F10 or the Menu key opens it at the current row.
    auto *menuAction = make(tr("Context &Menu"), QKeySequence(Qt::SHIFT | Qt::Key_F10),
                            tr("Open the menu of the current row: replay, copy, diff, export, forget the caller"),
                            nullptr, "timelineContextMenu");
    menuAction->setShortcuts({QKeySequence(Qt::SHIFT | Qt::Key_F10), QKeySequence(Qt::Key_Menu)});
    connect(menuAction, &QAction::triggered, this, [this] {
        QAbstractItemView *view = isCallsMode() ? static_cast<QAbstractItemView *>(m_callTree) : m_table;
        const QRect current = view->visualRect(view->currentIndex());
        const QPoint position = current.isValid() ? current.center() : QPoint(0, 0);
        Q_EMIT view->customContextMenuRequested(position);
    });
}

void TimelineView::setHistoryPath(const QString &databasePath)
{
    m_model->setHistoryPath(databasePath);
    m_model->setFilter(filter());
    m_callTree->setHistoryPath(databasePath);
    updateOverlay();
}

void TimelineView::appendIds(const QList<qint64> &ids)
{
    m_model->appendIds(ids);
    m_callTree->scheduleRefresh();
    m_arrivals = true;
}

void TimelineView::announceNewest(int rows)
{
    // The newest row in words, column by column, as a sighted user reads it off the badges and the latency bar.
    QStringList parts;
    for (int column = TimelineModel::DirectionColumn; column < TimelineModel::NUM_COLUMNS; ++column) {
        const QModelIndex index = m_model->index(0, column);
        const QString value = index.data(Qt::AccessibleTextRole).toString();
        if (value.isEmpty())
            continue;
        parts.append(column == TimelineModel::DirectionColumn
                         ? value
                         : tr("%1 %2").arg(m_model->headerData(column, Qt::Horizontal).toString(), value));
    }
    const QString newest = parts.join(QStringLiteral(", "));
    announce(m_table,
             rows == 1 ? tr("New exchange: %1").arg(newest)
                       : tr("%1 new exchanges, the newest: %2").arg(rows).arg(newest));
}

void TimelineView::refresh()
{
    m_model->refresh();
    m_callTree->refresh();
}

void TimelineView::setCallsMode(bool calls)
{
    if (m_callsToggle->isChecked() != calls) {
        m_callsToggle->setChecked(calls); // comes back here through toggled
        return;
    }
    m_callTree->setActive(calls);
    m_stack->setCurrentWidget(calls ? static_cast<QWidget *>(m_callTree) : m_table);
    const qint64 id = currentExchangeId();
    m_currentId = id;
    updateActions();
    updateOverlay();
    Q_EMIT currentExchangeChanged(id);
}

void TimelineView::selectCall(const QString &callId, history::Direction direction)
{
    if (isCallsMode())
        m_callTree->selectCall(callId, direction);
}

bool TimelineView::isCallsMode() const
{
    return m_callsToggle->isChecked();
}

history::HistoryFilter TimelineView::filter() const
{
    history::HistoryFilter result;
    result.text = m_searchEdit->text().trimmed();
    result.eventTypes = m_eventCombo->currentData().toStringList();
    if (const int direction = m_directionCombo->currentData().toInt(); direction >= 0)
        result.direction = direction == 1 ? history::Direction::Outbound : history::Direction::Inbound;
    result.outcomeReason = m_outcomeCombo->currentData().toString();
    bool ok = false;
    if (const int status = m_statusEdit->text().toInt(&ok); ok)
        result.status = status;
    result.caller = m_callerEdit->text().trimmed();
    return result;
}

void TimelineView::scheduleFilter()
{
    m_filterTimer->start();
}

void TimelineView::applyFilter()
{
    m_filterTimer->stop();
    const history::HistoryFilter wanted = filter();
    m_clearButton->setEnabled(!wanted.isEmpty() || !m_searchEdit->text().isEmpty());
    m_model->setFilter(wanted);
    m_callTree->setFilter(wanted);
    updateOverlay();
}

void TimelineView::clearFilter()
{
    const QSignalBlocker blockSearch(m_searchEdit);
    const QSignalBlocker blockEvent(m_eventCombo);
    const QSignalBlocker blockDirection(m_directionCombo);
    const QSignalBlocker blockOutcome(m_outcomeCombo);
    const QSignalBlocker blockStatus(m_statusEdit);
    const QSignalBlocker blockCaller(m_callerEdit);
    m_searchEdit->clear();
    m_eventCombo->setCurrentIndex(0);
    m_directionCombo->setCurrentIndex(0);
    m_outcomeCombo->setCurrentIndex(0);
    m_statusEdit->clear();
    m_callerEdit->clear();
    applyFilter();
}

void TimelineView::focusSearch()
{
    m_searchEdit->setFocus(Qt::ShortcutFocusReason);
    m_searchEdit->selectAll();
}

void TimelineView::selectNewest()
{
    if (isCallsMode()) {
        m_callTree->selectNewest();
        return;
    }
    if (m_table->model()->rowCount() == 0)
        return;
    const QModelIndex top = m_table->model()->index(0, TimelineModel::EventTypeColumn);
    m_table->selectionModel()->setCurrentIndex(top, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(top);
    m_table->setFocus(Qt::ShortcutFocusReason);
}

qint64 TimelineView::currentExchangeId() const
{
    if (isCallsMode())
        return m_callTree->currentExchangeId();
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? m_model->idAt(current.row()) : 0;
}

QList<std::pair<qint64, qint64>> TimelineView::selectedPositionRanges(qint64 *rows) const
{
    QList<std::pair<qint64, qint64>> ranges;
    const QItemSelection selection = m_table->selectionModel()->selection();
    for (const QItemSelectionRange &range : selection) {
        const qint64 newest = m_model->positionOfRow(range.top());
        const qint64 oldest = m_model->positionOfRow(range.bottom());
        if (newest >= 0 && oldest >= 0)
            ranges.append({oldest, newest});
    }
    std::sort(ranges.begin(), ranges.end());
    QList<std::pair<qint64, qint64>> merged;
    qint64 count = 0;
    for (const auto &range : std::as_const(ranges)) {
        if (!merged.isEmpty() && range.first <= merged.last().second + 1)
            merged.last().second = std::max(merged.last().second, range.second);
        else
            merged.append(range);
    }
    for (const auto &[first, last] : std::as_const(merged))
        count += last - first + 1;
    if (rows)
        *rows = count;
    return merged;
}

QList<qint64> TimelineView::selectedExchangeIds() const
{
    return selectedIds(std::numeric_limits<qsizetype>::max());
}

QList<qint64> TimelineView::selectedIds(qsizetype limit) const
{
    QList<qint64> ids;
    const auto ranges = selectedPositionRanges(nullptr);
    const qint64 total = m_model->totalRows();
    for (auto range = ranges.crbegin(); range != ranges.crend() && ids.size() < limit; ++range) {
        for (qint64 position = range->second; position >= range->first && ids.size() < limit; --position) {
            if (const qint64 id = m_model->idAt(static_cast<int>(total - 1 - position)); id > 0)
                ids.append(id);
        }
    }
    return ids;
}

void TimelineView::updateCurrent()
{
    if (isCallsMode())
        return;
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const qint64 id = current.isValid() ? m_model->idAt(current.row()) : 0;
    // A current row still being fetched reports its id once it arrives.
    if (current.isValid() && id == 0)
        return;
    if (id == m_currentId)
        return;
    m_currentId = id;
    updateActions();
    Q_EMIT currentExchangeChanged(id);
}

void TimelineView::updateActions()
{
    qint64 selected = 0;
    selectedPositionRanges(&selected);
    m_replayAction->setEnabled(currentExchangeId() > 0);
    m_copyCurlAction->setEnabled(selected > 0 || currentExchangeId() > 0);
    m_copyRedactedCurlAction->setEnabled(m_copyCurlAction->isEnabled());
    m_forgetCallerAction->setEnabled(currentExchangeId() > 0);
    m_diffAction->setEnabled(selected == 2);
    m_exportSelectedAction->setEnabled(selected > 0 && !m_export);
    m_exportAllAction->setEnabled(m_model->rowCount() > 0 && !m_export);
}

void TimelineView::updateOverlay()
{
    const qint64 rows = m_model->totalRows();
    const QLocale locale;
    if (isCallsMode()) {
        const CallListModel *calls = m_callTree->callModel();
        const int shown = calls->rowCount();
        QString count = shown == 1 ? tr("1 call") : tr("%1 calls").arg(locale.toString(shown));
        if (!calls->atEnd())
            count += QLatin1Char('+');
        m_countLabel->setText(calls->isLoading() && shown == 0 ? tr("searching…") : count);
        m_countLabel->setToolTip(calls->atEnd() ? calls->errorMessage() : tr("More calls load as you scroll down"));
        m_overlay->hide();
        return;
    }
    QString count = rows == 1 ? tr("1 exchange") : tr("%1 exchanges").arg(locale.toString(rows));
    if (m_model->isLoading())
        count = tr("searching…");
    m_countLabel->setText(count);
    m_countLabel->setToolTip(m_model->errorMessage());

    QString text;
    if (m_model->historyPath().isEmpty()) {
        text = tr("No history file is open.");
    } else if (!m_model->errorMessage().isEmpty() && rows == 0) {
        text = tr("The history could not be read.<br>%1").arg(m_model->errorMessage().toHtmlEscaped());
    } else if (rows == 0 && m_model->isLoading()) {
        text = tr("Reading the history…");
    } else if (rows == 0 && !m_model->filter().isEmpty()) {
        text = tr("No exchange matches the filter.<br><a href=\"clear\">Clear the filter</a>");
    } else if (rows == 0) {
        text = tr("No exchanges yet.<br>Start the mock endpoint or send an event from the composer: every "
                  "exchange appears here as it happens.");
    }
    m_overlay->setText(text);
    m_overlay->setGeometry(m_table->viewport()->rect().adjusted(24, 24, -24, -24));
    m_overlay->setVisible(!text.isEmpty());
}

void TimelineView::showContextMenu(const QPoint &position)
{
    updateActions();
    QMenu menu(this);
    menu.addAction(m_replayAction);
    menu.addAction(m_copyCurlAction);
    menu.addAction(m_copyRedactedCurlAction);
    menu.addAction(m_diffAction);
    menu.addSeparator();
    menu.addAction(m_exportSelectedAction);
    menu.addAction(m_exportAllAction);
    menu.addSeparator();
    menu.addAction(m_forgetCallerAction);
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

void TimelineView::replay()
{
    if (const qint64 id = currentExchangeId(); id > 0)
        Q_EMIT replayRequested(id);
}

void TimelineView::diffSelected()
{
    qint64 selected = 0;
    selectedPositionRanges(&selected);
    QList<qint64> ids = selectedExchangeIds();
    if (selected != 2 || ids.size() != 2) {
        Q_EMIT statusMessage(tr("Select exactly two exchanges to compare them."));
        return;
    }
    std::sort(ids.begin(), ids.end());
    Q_EMIT diffRequested(ids.at(0), ids.at(1));
}

void TimelineView::forgetCaller()
{
    QString number;
    if (isCallsMode()) {
        // A call's row or one of its exchanges: the call's caller either way.
        QModelIndex current = m_callTree->currentIndex();
        if (current.parent().isValid())
            current = current.parent();
        if (const calls::CallSummary *call =
                current.isValid() ? m_callTree->callModel()->callAt(current.row()) : nullptr)
            number = call->callerNumber;
    } else {
        const int row = m_table->currentIndex().row();
        if (const std::optional<history::ExchangeSummary> summary = row >= 0 ? m_model->summaryAt(row) : std::nullopt)
            number = summary->callerNumber;
    }
    if (number.isEmpty()) {
        Q_EMIT statusMessage(tr("This exchange names no caller, so there is no one to forget."));
        return;
    }
    Q_EMIT forgetCallerRequested(number);
}

void TimelineView::copyAsCurl(bool redact)
{
    qint64 selected = 0;
    selectedPositionRanges(&selected);
    QList<qint64> ids = selectedIds(kMaxCurlCommands);
    if (ids.isEmpty() && currentExchangeId() > 0) {
        ids = {currentExchangeId()};
        selected = 1;
    }
    if (ids.isEmpty()) {
        Q_EMIT statusMessage(tr("Select the exchanges to copy as curl first."));
        return;
    }
    struct Curls {
        QStringList commands;
        QString error;
    };
    runInBackground(
        this,
        [path = m_model->historyPath(), ids, redact, names = m_contactNames ? m_contactNames() : QStringList()] {
            teamhistory::HistorySource reader;
            history::ExchangeRedactor redactor; // one for all the commands: the same number, the same mask
            redactor.addKnownNames(names);
            Curls curls;
            if (reader.open(path, &curls.error)) {
                for (const qint64 id : ids) {
                    const auto record = reader.load(id);
                    if (!record) {
                        curls.error = reader.lastError();
                        break;
                    }
                    curls.commands.append(redact ? composer::curlCommand(redactor.redact(*record))
                                                 : composer::curlCommand(*record));
                }
            }
            return curls;
        },
        [this, selected](const Curls &curls) {
            if (!curls.error.isEmpty()) {
                Q_EMIT statusMessage(tr("Nothing was copied: %1").arg(curls.error));
                return;
            }
            QApplication::clipboard()->setText(curls.commands.join(QStringLiteral("\n\n")));
            if (selected > curls.commands.size())
                Q_EMIT statusMessage(tr("Copied curl commands for the first %1 of %2 selected exchanges.")
                                         .arg(curls.commands.size())
                                         .arg(selected));
            else
                Q_EMIT statusMessage(curls.commands.size() == 1
                                         ? tr("Copied the curl command.")
                                         : tr("Copied %1 curl commands.").arg(curls.commands.size()));
        });
}

void TimelineView::setExportFileChooser(ExportFileChooser chooser)
{
    m_chooseExportFile = std::move(chooser);
}

void TimelineView::exportRows(bool selectionOnly)
{
    if (m_export) {
        Q_EMIT statusMessage(tr("An export is already running."));
        return;
    }
    std::optional<TimelineExport::Selection> selection;
    qint64 rows = m_model->totalRows();
    if (selectionOnly) {
        TimelineExport::Selection chosen;
        chosen.ranges = selectedPositionRanges(&rows);
        chosen.positions = m_model->positions();
        // Ends of ranges on screen are known; the export resolves the others itself.
        for (const auto &[first, last] : std::as_const(chosen.ranges)) {
            for (const qint64 position : {first, last}) {
                const qint64 id = m_model->idAt(static_cast<int>(m_model->totalRows() - 1 - position));
                if (id > 0)
                    chosen.positions.remember(position, id);
            }
        }
        if (chosen.ranges.isEmpty()) {
            Q_EMIT statusMessage(tr("Select the exchanges to export first."));
            return;
        }
        selection = chosen;
    }
    if (m_model->historyPath().isEmpty() || rows == 0) {
        Q_EMIT statusMessage(tr("There is nothing to export."));
        return;
    }
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested =
        QDir(documents.isEmpty() ? QDir::homePath() : documents)
            .filePath(QStringLiteral("dockside-exchanges-%1.har")
                          .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    // Personal data leaves the machine by choice only: more than one exchange is redacted unless unticked.
    bool redact = rows > 1;
    const QString fileName = m_chooseExportFile ? m_chooseExportFile(suggested, &redact) : QString();
    if (fileName.isEmpty())
        return;

    auto job = std::make_shared<TimelineExport>(m_model->historyPath(), m_model->filter(), selection, fileName,
                                                TimelineExport::formatOf(fileName), redact,
                                                m_contactNames ? m_contactNames() : QStringList());
    m_export = job;
    updateActions();
    m_progress =
        new QProgressDialog(tr("Exporting %1 exchange(s)…").arg(QLocale().toString(rows)), tr("Cancel"), 0, 0, this);
    m_progress->setObjectName(QStringLiteral("timelineExportProgress"));
    m_progress->setWindowTitle(tr("Export"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(400);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, this, [job] { job->cancel(); });
    // The worker only posts progress to the view (alive until the work ends), never reads it.
    runInBackground(
        this,
        [this, job] {
            QString message;
            const bool ok = job->run(
                [this](qint64 exported, qint64 total) {
                    QMetaObject::invokeMethod(
                        this,
                        [this, exported, total] {
                            if (!m_progress)
                                return;
                            m_progress->setMaximum(static_cast<int>(std::min<qint64>(total, INT_MAX)));
                            m_progress->setValue(static_cast<int>(std::min<qint64>(exported, INT_MAX)));
                        },
                        Qt::QueuedConnection);
                },
                &message);
            return std::pair {ok, message};
        },
        [this](const std::pair<bool, QString> &result) { finishExport(result.first, result.second); });
}

void TimelineView::finishExport(bool ok, const QString &message)
{
    // Deleted now, not later: a hidden QProgressDialog's minimum-duration timer still fires and shows it again,
    // window-modal, after a fast export.
    delete std::exchange(m_progress, nullptr);
    const bool cancelled = m_export && !ok && message.contains(QLatin1String("cancelled"));
    m_export.reset();
    updateActions();
    Q_EMIT statusMessage(message);
    Q_EMIT exportFinished(ok, message);
    if (!ok && !cancelled) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Export failed"), message, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
}

QByteArray TimelineView::saveState() const
{
    QByteArray state;
    QDataStream stream(&state, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_0);
    stream << kStateMagic << kStateVersion << m_table->horizontalHeader()->saveState() << m_searchEdit->text()
           << m_eventCombo->currentIndex() << m_directionCombo->currentIndex() << m_outcomeCombo->currentIndex()
           << m_statusEdit->text() << m_callerEdit->text() << isCallsMode();
    return state;
}

bool TimelineView::restoreState(const QByteArray &state)
{
    QDataStream stream(state);
    stream.setVersion(QDataStream::Qt_6_0);
    quint32 magic = 0;
    quint32 version = 0;
    QByteArray header;
    QString search;
    int event = 0;
    int direction = 0;
    int outcome = 0;
    QString status;
    QString caller;
    bool calls = false;
    stream >> magic >> version >> header >> search >> event >> direction >> outcome >> status >> caller;
    if (version >= 2)
        stream >> calls;
    if (stream.status() != QDataStream::Ok || magic != kStateMagic || version < 1 || version > kStateVersion)
        return false;
    m_table->horizontalHeader()->restoreState(header);
    {
        const QSignalBlocker blockSearch(m_searchEdit);
        const QSignalBlocker blockEvent(m_eventCombo);
        const QSignalBlocker blockDirection(m_directionCombo);
        const QSignalBlocker blockOutcome(m_outcomeCombo);
        const QSignalBlocker blockStatus(m_statusEdit);
        const QSignalBlocker blockCaller(m_callerEdit);
        m_searchEdit->setText(search);
        m_eventCombo->setCurrentIndex(std::clamp(event, 0, m_eventCombo->count() - 1));
        m_directionCombo->setCurrentIndex(std::clamp(direction, 0, m_directionCombo->count() - 1));
        m_outcomeCombo->setCurrentIndex(std::clamp(outcome, 0, m_outcomeCombo->count() - 1));
        m_statusEdit->setText(status);
        m_callerEdit->setText(caller);
    }
    applyFilter();
    setCallsMode(calls);
    return true;
}

} // namespace dockside::ui
