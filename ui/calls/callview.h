// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "calls/calltrack.h"
#include "speech/speakbutton.h"

#include <QWidget>

#include <functional>

class QLabel;
class QScrollArea;
class QToolButton;

namespace dockside::ui {

class CallAxisView;

// The detail view's Call tab: who called whom and how the call went, its time axis with zoom, the breaks of the
// contract's order and the analysis checked against its schema; Copy puts the CLI's timeline text on the clipboard.
class CallView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallView)

public:
    /*! Asks the scenario's name; empty cancels. Replaceable so tests and scripts need no modal dialog. */
    using NameAsker = std::function<QString(const QString &suggested)>;

    explicit CallView(QWidget *parent = nullptr);
    void setNameAsker(NameAsker asker) { m_askName = std::move(asker); }
    /*! The contact's language reads the greeting aloud when the answer names none. */
    void setCallerLanguage(CallerLanguage callerLanguage) { m_callerLanguage = std::move(callerLanguage); }

    /*! Shows the call, with the mark of currentExchangeId current; keeps the zoom when it is the same call. */
    void showTrack(const calls::CallTrack &track, qint64 currentExchangeId);
    void clear();
    const calls::CallTrack &track() const;
    CallAxisView *axis() const { return m_axis; }
    QLabel *headline() const { return m_headline; }
    QLabel *findings() const { return m_findings; }
    SpeakButton *speakButton() const { return m_speak; }

Q_SIGNALS:
    void exchangeActivated(qint64 exchangeId);
    /*! Save as scenario… was chosen and a name given: the window adds the call to the workspace's scenarios. */
    void saveScenarioRequested(const QString &name);
    void statusMessage(const QString &message);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void showSpoken(const calls::CallTrack &track);
    void fit();
    void updateAxisSize();
    void copyAsText();

    QLabel *m_headline = nullptr;
    QToolButton *m_zoomIn = nullptr;
    QToolButton *m_zoomOut = nullptr;
    QToolButton *m_fit = nullptr;
    QToolButton *m_copy = nullptr;
    QToolButton *m_saveScenario = nullptr;
    QWidget *m_spokenRow = nullptr;
    QLabel *m_spokenCaption = nullptr;
    QLabel *m_spoken = nullptr;
    SpeakButton *m_speak = nullptr;
    NameAsker m_askName;
    CallerLanguage m_callerLanguage;
    QScrollArea *m_scroll = nullptr;
    CallAxisView *m_axis = nullptr;
    QLabel *m_findings = nullptr;
    bool m_fitted = false; // until the user zooms, the call keeps fitting the width
};

} // namespace dockside::ui
