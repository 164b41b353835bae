// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// What the window benchmarks share: a probe that notes when the wanted rows were painted, and the figures' helpers.

#include <QElapsedTimer>
#include <QEvent>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QWidget>

#include <algorithm>
#include <functional>

namespace dockside::bench {

// Lets a paint through and notes when it has finished, once the predicate says the rows it paints are the ones wanted.
class PaintProbe final : public QObject {
public:
    PaintProbe(QWidget *viewport, std::function<bool()> ready)
        : m_ready(std::move(ready))
    {
        viewport->installEventFilter(this);
    }

    void arm(QEventLoop *loop, const QElapsedTimer *clock)
    {
        m_loop = loop;
        m_clock = clock;
        m_doneNs = -1;
    }
    qint64 doneNs() const { return m_doneNs; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Paint || !m_loop || m_doneNs >= 0 || !m_ready())
            return false;
        watched->event(event);
        m_doneNs = m_clock->nsecsElapsed();
        m_loop->quit();
        return true;
    }

private:
    std::function<bool()> m_ready;
    QEventLoop *m_loop = nullptr;
    const QElapsedTimer *m_clock = nullptr;
    qint64 m_doneNs = -1;
};

inline double ms(qint64 ns)
{
    return static_cast<double>(ns) / 1e6;
}

// Runs the event loop until the probe saw its paint; -1 after the timeout.
inline double runUntilPainted(PaintProbe &probe, const QElapsedTimer &clock, const std::function<void()> &start)
{
    QEventLoop loop;
    probe.arm(&loop, &clock);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    start();
    if (probe.doneNs() < 0)
        loop.exec();
    const qint64 done = probe.doneNs();
    probe.arm(nullptr, nullptr);
    return done < 0 ? -1 : ms(done);
}

inline double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? -1 : values.at(values.size() / 2);
}

inline QJsonArray toJson(const QList<double> &values)
{
    QJsonArray array;
    for (const double value : values)
        array.append(value);
    return array;
}

inline bool writeJson(const QString &fileName, const QJsonObject &object)
{
    QFile file(fileName);
    return file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(object).toJson()) >= 0;
}

} // namespace dockside::bench
