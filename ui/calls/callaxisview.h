// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "calls/calltrack.h"

#include <QColor>
#include <QWidget>

namespace dockside::ui {

// Red for what broke the contract's order, readable on the light and the dark palette.
QColor callAlarmColor();

// One call drawn to scale on a time axis: a row per exchange with its place in time, its latency against its
// deadline (the deadline as a tick), the duration limit as a line, and every order flag in red. Click or Enter on a
// mark opens its exchange; Up and Down move between marks; Ctrl+wheel, + and - zoom.
class CallAxisView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallAxisView)

public:
    explicit CallAxisView(QWidget *parent = nullptr);

    void setTrack(const calls::CallTrack &track);
    const calls::CallTrack &track() const { return m_track; }
    void clear();

    /*! Pixels per second of call time; fitToWidth() picks the one that shows the whole call in width pixels. */
    double pixelsPerSecond() const { return m_pixelsPerSecond; }
    void setPixelsPerSecond(double pixelsPerSecond);
    void fitToWidth(int width);
    void zoomBy(double factor);

    int currentMark() const { return m_current; }
    void setCurrentMark(int index);
    /*! The row of the mark for this exchange; -1 when the call has none. */
    int markOf(qint64 exchangeId) const;
    /*! Where the mark's dot is drawn, in widget coordinates (tests click it). */
    QPoint markPosition(int index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void markActivated(qint64 exchangeId);
    void currentMarkChanged(qint64 exchangeId);
    void zoomChanged(double pixelsPerSecond);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    bool event(QEvent *event) override;

private:
    int rowAt(const QPoint &position) const;
    int axisLeft() const;
    int xOf(qint64 offsetUs) const;
    QRect rowRect(int index) const;
    QString toolTipFor(int index) const;
    // The current row in words: the accessible description a screen reader reads.
    QString currentMarkText() const;
    void paintRuler(QPainter &painter);
    void paintRow(QPainter &painter, int index);

    calls::CallTrack m_track;
    double m_pixelsPerSecond = 20.0;
    int m_current = -1;
};

} // namespace dockside::ui
