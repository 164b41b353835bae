// SPDX-License-Identifier: GPL-3.0-or-later

#include "timelineexport.h"

#include "base/privatefile.h"
#include "history/exchangeredactor.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>

#include <algorithm>

namespace dockside::ui {

TimelineExport::TimelineExport(QString databasePath, history::HistoryFilter filter, std::optional<Selection> selection,
                               QString fileName, Format format, bool redact, QStringList knownNames)
    : m_databasePath(std::move(databasePath))
    , m_filter(std::move(filter))
    , m_selection(std::move(selection))
    , m_fileName(std::move(fileName))
    , m_format(format)
    , m_redact(redact)
    , m_knownNames(std::move(knownNames))
{
}

TimelineExport::~TimelineExport() = default;

TimelineExport::Format TimelineExport::formatOf(const QString &fileName)
{
    return QFileInfo(fileName).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0 ? Format::Json
                                                                                                 : Format::Har;
}

void TimelineExport::cancel()
{
    m_cancelled.store(true);
    m_reader.interrupt();
}

std::optional<qint64> TimelineExport::idAtPosition(const history::HistoryFilter &bounded, qint64 position)
{
    if (const auto known = m_selection->positions.idAt(position))
        return known;
    const TimelinePlan plan = m_selection->positions.plan(position, 1);
    const auto rows = m_reader.pageAfter(bounded, plan.afterId, plan.skip, 1, plan.order);
    if (rows.isEmpty())
        return std::nullopt;
    return rows.constFirst().id;
}

bool TimelineExport::resolveSelection(history::HistoryFilter *filter, QString *message)
{
    const history::HistoryFilter bounded = m_selection->positions.bounded(m_filter);
    QList<history::IdRange> ranges;
    for (const auto &[first, last] : std::as_const(m_selection->ranges)) {
        if (m_cancelled.load())
            return false;
        const auto firstId = idAtPosition(bounded, first);
        const auto lastId = firstId ? idAtPosition(bounded, last) : std::nullopt;
        if (!firstId || !lastId) {
            *message = m_reader.lastError().isEmpty()
                ? QObject::tr("Some selected exchanges are no longer in the history (retention removed them). "
                              "Select them again and export once more.")
                : m_reader.lastError();
            return false;
        }
        ranges.append({std::min(*firstId, *lastId), std::max(*firstId, *lastId)});
    }
    std::sort(ranges.begin(), ranges.end(),
              [](const history::IdRange &a, const history::IdRange &b) { return a.first < b.first; });
    QList<history::IdRange> merged;
    for (const history::IdRange &range : std::as_const(ranges)) {
        if (!merged.isEmpty() && range.first <= merged.last().last + 1)
            merged.last().last = std::max(merged.last().last, range.last);
        else
            merged.append(range);
    }
    // Rows between a range's first and last id that the filter excludes stay excluded: the filter still applies.
    *filter = bounded;
    filter->idRanges = merged.isEmpty() ? QList<history::IdRange> {{1, 0}} : merged;
    return true;
}

bool TimelineExport::run(const Progress &progress, QString *message)
{
    QString error;
    if (!m_reader.open(m_databasePath, &error)) {
        *message = error;
        return false;
    }
    const auto stopped = [this, message] {
        if (m_cancelled.load()) {
            *message =
                QObject::tr("The export was cancelled; %1 was not written.").arg(QDir::toNativeSeparators(m_fileName));
            return true;
        }
        return false;
    };
    history::HistoryFilter filter = m_filter;
    if (m_selection && !resolveSelection(&filter, message)) {
        stopped();
        return false;
    }
    const qint64 total = m_reader.count(filter);
    if (total < 0) {
        if (!stopped())
            *message = m_reader.lastError();
        return false;
    }
    if (progress)
        progress(0, total);

    QSaveFile file(m_fileName);
    // Owner-only before the first byte: an export holds callers' numbers and transcripts.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(base::kOwnerOnlyFile)) {
        *message = QObject::tr("%1 cannot be written: %2. Choose another file or folder.")
                       .arg(QDir::toNativeSeparators(m_fileName), file.errorString());
        return false;
    }
    const auto onRow = [this, &progress, total](qint64 exported) {
        m_exported.store(exported);
        if (progress && (exported % 200 == 0 || exported == total))
            progress(exported, total);
        return !m_cancelled.load();
    };
    history::ExchangeRedactor redactor;
    redactor.addKnownNames(m_knownNames);
    history::ExchangeRedactor *redacting = m_redact ? &redactor : nullptr;
    const bool written = m_format == Format::Har ? m_reader.exportHar(filter, &file, &error, onRow, redacting)
                                                 : m_reader.exportJson(filter, &file, &error, onRow, redacting);
    if (!written) {
        file.cancelWriting();
        if (!stopped())
            *message = error;
        return false;
    }
    if (!file.commit()) {
        *message = QObject::tr("%1 cannot be written: %2. Choose another file or folder.")
                       .arg(QDir::toNativeSeparators(m_fileName), file.errorString());
        return false;
    }
    *message = (m_redact ? QObject::tr("Exported %1 exchange(s), redacted, to %2.")
                         : QObject::tr("Exported %1 exchange(s) to %2."))
                   .arg(QLocale().toString(m_exported.load()), QDir::toNativeSeparators(m_fileName));
    return true;
}

} // namespace dockside::ui
