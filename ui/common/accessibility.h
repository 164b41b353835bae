// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QAccessible>
#include <QObject>
#include <QString>

class QWidget;

namespace dockside::ui {

// Live changes that happen without the user's doing (a new exchange in the timeline, a new call outcome), told to
// assistive technology. Qt hands QAccessibleEvents only to an active platform bridge (AT-SPI, UI Automation,
// NSAccessibility) and drops them otherwise, offscreen always: announce() sends the event to Qt and also reports it
// here, so the window and its tests see every announcement whether or not a screen reader listens.
class Announcements final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Announcements)

public:
    static Announcements *instance();

Q_SIGNALS:
    // source: the widget whose accessible text changed; text: what a screen reader says for it now.
    void announced(QObject *source, QAccessible::Event event, const QString &text);

private:
    Announcements() = default;
};

// Sets the widget's accessible description to text and announces the change (DescriptionChanged), or with
// QAccessible::NameChanged its accessible name.
void announce(QWidget *widget, const QString &text, QAccessible::Event event = QAccessible::DescriptionChanged);

// Names for Qt's own nameless controls, once per process: the clear button a line edit shows when it has text
// (setClearButtonEnabled) is "Clear" to a screen reader instead of an unnamed button.
void installAccessibleNames();

} // namespace dockside::ui
