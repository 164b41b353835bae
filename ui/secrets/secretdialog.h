// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace dockside::ui {

class SecretController;

// Set, replace or clear the webhook secret in the OS keychain, and say plainly when there is none.
class SecretDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretDialog)

public:
    explicit SecretDialog(SecretController *controller, QWidget *parent = nullptr);
    ~SecretDialog() override;

private:
    void updateState();
    void save();
    void clearSecret();
    void generate();

    SecretController *m_controller = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_problemLabel = nullptr;
    QLineEdit *m_secretEdit = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_clearButton = nullptr;
    QPushButton *m_generateButton = nullptr;
};

} // namespace dockside::ui
