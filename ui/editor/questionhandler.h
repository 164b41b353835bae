// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QMessageBox>
#include <QString>

#include <functional>

namespace dockside::ui {

// Panels ask their modal questions through one of these, so a test can answer them without a dialog.
using QuestionHandler = std::function<QMessageBox::StandardButton(
    QWidget *parent, const QString &title, const QString &text, QMessageBox::StandardButtons buttons,
    QMessageBox::StandardButton defaultButton)>;

// A QMessageBox::question.
QuestionHandler messageBoxQuestions();

} // namespace dockside::ui
