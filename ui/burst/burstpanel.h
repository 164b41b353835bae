// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "composer/burstrunner.h"
#include "contract/callevent.h"

#include <QByteArray>
#include <QThread>
#include <QUrl>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace dockside::ui {

class LatencyChart;
class WorkspaceDocument;

// Load against a webhook: N signed events with C in flight, then latency percentiles, deadline misses, failures,
// requests per second and a histogram of every request's latency with the percentiles marked. Like `dockside-cli
// burst`, it aims only at this machine (127.0.0.0/8,
// ::1, localhost) unless "Allow a target that is not this machine" is ticked. The burst runs on its own thread, so
// the window stays responsive however many requests are in flight; Cancel stops it.
class BurstPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BurstPanel)

public:
    // The document's default assistant is what each answer's outcome is computed against.
    explicit BurstPanel(WorkspaceDocument *document, QWidget *parent = nullptr);
    ~BurstPanel() override;

    // The mock endpoint's URL: the target until the user types another.
    void setDefaultTargetUrl(const QUrl &url);
    QUrl targetUrl() const;
    void setTargetUrl(const QUrl &url);
    // Signs every event like the platform; empty sends them unsigned.
    void setSecret(const QByteArray &secret);
    void setRequestCount(int count);
    void setConcurrency(int concurrency);
    void setEventType(contract::EventType type);
    void setAllowNonLoopback(bool allow);

    // False, with the reason shown, when the burst cannot start (bad URL, a target that is not this machine).
    bool run();
    void cancel();
    bool isRunning() const { return m_running; }
    const std::optional<composer::BurstReport> &lastReport() const { return m_lastReport; }
    LatencyChart *chart() const { return m_chart; }

Q_SIGNALS:
    void statusMessage(const QString &message);
    void finished(const dockside::composer::BurstReport &report);

protected:
    void changeEvent(QEvent *event) override;

private:
    void createWidgets();
    void updateGuard();
    void progress(int done, int total);
    void burstFinished(const composer::BurstReport &report);
    void burstFailed(const QString &message);
    void showReport(const composer::BurstReport &report);
    void say(const QString &message);
    qint64 effectiveDeadlineMs() const;

    WorkspaceDocument *m_document = nullptr;
    QThread m_thread;
    composer::BurstRunner *m_runner = nullptr; // lives on m_thread

    QLineEdit *m_targetEdit = nullptr;
    QSpinBox *m_countSpin = nullptr;
    QSpinBox *m_concurrencySpin = nullptr;
    QComboBox *m_eventCombo = nullptr;
    QSpinBox *m_deadlineSpin = nullptr;
    QCheckBox *m_allowRemote = nullptr;
    QLabel *m_guardLabel = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_messageLabel = nullptr;
    QTableWidget *m_percentiles = nullptr;
    QTableWidget *m_counts = nullptr;
    LatencyChart *m_chart = nullptr;

    QUrl m_defaultTarget;
    QByteArray m_secret;
    std::optional<composer::BurstReport> m_lastReport;
    qint64 m_runDeadlineMs = 0;
    bool m_running = false;
};

} // namespace dockside::ui
