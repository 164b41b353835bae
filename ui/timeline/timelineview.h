// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/historyfilter.h"

#include <QByteArray>
#include <QList>
#include <QWidget>

#include <functional>
#include <memory>

class QAction;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QProgressDialog;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace dockside::ui {

class CallTreeView;
class TimelineExport;
class TimelineModel;

// The live timeline: a filter bar over every exchange in the history, newest first, with replay, copy as curl, diff
// and export from the context menu and shortcuts. All database work runs off the GUI thread.
class TimelineView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)

public:
    /*! Asks where to export; an empty answer cancels. Replaceable so tests and scripts need no modal dialog. */
    // The file to export to (empty: cancelled); *redact comes preset (on for more than one exchange) and says
    // whether the export masks numbers, names, transcripts and signatures.
    using ExportFileChooser = std::function<QString(const QString &suggestedFileName, bool *redact)>;

    explicit TimelineView(QWidget *parent = nullptr);
    ~TimelineView() override;

    /*! Opens readers on the history file (HistoryStore's file); a file not created yet shows an empty timeline. */
    void setHistoryPath(const QString &databasePath);
    /*! Connect HistoryStore::appended here: ids are coalesced into one insertion at the top every 100 ms. */
    void appendIds(const QList<qint64> &ids);
    /*! Reads everything again, for example after HistoryStore::retentionApplied. */
    void refresh();

    void clearFilter();
    /*! Puts the keyboard focus in the search field with its text selected (the window binds Ctrl+F to it). */
    void focusSearch();
    // Selects the top row (the newest exchange, unless sorted otherwise) and gives the list the keyboard.
    void selectNewest();
    QLineEdit *searchField() const { return m_searchEdit; }
    history::HistoryFilter filter() const;

    /*! The current row's exchange; 0 when there is none. */
    qint64 currentExchangeId() const;
    /*! The selected rows' exchanges, newest first. Rows not fetched yet (a selection far larger than the screen)
        are left out; exports of a selection include them. */
    QList<qint64> selectedExchangeIds() const;

    /*! Column widths and the filter. */
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

    void setExportFileChooser(ExportFileChooser chooser);
    // The contact names a redacted export or curl command masks wherever they appear (a greeting a template filled).
    void setContactNames(std::function<QStringList()> names) { m_contactNames = std::move(names); }
    TimelineModel *model() const { return m_model; }
    CallTreeView *callTree() const { return m_callTree; }
    /*! Calls mode: a line per call instead of a row per exchange (remembered in saveState()). */
    void setCallsMode(bool calls);
    bool isCallsMode() const;
    /*! In calls mode, makes this call current once the list has it; the rows mode has no call to select. */
    void selectCall(const QString &callId, history::Direction direction);
    QTableView *tableView() const { return m_table; }

Q_SIGNALS:
    void currentExchangeChanged(qint64 id);
    /*! In calls mode a call (not one of its exchanges) became current: show the whole call. */
    void callChosen();
    void replayRequested(qint64 id);
    /*! left is the older exchange. */
    void diffRequested(qint64 left, qint64 right);
    /*! A short report for the status bar: copied, exported, failed and why. */
    void statusMessage(const QString &message);
    void exportFinished(bool ok, const QString &message);
    /*! "Forget This Caller…" on a row: the window asks first, then erases the number from the history. */
    void forgetCallerRequested(const QString &number);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void createActions();
    void createFilterBar();
    // The filters in one row, or in two when the timeline is too narrow for one.
    void arrangeFilterBar();
    void createTable();
    void scheduleFilter();
    void applyFilter();
    void updateCurrent();
    void updateActions();
    void updateOverlay();
    // Tells a screen reader that rows new exchanges came in at the top, and what the newest one is.
    void announceNewest(int rows);
    void showContextMenu(const QPoint &position);
    void replay();
    void copyAsCurl(bool redact = false);
    void forgetCaller();
    void diffSelected();
    void exportRows(bool selectionOnly);
    void finishExport(bool ok, const QString &message);
    // Selected rows as merged position ranges, oldest first; rows counts them.
    QList<std::pair<qint64, qint64>> selectedPositionRanges(qint64 *rows) const;
    QList<qint64> selectedIds(qsizetype limit) const;

    TimelineModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_overlay = nullptr;
    QLabel *m_countLabel = nullptr;
    QHBoxLayout *m_searchRow = nullptr;
    QHBoxLayout *m_filterRow = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QComboBox *m_eventCombo = nullptr;
    QComboBox *m_directionCombo = nullptr;
    QComboBox *m_outcomeCombo = nullptr;
    QLineEdit *m_statusEdit = nullptr;
    QLineEdit *m_callerEdit = nullptr;
    QToolButton *m_clearButton = nullptr;
    QToolButton *m_callsToggle = nullptr;
    QStackedWidget *m_stack = nullptr;
    CallTreeView *m_callTree = nullptr;
    QTimer *m_filterTimer = nullptr;

    QAction *m_replayAction = nullptr;
    QAction *m_copyCurlAction = nullptr;
    QAction *m_copyRedactedCurlAction = nullptr;
    QAction *m_forgetCallerAction = nullptr;
    QAction *m_diffAction = nullptr;
    QAction *m_exportSelectedAction = nullptr;
    QAction *m_exportAllAction = nullptr;

    qint64 m_currentId = 0;
    bool m_arrivals = false; // appendIds was called: the next rows at the top are news
    ExportFileChooser m_chooseExportFile;
    std::function<QStringList()> m_contactNames;
    std::shared_ptr<TimelineExport> m_export;
    QProgressDialog *m_progress = nullptr;
};

} // namespace dockside::ui
