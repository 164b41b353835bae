// SPDX-License-Identifier: GPL-3.0-or-later

#include "callview.h"

#include "callaxisview.h"
#include "speech/speakbutton.h"

#include "calls/callformat.h"
#include "calls/callsummary.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {

QString durationText(double seconds)
{
    // A report may say anything; a duration past a year is shown in seconds rather than cast out of range.
    if (!(seconds >= 0.0 && seconds < 31'536'000.0))
        return QStringLiteral("%1 s").arg(seconds, 0, 'g', 3);
    const int whole = static_cast<int>(seconds);
    return whole >= 60 ? QStringLiteral("%1:%2").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'))
                       : QStringLiteral("%1 s").arg(seconds, 0, 'g', 3);
}

QToolButton *toolButton(const QString &objectName, const QString &text, const QString &toolTip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setAutoRaise(true);
    return button;
}

} // namespace

CallView::CallView(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);

    auto *top = new QHBoxLayout;
    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("callHeadline"));
    m_headline->setTextFormat(Qt::RichText);
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(m_headline, 1);
    m_zoomOut = toolButton(QStringLiteral("callZoomOut"), QStringLiteral("−"), tr("Zoom out (-, Ctrl+wheel)"), this);
    m_zoomIn = toolButton(QStringLiteral("callZoomIn"), QStringLiteral("+"), tr("Zoom in (+, Ctrl+wheel)"), this);
    m_fit = toolButton(QStringLiteral("callFit"), tr("Fit"), tr("Show the whole call"), this);
    m_copy = toolButton(QStringLiteral("callCopy"), tr("Copy"), tr("Copy the call as a readable timeline"), this);
    m_saveScenario =
        toolButton(QStringLiteral("callSaveScenario"), tr("Save as Scenario…"),
                   tr("Add this call to the workspace's scenarios: it replays the same events with a fresh call id "
                      "and expects the same answers"),
                   this);
    for (QToolButton *button : {m_zoomOut, m_zoomIn, m_fit, m_copy, m_saveScenario})
        top->addWidget(button, 0, Qt::AlignTop);
    layout->addLayout(top);

    // What the caller hears first (the greeting, or the rejection) with a button that reads it aloud.
    m_spokenRow = new QWidget(this);
    m_spokenRow->setObjectName(QStringLiteral("callSpokenRow"));
    auto *spoken = new QHBoxLayout(m_spokenRow);
    spoken->setContentsMargins(0, 0, 0, 0);
    m_spokenCaption = new QLabel(m_spokenRow);
    m_spokenCaption->setObjectName(QStringLiteral("callSpokenCaption"));
    m_spokenCaption->setForegroundRole(QPalette::PlaceholderText);
    m_spoken = new QLabel(m_spokenRow);
    m_spoken->setObjectName(QStringLiteral("callSpoken"));
    m_spoken->setTextFormat(Qt::PlainText);
    m_spoken->setWordWrap(true);
    m_spoken->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_speak = new SpeakButton(m_spokenRow);
    spoken->addWidget(m_spokenCaption, 0, Qt::AlignTop);
    spoken->addWidget(m_spoken, 1);
    spoken->addWidget(m_speak, 0, Qt::AlignTop);
    layout->addWidget(m_spokenRow);

    m_axis = new CallAxisView;
    m_axis->setObjectName(QStringLiteral("callAxis"));
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("callAxisScroll"));
    m_scroll->setWidget(m_axis);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::StyledPanel);
    layout->addWidget(m_scroll, 1);

    m_findings = new QLabel(this);
    m_findings->setObjectName(QStringLiteral("callFindings"));
    m_findings->setTextFormat(Qt::RichText);
    m_findings->setWordWrap(true);
    m_findings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_findings);

    connect(m_zoomIn, &QToolButton::clicked, this, [this] {
        m_fitted = false;
        m_axis->zoomBy(2.0);
    });
    connect(m_zoomOut, &QToolButton::clicked, this, [this] {
        m_fitted = false;
        m_axis->zoomBy(0.5);
    });
    connect(m_fit, &QToolButton::clicked, this, [this] {
        m_fitted = true;
        fit();
    });
    connect(m_copy, &QToolButton::clicked, this, &CallView::copyAsText);
    m_askName = [this](const QString &suggested) {
        return QInputDialog::getText(this, tr("Save as Scenario"),
                                     tr("The scenario replays this call's events in order with a fresh call id and "
                                        "expects the answers it got. Name:"),
                                     QLineEdit::Normal, suggested)
            .trimmed();
    };
    connect(m_saveScenario, &QToolButton::clicked, this, [this] {
        const calls::CallTrack &call = m_axis->track();
        const QString suggested = tr("Call from %1").arg(call.callerNumber.isEmpty() ? call.callId : call.callerNumber);
        const QString name = m_askName(suggested);
        if (!name.isEmpty())
            Q_EMIT saveScenarioRequested(name);
    });
    connect(m_axis, &CallAxisView::zoomChanged, this, &CallView::updateAxisSize);
    connect(m_axis, &CallAxisView::markActivated, this, &CallView::exchangeActivated);
    clear();
}

const calls::CallTrack &CallView::track() const
{
    return m_axis->track();
}

void CallView::clear()
{
    m_axis->clear();
    m_headline->setText(tr("No call selected."));
    m_findings->clear();
    m_findings->hide();
    m_speak->setSpeech({}, {});
    m_spokenRow->hide();
    for (QToolButton *button : {m_zoomOut, m_zoomIn, m_fit, m_copy, m_saveScenario})
        button->setEnabled(false);
}

void CallView::showTrack(const calls::CallTrack &track, qint64 currentExchangeId)
{
    const bool sameCall = track.callId == m_axis->track().callId;
    m_axis->setTrack(track);
    m_axis->setCurrentMark(std::max(0, m_axis->markOf(currentExchangeId)));
    for (QToolButton *button : {m_zoomOut, m_zoomIn, m_fit, m_copy, m_saveScenario})
        button->setEnabled(true);

    const QString outcome = calls::callOutcomeLabel(track.outcomeKind()).toLower();
    QString duration = durationText(static_cast<double>(track.spanUs()) / 1e6);
    if (track.reportedDurationSeconds)
        duration = tr("%1 talked").arg(durationText(*track.reportedDurationSeconds));
    if (track.maxDurationSeconds > 0)
        duration += tr(" (limit %1)").arg(durationText(track.maxDurationSeconds));
    const auto none = tr("(no number)");
    m_headline->setText(tr("<b>%1 → %2</b> · %3 · %4 · %5 event(s)")
                            .arg((track.callerNumber.isEmpty() ? none : track.callerNumber).toHtmlEscaped(),
                                 (track.calledNumber.isEmpty() ? none : track.calledNumber).toHtmlEscaped(), outcome,
                                 duration)
                            .arg(track.marks.size()));

    showSpoken(track);

    QStringList findings;
    for (const calls::CallFlag &flag : track.flags) {
        const bool error = flag.severity == calls::CallFlag::Severity::Error;
        findings << QStringLiteral("<span style='color:%1'>%2</span> %3")
                        .arg(error ? callAlarmColor().name() : palette().color(QPalette::PlaceholderText).name(),
                             error ? tr("Order:") : tr("Note:"), flag.message.toHtmlEscaped());
    }
    if (!track.analysis.isEmpty()) {
        QStringList fields;
        for (const calls::AnalysisField &field : track.analysis) {
            const QString problem = calls::analysisProblemText(field);
            QString text = field.name.toHtmlEscaped();
            if (!field.value.isUndefined())
                text += QStringLiteral(" = ") + calls::jsonText(field.value).toHtmlEscaped();
            fields << (problem.isEmpty() ? text
                                         : QStringLiteral("<span style='color:%1'>%2 ⚠ %3</span>")
                                               .arg(callAlarmColor().name(), text, problem.toHtmlEscaped()));
        }
        findings << tr("Analysis: %1").arg(fields.join(QStringLiteral("; ")));
    }
    m_findings->setText(findings.join(QStringLiteral("<br>")));
    m_findings->setVisible(!findings.isEmpty());
    if (!sameCall)
        m_fitted = true;
    if (m_fitted)
        fit();
    updateAxisSize();
}

void CallView::showSpoken(const calls::CallTrack &track)
{
    const QString spokenFirst = track.outcome ? track.outcome->spokenFirst : QString();
    if (spokenFirst.trimmed().isEmpty()) {
        m_speak->setSpeech({}, {});
        m_spokenRow->hide();
        return;
    }
    const bool rejected = track.outcome->disposition == contract::Disposition::Rejected;
    m_spokenCaption->setText(rejected ? tr("The caller hears, then the call ends:") : tr("The caller hears first:"));
    m_spoken->setText(QStringLiteral("“%1”").arg(spokenFirst));
    // No default assistant at hand: a rejection reads in the contact's language, else the default voice.
    m_speak->setSpeech(
        spokenFirst,
        speechLanguage(*track.outcome, {}, m_callerLanguage ? m_callerLanguage(track.callerNumber) : QString()));
    m_spokenRow->show();
}

void CallView::fit()
{
    m_axis->fitToWidth(m_scroll->viewport()->width());
}

void CallView::updateAxisSize()
{
    m_axis->setMinimumSize(m_axis->sizeHint());
}

void CallView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_fitted && !m_axis->track().marks.isEmpty())
        fit();
}

void CallView::copyAsText()
{
    QApplication::clipboard()->setText(calls::callTrackToText(m_axis->track()));
    Q_EMIT statusMessage(tr("Copied call %1 as a timeline.").arg(m_axis->track().callId));
}

} // namespace dockside::ui
