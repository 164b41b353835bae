// SPDX-License-Identifier: GPL-3.0-or-later

#include "questionhandler.h"

namespace dockside::ui {

QuestionHandler messageBoxQuestions()
{
    return [](QWidget *parent, const QString &title, const QString &text, QMessageBox::StandardButtons buttons,
              QMessageBox::StandardButton defaultButton) {
        return QMessageBox::question(parent, title, text, buttons, defaultButton);
    };
}

} // namespace dockside::ui
