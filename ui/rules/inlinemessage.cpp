// SPDX-License-Identifier: GPL-3.0-or-later

#include "inlinemessage.h"

#include <QEvent>
#include <QPalette>

namespace dockside::ui {

InlineMessage::InlineMessage(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

InlineMessage::~InlineMessage() = default;

QColor InlineMessage::colorFor(Kind kind, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    switch (kind) {
    case Kind::Error:
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x1c, 0x1c);
    case Kind::Warning:
        return dark ? QColor(0xff, 0xcc, 0x66) : QColor(0x8a, 0x5a, 0x00);
    case Kind::Hint:
        break;
    }
    return palette.color(QPalette::PlaceholderText);
}

void InlineMessage::showMessage(Kind kind, const QString &text)
{
    if (text.isEmpty()) {
        clearMessage();
        return;
    }
    m_kind = kind;
    setText(text);
    applyColor();
    show();
}

void InlineMessage::clearMessage()
{
    m_kind = Kind::Hint;
    clear();
    hide();
}

void InlineMessage::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_applying)
        applyColor();
}

void InlineMessage::applyColor()
{
    m_applying = true;
    QPalette palette = this->palette();
    palette.setColor(QPalette::WindowText, colorFor(m_kind, palette));
    setPalette(palette);
    m_applying = false;
}

} // namespace dockside::ui
