// SPDX-License-Identifier: GPL-3.0-or-later

#include "secretdialog.h"

#include "secretcontroller.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QVBoxLayout>

namespace dockside::ui {

SecretDialog::SecretDialog(SecretController *controller, QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
{
    setWindowTitle(controller->role().title);
    setMinimumWidth(520);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(controller->role().intro);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_stateLabel = new QLabel;
    m_stateLabel->setWordWrap(true);
    layout->addWidget(m_stateLabel);

    auto *row = new QHBoxLayout;
    m_secretEdit = new QLineEdit;
    m_secretEdit->setEchoMode(QLineEdit::Password);
    m_secretEdit->setPlaceholderText(tr("New secret"));
    m_secretEdit->setAccessibleName(tr("New secret"));
    m_secretEdit->setAccessibleDescription(tr("Type or paste the secret, or press Generate; hidden unless shown"));
    QAction *reveal =
        m_secretEdit->addAction(QIcon::fromTheme(QStringLiteral("view-visible")), QLineEdit::TrailingPosition);
    reveal->setCheckable(true);
    reveal->setToolTip(tr("Show the secret"));
    reveal->setText(tr("Show"));
    connect(reveal, &QAction::toggled, this,
            [this](bool shown) { m_secretEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password); });
    m_generateButton = new QPushButton(tr("&Generate"));
    m_generateButton->setToolTip(tr("Fill in a random 32-byte secret (hex), to paste into your webhook's settings."));
    connect(m_generateButton, &QPushButton::clicked, this, &SecretDialog::generate);
    row->addWidget(m_secretEdit, 1);
    row->addWidget(m_generateButton);
    layout->addLayout(row);

    m_problemLabel = new QLabel;
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_problemLabel);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_saveButton = buttons->addButton(tr("&Save to Keychain"), QDialogButtonBox::ApplyRole);
    m_clearButton = buttons->addButton(tr("&Clear"), QDialogButtonBox::DestructiveRole);
    m_clearButton->setToolTip(
        tr("Remove the secret from the keychain: %1 afterwards.").arg(controller->role().without));
    connect(m_saveButton, &QPushButton::clicked, this, &SecretDialog::save);
    connect(m_clearButton, &QPushButton::clicked, this, &SecretDialog::clearSecret);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_secretEdit, &QLineEdit::textChanged, this, &SecretDialog::updateState);
    connect(m_controller, &SecretController::stateChanged, this, &SecretDialog::updateState);
    connect(m_controller, &SecretController::operationFinished, this, [this](bool ok, const QString &message) {
        if (ok)
            m_secretEdit->clear();
        m_problemLabel->setText(ok ? tr("Done.") : message);
        updateState();
    });
    updateState();
}

SecretDialog::~SecretDialog() = default;

void SecretDialog::updateState()
{
    m_stateLabel->setText(QStringLiteral("<b>%1</b>").arg(m_controller->summary().toHtmlEscaped()));
    const bool busy = m_controller->isBusy();
    m_saveButton->setEnabled(!busy && !m_secretEdit->text().isEmpty());
    m_saveButton->setText(m_controller->source() == SecretController::Source::Keychain ? tr("&Replace in Keychain")
                                                                                       : tr("&Save to Keychain"));
    m_clearButton->setEnabled(!busy && m_controller->source() == SecretController::Source::Keychain);
    QString problem = m_controller->problem();
    if (m_controller->source() == SecretController::Source::Environment)
        problem = tr("%1 is set, so it is used for this session whatever the keychain holds.")
                      .arg(m_controller->role().variable);
    if (!problem.isEmpty() || m_problemLabel->text() != tr("Done."))
        m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!m_problemLabel->text().isEmpty());
}

void SecretDialog::save()
{
    m_problemLabel->clear();
    m_controller->store(m_secretEdit->text().toUtf8());
    updateState();
}

void SecretDialog::clearSecret()
{
    m_problemLabel->clear();
    m_controller->clear();
    updateState();
}

void SecretDialog::generate()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    m_secretEdit->setEchoMode(QLineEdit::Normal);
    m_secretEdit->setText(QString::fromLatin1(bytes.toHex()));
}

} // namespace dockside::ui
