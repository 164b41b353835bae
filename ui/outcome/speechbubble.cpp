// SPDX-License-Identifier: GPL-3.0-or-later

#include "speechbubble.h"

#include "outcomestyle.h"

#include <QEvent>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {

constexpr int kTail = 10;
constexpr qreal kRadius = 12;

} // namespace

SpeechBubble::SpeechBubble(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("speechBubble"));
    m_label->setObjectName(QStringLiteral("spokenText"));
    m_label->setWordWrap(true);
    m_label->setForegroundRole(QPalette::WindowText);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = m_label->font();
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 1.12);
    m_label->setFont(font);

    auto *layout = new QVBoxLayout(this);
    // Room on the left for the tail.
    layout->setContentsMargins(kTail + 14, 10, 14, 10);
    layout->addWidget(m_label);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
    applyColors();
}

SpeechBubble::~SpeechBubble() = default;

void SpeechBubble::setText(const QString &text)
{
    m_label->setText(text);
    setAccessibleName(text);
}

QString SpeechBubble::text() const
{
    return m_label->text();
}

void SpeechBubble::setTone(OutcomeTone tone)
{
    m_tone = tone;
    applyColors();
    update();
}

void SpeechBubble::applyColors()
{
    QPalette labelPalette = m_label->palette();
    labelPalette.setColor(QPalette::WindowText, toneColors(m_tone, palette()).text);
    m_label->setPalette(labelPalette);
}

void SpeechBubble::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyColors();
    QWidget::changeEvent(event);
}

void SpeechBubble::paintEvent(QPaintEvent *)
{
    const ToneColors colors = toneColors(m_tone, palette());
    const QRectF body = QRectF(rect()).adjusted(kTail + 0.75, 0.75, -0.75, -0.75);

    // A rounded body with a tail pointing left, towards whoever speaks.
    QPainterPath path;
    path.addRoundedRect(body, kRadius, kRadius);
    QPainterPath tail;
    const qreal tailY = std::min<qreal>(body.top() + 22, body.center().y());
    tail.moveTo(body.left() + 1, tailY - 7);
    tail.lineTo(body.left() - kTail, tailY + 2);
    tail.lineTo(body.left() + 1, tailY + 6);
    tail.closeSubpath();
    path = path.united(tail);

    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(colors.accent, 1.5));
    painter.setBrush(colors.fill);
    painter.drawPath(path.simplified());
}

} // namespace dockside::ui
