// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/historyfilter.h"
#include "teamhistory/historysource.h"
#include "timelinepositions.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>
#include <utility>

namespace dockside::ui {

// Writes timeline rows to a HAR or JSON file; run() belongs on a worker thread, cancel() on any. A selection is
// given as row positions and resolved to id ranges first, so rows never fetched for the screen export too.
class TimelineExport final {
public:
    enum class Format { Har, Json };
    struct Selection {
        TimelinePositions positions;
        QList<std::pair<qint64, qint64>> ranges; // positions, first and last included
    };
    using Progress = std::function<void(qint64 exported, qint64 total)>;

    TimelineExport(QString databasePath, history::HistoryFilter filter, std::optional<Selection> selection,
                   QString fileName, Format format, bool redact = false, QStringList knownNames = {});
    ~TimelineExport();
    Q_DISABLE_COPY_MOVE(TimelineExport)

    /*! Writes the file (replacing it only when complete); message says what happened, for success too. */
    bool run(const Progress &progress, QString *message);
    void cancel();
    qint64 exported() const { return m_exported.load(); }

    static Format formatOf(const QString &fileName);

private:
    bool resolveSelection(history::HistoryFilter *filter, QString *message);
    std::optional<qint64> idAtPosition(const history::HistoryFilter &bounded, qint64 position);

    QString m_databasePath;
    history::HistoryFilter m_filter;
    std::optional<Selection> m_selection;
    QString m_fileName;
    Format m_format = Format::Har;
    bool m_redact = false; // numbers, names, transcripts and signatures masked (history::ExchangeRedactor)
    QStringList m_knownNames; // the workspace's contact names, masked wherever they appear
    teamhistory::HistorySource m_reader;
    std::atomic<bool> m_cancelled = false;
    std::atomic<qint64> m_exported = 0;
};

} // namespace dockside::ui
