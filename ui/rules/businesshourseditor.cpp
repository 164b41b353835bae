// SPDX-License-Identifier: GPL-3.0-or-later

#include "businesshourseditor.h"

#include "timezonecombobox.h"

#include "workspace/workspace.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QTimer>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {

const QStringList &dayKeys()
{
    static const QStringList keys {QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
                                   QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"),
                                   QStringLiteral("sun")};
    return keys;
}

// Later, as a click on the row's own button may have started this; nameless, so lookups find only live rows.
void retire(QWidget *row)
{
    row->hide();
    row->setObjectName(QString());
    for (QObject *child : row->children())
        child->setObjectName(QString());
    row->deleteLater();
}

} // namespace

BusinessHoursEditor::BusinessHoursEditor(QWidget *parent)
    : QWidget(parent)
    , m_zone(new TimeZoneComboBox(this))
    , m_addSpan(new QPushButton(tr("Add days and hours"), this))
    , m_hint(new QLabel(this))
    , m_clock(new QTimer(this))
{
    m_zone->setObjectName(QStringLiteral("hoursZone"));
    m_addSpan->setObjectName(QStringLiteral("hoursAddSpan"));
    m_hint->setObjectName(QStringLiteral("hoursNowHint"));
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);

    auto *spans = new QWidget(this);
    m_spanLayout = new QVBoxLayout(spans);
    m_spanLayout->setContentsMargins(0, 0, 0, 0);
    m_spanLayout->setSpacing(10);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Time zone:"), m_zone);
    form->addRow(tr("Open:"), spans);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_addSpan);
    addRow->addStretch();
    form->addRow(QString(), addRow);
    form->addRow(QString(), m_hint);

    connect(m_zone, &QComboBox::currentTextChanged, this, &BusinessHoursEditor::userEdited);
    connect(m_addSpan, &QPushButton::clicked, this, [this] {
        addSpan();
        userEdited();
    });
    // The hint is about "now": keep it true while the editor stays open.
    m_clock->setInterval(30 * 1000);
    connect(m_clock, &QTimer::timeout, this, &BusinessHoursEditor::refreshHint);
    m_clock->start();
}

BusinessHoursEditor::~BusinessHoursEditor() = default;

BusinessHoursEditor::SpanRow &BusinessHoursEditor::appendSpanRow()
{
    SpanRow span;
    span.row = new QWidget(this);
    // Days on one line, the windows under them: seven check boxes and a text field do not fit one line.
    auto *layout = new QGridLayout(span.row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(2);
    auto *days = new QHBoxLayout;
    days->setSpacing(6);
    for (int day = 0; day < 7; ++day) {
        auto *box = new QCheckBox(QLocale().dayName(day + 1, QLocale::ShortFormat), span.row);
        connect(box, &QCheckBox::toggled, this, &BusinessHoursEditor::userEdited);
        days->addWidget(box);
        span.days.at(static_cast<std::size_t>(day)) = box;
    }
    days->addStretch();
    layout->addLayout(days, 0, 0, 1, 2);
    span.windows = new QLineEdit(span.row);
    span.windows->setPlaceholderText(QStringLiteral("09:00-12:30, 13:30-17:30"));
    span.windows->setToolTip(tr("Time windows in the zone's local time, separated by commas; a window includes its "
                                "start and excludes its end, and 24:00 ends one at midnight"));
    connect(span.windows, &QLineEdit::textEdited, this, &BusinessHoursEditor::userEdited);
    layout->addWidget(span.windows, 1, 0);
    span.remove = new QPushButton(tr("Remove"), span.row);
    span.remove->setToolTip(tr("Remove these days and hours"));
    QWidget *row = span.row;
    connect(span.remove, &QPushButton::clicked, this, [this, row] {
        removeSpan(row);
        userEdited();
    });
    layout->addWidget(span.remove, 1, 1);
    m_spanLayout->addWidget(span.row);
    m_spans.append(span);
    renumber();
    return m_spans.last();
}

void BusinessHoursEditor::renumber()
{
    for (qsizetype index = 0; index < m_spans.size(); ++index) {
        const SpanRow &span = m_spans.at(index);
        for (int day = 0; day < 7; ++day)
            span.days.at(static_cast<std::size_t>(day))
                ->setObjectName(QStringLiteral("hoursDay%1_%2").arg(index).arg(dayKeys().at(day)));
        span.windows->setObjectName(QStringLiteral("hoursWindows%1").arg(index));
        span.remove->setObjectName(QStringLiteral("hoursRemove%1").arg(index));
    }
}

void BusinessHoursEditor::addSpan()
{
    const bool loading = m_loading;
    m_loading = true;
    appendSpanRow();
    m_loading = loading;
    refreshHint();
}

void BusinessHoursEditor::setSpan(int span, const QList<Qt::DayOfWeek> &days, const QString &windows)
{
    if (span < 0 || span >= m_spans.size())
        return;
    const SpanRow &row = m_spans.at(span);
    m_loading = true;
    for (int day = 0; day < 7; ++day)
        row.days.at(static_cast<std::size_t>(day))->setChecked(days.contains(static_cast<Qt::DayOfWeek>(day + 1)));
    row.windows->setText(windows);
    m_loading = false;
    userEdited();
}

void BusinessHoursEditor::removeSpan(QWidget *row)
{
    for (qsizetype i = 0; i < m_spans.size(); ++i) {
        if (m_spans.at(i).row == row) {
            m_spans.removeAt(i);
            retire(row);
            renumber();
            return;
        }
    }
}

void BusinessHoursEditor::clearSpans()
{
    for (const SpanRow &span : std::as_const(m_spans))
        retire(span.row);
    m_spans.clear();
}

void BusinessHoursEditor::setJson(const QJsonObject &condition)
{
    m_loading = true;
    m_zone->setZoneId(condition.value(QStringLiteral("zone")).toString());
    clearSpans();
    const QJsonArray spans = condition.value(QStringLiteral("hours")).toArray();
    for (const QJsonValue &value : spans) {
        const QJsonObject object = value.toObject();
        SpanRow &span = appendSpanRow();
        const QJsonArray days = object.value(QStringLiteral("days")).toArray();
        for (const QJsonValue &day : days) {
            const qsizetype position = dayKeys().indexOf(day.toString().left(3).toLower());
            if (position >= 0)
                span.days.at(static_cast<std::size_t>(position))->setChecked(true);
        }
        QStringList windows;
        for (const QJsonValue &window : object.value(QStringLiteral("windows")).toArray())
            windows.append(window.toString());
        span.windows->setText(windows.join(QStringLiteral(", ")));
    }
    m_loading = false;
    refreshHint();
}

void BusinessHoursEditor::writeJson(QJsonObject &condition) const
{
    static const QRegularExpression separators(QStringLiteral("[,;]"));
    QJsonArray spans;
    for (const SpanRow &span : m_spans) {
        QJsonArray days;
        for (int day = 0; day < 7; ++day) {
            if (span.days.at(static_cast<std::size_t>(day))->isChecked())
                days.append(dayKeys().at(day));
        }
        QJsonArray windows;
        for (const QString &window : span.windows->text().split(separators, Qt::SkipEmptyParts)) {
            if (!window.trimmed().isEmpty())
                windows.append(window.trimmed());
        }
        spans.append(QJsonObject {{QStringLiteral("days"), days}, {QStringLiteral("windows"), windows}});
    }
    condition.insert(QStringLiteral("zone"), zoneId());
    condition.insert(QStringLiteral("hours"), spans);
}

void BusinessHoursEditor::setNegated(bool negated)
{
    if (negated == m_negated)
        return;
    m_negated = negated;
    refreshHint();
}

void BusinessHoursEditor::setReferenceTime(const QDateTime &time)
{
    m_referenceTime = time;
    refreshHint();
}

QString BusinessHoursEditor::zoneId() const
{
    return m_zone->zoneId();
}

void BusinessHoursEditor::setZoneId(const QString &zoneId)
{
    m_zone->setZoneId(zoneId);
}

std::optional<rules::BusinessHours> BusinessHoursEditor::parsed() const
{
    QJsonObject condition;
    writeJson(condition);
    QList<base::LoadError> errors;
    return rules::BusinessHours::fromJson(condition, QStringLiteral("$"), errors);
}

std::optional<bool> BusinessHoursEditor::isOpenAt(const QDateTime &time) const
{
    const std::optional<rules::BusinessHours> hours = parsed();
    if (!hours)
        return std::nullopt;
    return hours->contains(time);
}

QString BusinessHoursEditor::hintText() const
{
    return m_hint->text();
}

void BusinessHoursEditor::userEdited()
{
    if (m_loading)
        return;
    refreshHint();
    Q_EMIT edited();
}

void BusinessHoursEditor::refreshHint()
{
    const QDateTime now = m_referenceTime.isValid() ? m_referenceTime : QDateTime::currentDateTimeUtc();
    const std::optional<rules::BusinessHours> hours = parsed();
    if (!hours) {
        m_hint->clear();
        m_hint->hide();
        return;
    }
    const bool open = hours->contains(now);
    const bool matches = open != m_negated;
    m_hint->setText(tr("Now (%1): %2, so this condition %3.")
                        .arg(hours->describeMoment(now), open ? tr("open") : tr("closed"),
                             matches ? tr("matches") : tr("does not match")));
    m_hint->show();
}

} // namespace dockside::ui
