// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/capturedrequest.h"
#include "routing/routingrunner.h"

#include <QString>
#include <QTimer>
#include <QTimeZone>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace dockside::ui {

class RoutingTableModel;
class SearchFilterModel;
class TimeZoneComboBox;
class WorkspaceDocument;

// "If this person calls at that time, what happens?" for every contact, typed number and unknown number per
// country prefix, over a week at a step or typed times, in the rules' zone or another: the routing matrix of the
// workspace being edited, computed off the GUI thread by the endpoint's own planning, with progress and Cancel.
// "Compare with saved file" frames the cells the unsaved edits change. Double-click or Enter on a cell asks the
// window to open its rule (tested with that caller) and its template (previewed with that request).
class RoutingPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoutingPage)

public:
    explicit RoutingPage(WorkspaceDocument *document, QWidget *parent = nullptr);
    ~RoutingPage() override;

    RoutingTableModel *model() const { return m_model; }
    SearchFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchField() const { return m_search; }
    routing::RoutingRunner *runner() const { return m_runner; }

    // The endpoint's secret: with one, requests are signed with it; "Signed requests" follows whether there is one
    // (the user may still switch it).
    void setSecret(const QByteArray &secret);
    // Compares with this workspace file instead of the saved one (empty: the saved file again) and ticks the box.
    void setComparisonFile(const QString &fileName);
    // Starts a computation with the current controls now (changes start one after a short pause by themselves).
    void compute();
    void cancel();
    // The inputs as the controls say; nullopt with the reason shown when one is not valid.
    std::optional<routing::RoutingInput> currentInput();
    // Opens the cell's rule and template (what double-click and Enter do).
    void activateCell(const QModelIndex &proxyIndex);

Q_SIGNALS:
    void openRuleRequested(const QString &ruleId, const QString &callerNumber);
    void openTemplateRequested(const QString &templateId, const QString &requestLabel,
                               const dockside::base::CapturedRequest &request, bool show);
    // After each finished computation, with the status line's text.
    void computed(const QString &status);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void createWidgets();
    void scheduleCompute();
    void finished(const routing::RoutingResult &result);
    void updateDetail();
    void updateCompareAvailability();
    QString comparisonFile() const;
    QString comparisonName() const;
    QString currentZoneId() const;

    WorkspaceDocument *m_document = nullptr;
    routing::RoutingRunner *m_runner = nullptr;
    RoutingTableModel *m_model = nullptr;
    SearchFilterModel *m_filter = nullptr;
    QTimer m_debounce;
    bool m_dirty = true;
    qint64 m_stepSeconds = 900;
    QByteArray m_secret;
    QString m_compareFile;
    bool m_secretKnown = false;
    QTimeZone m_zone;

    QDateTimeEdit *m_start = nullptr;
    QComboBox *m_step = nullptr;
    QSpinBox *m_days = nullptr;
    TimeZoneComboBox *m_zoneCombo = nullptr;
    QLineEdit *m_times = nullptr;
    QLineEdit *m_numbers = nullptr;
    QCheckBox *m_signed = nullptr;
    QCheckBox *m_compare = nullptr;
    QCheckBox *m_perMoment = nullptr;
    QCheckBox *m_onlyChanged = nullptr;
    QLineEdit *m_search = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_inputError = nullptr;
    QLabel *m_assumptions = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_detail = nullptr;
    QPushButton *m_openRule = nullptr;
    QPushButton *m_openTemplate = nullptr;
};

} // namespace dockside::ui
