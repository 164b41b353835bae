// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QLabel>
#include <QString>

namespace dockside::ui {

// A message under the field it is about: an error that kept a value from being saved, a warning, or a hint.
// Its colours come from the palette's lightness, so they read on light and dark palettes and follow a switch.
// Hidden while empty. Used by the rules, contacts and default-assistant editors.
class InlineMessage final : public QLabel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InlineMessage)

public:
    enum class Kind { Hint, Warning, Error };

    explicit InlineMessage(QWidget *parent = nullptr);
    ~InlineMessage() override;

    void showMessage(Kind kind, const QString &text);
    void showError(const QString &text) { showMessage(Kind::Error, text); }
    void showWarning(const QString &text) { showMessage(Kind::Warning, text); }
    void showHint(const QString &text) { showMessage(Kind::Hint, text); }
    void clearMessage();

    Kind kind() const { return m_kind; }
    bool isError() const { return m_kind == Kind::Error && !text().isEmpty(); }

    // The colour a kind of message has on a palette (also for the editors' own cells and badges).
    static QColor colorFor(Kind kind, const QPalette &palette);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColor();

    Kind m_kind = Kind::Hint;
    bool m_applying = false;
};

} // namespace dockside::ui
