// SPDX-License-Identifier: GPL-3.0-or-later

#include "accessibility.h"

#include <QCoreApplication>
#include <QWidget>

namespace dockside::ui {

Announcements *Announcements::instance()
{
    static Announcements announcements;
    return &announcements;
}

namespace {

// Consulted before Qt's own factory for every class of a widget's hierarchy, most derived first. It names the widget
// and lets Qt's factory build the interface (a tool button's, with its press action), which reads the name live.
QAccessibleInterface *nameQtControls(const QString &className, QObject *object)
{
    if (className == QLatin1String("QLineEditIconButton") && object != nullptr && object->isWidgetType()) {
        auto *button = static_cast<QWidget *>(object);
        if (button->accessibleName().isEmpty())
            button->setAccessibleName(QCoreApplication::translate("dockside::ui::Accessibility", "Clear"));
    }
    return nullptr;
}

} // namespace

void installAccessibleNames()
{
    static const bool installed = [] {
        QAccessible::installFactory(nameQtControls);
        return true;
    }();
    Q_UNUSED(installed)
}

void announce(QWidget *widget, const QString &text, QAccessible::Event event)
{
    if (widget == nullptr)
        return;
    // The same text twice in a row (the same outcome again) is news too, so the event goes out every time.
    if (event == QAccessible::NameChanged)
        widget->setAccessibleName(text);
    else
        widget->setAccessibleDescription(text);
    QAccessibleEvent accessibleEvent(widget, event);
    QAccessible::updateAccessibility(&accessibleEvent);
    Q_EMIT Announcements::instance()->announced(widget, event, text);
}

} // namespace dockside::ui
