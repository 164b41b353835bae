// SPDX-License-Identifier: GPL-3.0-or-later

#include "burstpanel.h"

#include "latencychart.h"

#include "workspace/workspacedocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {

constexpr int kMaxRequests = 1000000;
constexpr int kMaxConcurrency = 1000;

const QList<contract::EventType> kEventTypes {contract::EventType::AssistantRequest, contract::EventType::StatusUpdate,
                                              contract::EventType::ToolCalls, contract::EventType::EndOfCallReport};

QString milliseconds(double value)
{
    return QLocale().toString(value, 'f', value < 10 ? 2 : 1) + QStringLiteral(" ms");
}

QTableWidget *readOnlyTable(QWidget *parent, const QString &objectName, const QStringList &rows,
                            const QStringList &columns)
{
    auto *table = new QTableWidget(static_cast<int>(rows.size()), static_cast<int>(columns.size()), parent);
    table->setObjectName(objectName);
    table->setVerticalHeaderLabels(rows);
    table->setHorizontalHeaderLabels(columns);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    for (int row = 0; row < rows.size(); ++row) {
        for (int column = 0; column < columns.size(); ++column) {
            auto *item = new QTableWidgetItem(QStringLiteral("–"));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table->setItem(row, column, item);
        }
    }
    int height = table->horizontalHeader()->sizeHint().height() + 2 * table->frameWidth();
    for (int row = 0; row < rows.size(); ++row)
        height += table->verticalHeader()->sectionSizeHint(row);
    table->setFixedHeight(height);
    return table;
}

} // namespace

BurstPanel::BurstPanel(WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_runner(new composer::BurstRunner)
{
    setObjectName(QStringLiteral("burstPanel"));
    m_thread.setObjectName(QStringLiteral("burst"));
    m_runner->moveToThread(&m_thread);
    connect(m_runner, &composer::BurstRunner::progress, this, &BurstPanel::progress);
    connect(m_runner, &composer::BurstRunner::finished, this, &BurstPanel::burstFinished);
    connect(m_runner, &composer::BurstRunner::failed, this, &BurstPanel::burstFailed);
    m_thread.start();
    createWidgets();
    updateGuard();
}

BurstPanel::~BurstPanel()
{
    composer::BurstRunner *runner = m_runner;
    // Cancelling ends every request at once, so the runner is idle when it is deleted on its own thread.
    QMetaObject::invokeMethod(
        runner,
        [runner] {
            runner->cancel();
            delete runner;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void BurstPanel::createWidgets()
{
    m_targetEdit = new QLineEdit(this);
    m_targetEdit->setObjectName(QStringLiteral("burstTarget"));
    m_targetEdit->setPlaceholderText(QStringLiteral("http://127.0.0.1:3000/webhook"));
    m_targetEdit->setToolTip(tr("The webhook to load; the mock endpoint's URL unless you type another"));
    connect(m_targetEdit, &QLineEdit::textChanged, this, &BurstPanel::updateGuard);

    m_countSpin = new QSpinBox(this);
    m_countSpin->setObjectName(QStringLiteral("burstCount"));
    m_countSpin->setRange(1, kMaxRequests);
    m_countSpin->setValue(100);
    m_countSpin->setToolTip(tr("How many events to send in all (N)"));
    m_concurrencySpin = new QSpinBox(this);
    m_concurrencySpin->setObjectName(QStringLiteral("burstConcurrency"));
    m_concurrencySpin->setRange(1, kMaxConcurrency);
    m_concurrencySpin->setValue(10);
    m_concurrencySpin->setToolTip(tr("How many are in flight at once (C)"));
    m_eventCombo = new QComboBox(this);
    m_eventCombo->setObjectName(QStringLiteral("burstEvent"));
    for (const contract::EventType type : kEventTypes)
        m_eventCombo->addItem(contract::eventTypeName(type), static_cast<int>(type));
    m_eventCombo->setToolTip(tr("The event each request carries; every one gets a fresh call id"));
    connect(m_eventCombo, &QComboBox::currentIndexChanged, this, &BurstPanel::updateGuard);
    m_deadlineSpin = new QSpinBox(this);
    m_deadlineSpin->setObjectName(QStringLiteral("burstDeadline"));
    m_deadlineSpin->setRange(0, 600000);
    m_deadlineSpin->setSingleStep(500);
    m_deadlineSpin->setSuffix(tr(" ms"));
    m_deadlineSpin->setToolTip(tr("An answer later than this counts as a miss; 0 uses the platform's deadline for "
                                  "the event (5000 ms for assistant-request, 20000 ms for the others)"));

    m_allowRemote = new QCheckBox(tr("Allow a target that is not this &machine"), this);
    m_allowRemote->setObjectName(QStringLiteral("burstAllowRemote"));
    m_allowRemote->setToolTip(tr("Like dockside-cli burst --allow-remote: a burst is load, so only aim it at "
                                 "servers you run"));
    connect(m_allowRemote, &QCheckBox::toggled, this, &BurstPanel::updateGuard);
    m_guardLabel = new QLabel(this);
    m_guardLabel->setObjectName(QStringLiteral("burstGuard"));
    m_guardLabel->setWordWrap(true);
    m_guardLabel->setTextFormat(Qt::PlainText);

    m_runButton = new QPushButton(tr("&Run burst"), this);
    m_runButton->setObjectName(QStringLiteral("runBurstButton"));
    m_runButton->setToolTip(tr("Send the events and measure (Alt+R)"));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelBurstButton"));
    m_cancelButton->setToolTip(tr("Stop sending and abort what is in flight"));
    m_cancelButton->setEnabled(false);
    connect(m_runButton, &QPushButton::clicked, this, &BurstPanel::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &BurstPanel::cancel);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("burstProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m"));
    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("burstMessage"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextFormat(Qt::PlainText);

    auto *form = new QGridLayout;
    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *result = new QLabel(text, this);
        result->setBuddy(buddy);
        return result;
    };
    form->addWidget(label(tr("T&arget:"), m_targetEdit), 0, 0);
    form->addWidget(m_targetEdit, 0, 1, 1, 7);
    form->addWidget(label(tr("Re&quests:"), m_countSpin), 1, 0);
    form->addWidget(m_countSpin, 1, 1);
    form->addWidget(label(tr("In fli&ght:"), m_concurrencySpin), 1, 2);
    form->addWidget(m_concurrencySpin, 1, 3);
    form->addWidget(label(tr("Event t&ype:"), m_eventCombo), 1, 4);
    form->addWidget(m_eventCombo, 1, 5);
    form->addWidget(label(tr("&Deadline:"), m_deadlineSpin), 1, 6);
    form->addWidget(m_deadlineSpin, 1, 7);
    form->setColumnStretch(1, 1);
    form->setColumnStretch(3, 1);
    form->setColumnStretch(5, 2);
    form->setColumnStretch(7, 1);
    form->addWidget(m_allowRemote, 2, 1, 1, 7);
    form->addWidget(m_guardLabel, 3, 1, 1, 7);

    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_runButton);
    runRow->addWidget(m_cancelButton);
    runRow->addWidget(m_progress, 1);

    m_percentiles = readOnlyTable(this, QStringLiteral("burstPercentiles"),
                                  {QStringLiteral("p50"), QStringLiteral("p90"), QStringLiteral("p99"), tr("max")},
                                  {tr("Latency"), tr("Of the deadline")});
    m_counts =
        readOnlyTable(this, QStringLiteral("burstCounts"),
                      {tr("Sent"), tr("Answered in time"), tr("Missed the deadline"), tr("Unreachable"),
                       tr("Cancelled"), tr("Not 2xx"), tr("HTTP statuses"), tr("Requests per second"), tr("Wall time")},
                      {tr("Value")});
    m_counts->horizontalHeader()->hide();
    m_percentiles->setAccessibleName(tr("Latency percentiles"));
    m_counts->setAccessibleName(tr("Counts"));
    m_counts->setFixedHeight(m_counts->height() - m_counts->horizontalHeader()->sizeHint().height());
    m_chart = new LatencyChart(this);
    m_chart->setObjectName(QStringLiteral("burstChart"));

    auto *results = new QWidget(this);
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_percentiles);
    resultsLayout->addWidget(m_counts);
    resultsLayout->addStretch(1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("burstSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(results);
    splitter->addWidget(m_chart);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({320, 560});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(runRow);
    layout->addWidget(m_messageLabel);
    layout->addWidget(splitter, 1);
    setMinimumSize(640, 420);
}

void BurstPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The warning and the late figures take their colours from the palette.
    if (event->type() == QEvent::PaletteChange) {
        updateGuard();
        if (m_lastReport)
            showReport(*m_lastReport);
    }
}

void BurstPanel::say(const QString &message)
{
    m_messageLabel->setText(message);
    Q_EMIT statusMessage(message);
}

void BurstPanel::setDefaultTargetUrl(const QUrl &url)
{
    const QString typed = m_targetEdit->text().trimmed();
    const bool followsDefault = typed.isEmpty() || typed == m_defaultTarget.toString();
    m_defaultTarget = url;
    if (followsDefault)
        m_targetEdit->setText(url.toString());
}

QUrl BurstPanel::targetUrl() const
{
    return QUrl::fromUserInput(m_targetEdit->text().trimmed());
}

void BurstPanel::setTargetUrl(const QUrl &url)
{
    m_targetEdit->setText(url.toString());
}

void BurstPanel::setSecret(const QByteArray &secret)
{
    m_secret = secret;
}

void BurstPanel::setRequestCount(int count)
{
    m_countSpin->setValue(count);
}

void BurstPanel::setConcurrency(int concurrency)
{
    m_concurrencySpin->setValue(concurrency);
}

void BurstPanel::setEventType(contract::EventType type)
{
    m_eventCombo->setCurrentIndex(m_eventCombo->findData(static_cast<int>(type)));
}

void BurstPanel::setAllowNonLoopback(bool allow)
{
    m_allowRemote->setChecked(allow);
}

qint64 BurstPanel::effectiveDeadlineMs() const
{
    if (m_deadlineSpin->value() > 0)
        return m_deadlineSpin->value();
    const auto type = static_cast<contract::EventType>(m_eventCombo->currentData().toInt());
    return type == contract::EventType::AssistantRequest ? contract::kAssistantRequestDeadlineMs
                                                         : contract::kOtherEventsDeadlineMs;
}

void BurstPanel::updateGuard()
{
    m_deadlineSpin->setSpecialValueText(tr("platform's (%1 ms)").arg(effectiveDeadlineMs()));
    const QUrl url = targetUrl();
    const bool hasHost = !m_targetEdit->text().trimmed().isEmpty() && !url.host().isEmpty();
    const bool remote = hasHost && !composer::isLoopbackHost(url.host());
    const bool dark = palette().color(QPalette::Base).lightnessF() < 0.5;
    QPalette warning = palette();
    warning.setColor(QPalette::WindowText, dark ? QColor(0xff, 0xb8, 0x6b) : QColor(0xa3, 0x4a, 0x00));
    m_guardLabel->setPalette(warning);
    if (remote && !m_allowRemote->isChecked()) {
        m_guardLabel->setText(tr("%1 is not this machine. A burst is load, so it only aims at 127.0.0.0/8, ::1 and "
                                 "localhost unless you allow other targets above.")
                                  .arg(url.host()));
        m_guardLabel->show();
    } else if (m_allowRemote->isChecked()) {
        m_guardLabel->setText(tr("Other machines allowed: aim a burst only at servers you run; it can look like an "
                                 "attack to anyone else."));
        m_guardLabel->show();
    } else {
        m_guardLabel->hide();
    }
    m_runButton->setEnabled(!m_running && hasHost && (!remote || m_allowRemote->isChecked()));
}

bool BurstPanel::run()
{
    if (m_running)
        return false;
    const QUrl url = targetUrl();
    if (m_targetEdit->text().trimmed().isEmpty() || url.host().isEmpty()) {
        say(tr("Type the webhook's URL in Target first."));
        return false;
    }
    composer::BurstOptions options;
    options.request.url = url;
    options.request.event.type = static_cast<contract::EventType>(m_eventCombo->currentData().toInt());
    options.request.secret = m_secret;
    if (m_deadlineSpin->value() > 0)
        options.request.deadlineMs = m_deadlineSpin->value();
    options.request.defaultAssistant = m_document->workspace().defaultAssistant;
    options.count = m_countSpin->value();
    options.concurrency = m_concurrencySpin->value();
    options.allowNonLoopback = m_allowRemote->isChecked();
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) {
        say(tr("The burst did not start: %1 is not an http:// or https:// URL.").arg(url.toString()));
        return false;
    }
    // The CLI's rule (isLoopbackHost), said here in the window's words.
    if (!options.allowNonLoopback && !composer::isLoopbackHost(url.host())) {
        say(tr("The burst did not start: %1 is not this machine (127.0.0.0/8, ::1 or localhost). Tick \"Allow a "
               "target that is not this machine\" to aim it there.")
                .arg(url.host()));
        return false;
    }
    m_running = true;
    m_runDeadlineMs = options.request.effectiveDeadlineMs();
    m_progress->setRange(0, options.count);
    m_progress->setValue(0);
    m_cancelButton->setEnabled(true);
    updateGuard();
    say(tr("Sending %1 × %2 to %3 with %4 in flight…")
            .arg(options.count)
            .arg(options.request.eventTypeName(), url.toString())
            .arg(std::min(options.concurrency, options.count)));
    composer::BurstRunner *runner = m_runner;
    QMetaObject::invokeMethod(
        runner, [runner, options] { runner->run(options); }, Qt::QueuedConnection);
    return true;
}

void BurstPanel::cancel()
{
    if (!m_running)
        return;
    composer::BurstRunner *runner = m_runner;
    QMetaObject::invokeMethod(
        runner, [runner] { runner->cancel(); }, Qt::QueuedConnection);
    say(tr("Cancelling…"));
}

void BurstPanel::progress(int done, int total)
{
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(done);
}

void BurstPanel::burstFailed(const QString &message)
{
    m_running = false;
    m_cancelButton->setEnabled(false);
    updateGuard();
    say(tr("The burst did not start: %1").arg(message));
}

void BurstPanel::burstFinished(const composer::BurstReport &report)
{
    m_running = false;
    m_lastReport = report;
    m_cancelButton->setEnabled(false);
    updateGuard();
    showReport(report);
    QString message = report.allAnsweredInTime()
        ? tr("All %1 answered in time with 2xx, p99 %2.").arg(report.sent).arg(milliseconds(report.p99Ms))
        : tr("%1 of %2 answered in time; %3 missed the deadline, %4 unreachable, %5 not 2xx.")
              .arg(report.answered)
              .arg(report.sent)
              .arg(report.missedDeadline)
              .arg(report.unreachable)
              .arg(report.nonSuccessStatuses());
    if (report.cancelled > 0)
        message += QLatin1Char(' ') + tr("%1 cancelled.").arg(report.cancelled);
    say(message);
    Q_EMIT finished(report);
}

void BurstPanel::showReport(const composer::BurstReport &report)
{
    const QList<double> values {report.p50Ms, report.p90Ms, report.p99Ms, report.maxMs};
    const bool hasLatencies = report.answered + report.missedDeadline > 0;
    const bool dark = palette().color(QPalette::Base).lightnessF() < 0.5;
    const QColor late = dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xc0, 0x1c, 0x28);
    for (int row = 0; row < values.size(); ++row) {
        QTableWidgetItem *latency = m_percentiles->item(row, 0);
        QTableWidgetItem *share = m_percentiles->item(row, 1);
        latency->setText(hasLatencies ? milliseconds(values.at(row)) : QStringLiteral("–"));
        share->setText(hasLatencies
                           ? QLocale().toString(100.0 * values.at(row) / static_cast<double>(m_runDeadlineMs), 'f', 1) +
                               QStringLiteral(" %")
                           : QStringLiteral("–"));
        const bool over = values.at(row) > static_cast<double>(m_runDeadlineMs);
        latency->setForeground(over ? QBrush(late) : QBrush());
        share->setForeground(over ? QBrush(late) : QBrush());
    }
    QStringList statuses;
    for (auto it = report.statuses.cbegin(); it != report.statuses.cend(); ++it)
        statuses.append(QStringLiteral("%1 × %2").arg(it.key()).arg(it.value()));
    const QStringList counts {QString::number(report.sent),
                              QString::number(report.answered),
                              QString::number(report.missedDeadline),
                              QString::number(report.unreachable),
                              QString::number(report.cancelled),
                              QString::number(report.nonSuccessStatuses()),
                              statuses.isEmpty() ? QStringLiteral("–") : statuses.join(QStringLiteral(", ")),
                              QLocale().toString(report.requestsPerSecond, 'f', 1),
                              milliseconds(report.wallMs)};
    for (int row = 0; row < counts.size(); ++row)
        m_counts->item(row, 0)->setText(counts.at(row));
    for (const int row : {2, 3, 5}) {
        const bool bad = m_counts->item(row, 0)->text() != QLatin1String("0");
        m_counts->item(row, 0)->setForeground(bad ? QBrush(late) : QBrush());
    }
    m_chart->showDistribution(report, m_runDeadlineMs);
}

} // namespace dockside::ui
