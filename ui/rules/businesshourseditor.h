// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "rules/businesshours.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QWidget>

#include <array>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QVBoxLayout;

namespace dockside::ui {

class TimeZoneComboBox;

// The zone and opening hours of a business_hours condition: a time-zone picker, and rows of weekday checkboxes
// with time windows ("09:00-12:30, 13:30-17:30"). Under them the moment now in that zone and whether it is open,
// as the core's BusinessHours computes it. It writes what is typed; the condition editor validates through core.
class BusinessHoursEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BusinessHoursEditor)

public:
    explicit BusinessHoursEditor(QWidget *parent = nullptr);
    ~BusinessHoursEditor() override;

    // Reads "zone" and "hours" of a condition object.
    void setJson(const QJsonObject &condition);
    // Writes "zone" and "hours" into a condition object.
    void writeJson(QJsonObject &condition) const;
    // With negate the hint says the condition matches when the business is closed.
    void setNegated(bool negated);
    // The moment the hint is about; invalid (the default) follows the clock.
    void setReferenceTime(const QDateTime &time);
    // Open at the reference time, or nullopt while the zone or hours are not valid.
    std::optional<bool> isOpenAt(const QDateTime &time) const;
    QString hintText() const;

    QString zoneId() const;
    void setZoneId(const QString &zoneId);
    int spanCount() const { return static_cast<int>(m_spans.size()); }
    // Adds a row of days and windows; its days start unticked.
    void addSpan();
    // Ticks the days (Qt::Monday = 1) and sets the windows text of one row.
    void setSpan(int span, const QList<Qt::DayOfWeek> &days, const QString &windows);

Q_SIGNALS:
    // Only for the user's changes.
    void edited();

private:
    struct SpanRow {
        QWidget *row = nullptr;
        std::array<QCheckBox *, 7> days {};
        QLineEdit *windows = nullptr;
        QPushButton *remove = nullptr;
    };
    SpanRow &appendSpanRow();
    void removeSpan(QWidget *row);
    void renumber();
    void clearSpans();
    void userEdited();
    void refreshHint();
    std::optional<rules::BusinessHours> parsed() const;

    TimeZoneComboBox *m_zone = nullptr;
    QVBoxLayout *m_spanLayout = nullptr;
    QList<SpanRow> m_spans;
    QPushButton *m_addSpan = nullptr;
    QLabel *m_hint = nullptr;
    QTimer *m_clock = nullptr;
    QDateTime m_referenceTime;
    bool m_negated = false;
    bool m_loading = false;
};

} // namespace dockside::ui
