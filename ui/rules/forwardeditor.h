// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "rules/ruleaction.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QWidget>

class QComboBox;
class QLineEdit;

namespace dockside::ui {

// "Forward to your webhook": its URL, and in one compact choice what the platform gets when the webhook misses the
// deadline (its late answer as it comes, or a fallback template). Shared by the rule editor's action and the endpoint's
// default answer; checking is the caller's (ForwardTo::fromJson), so both say the same thing about the same mistake.
class ForwardEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ForwardEditor)

public:
    explicit ForwardEditor(QWidget *parent = nullptr);
    ~ForwardEditor() override;

    // The workspace's templates as (id, name): the fallbacks on offer.
    void setTemplates(const QList<QPair<QString, QString>> &templates);
    void setForward(const rules::ForwardTo &forward);
    rules::ForwardTo forward() const;

Q_SIGNALS:
    // Only for the user's changes.
    void edited();

private:
    void selectLate(const QString &templateId);

    QLineEdit *m_url = nullptr;
    QComboBox *m_late = nullptr; // faithful, then one item per template
    bool m_loading = false;
};

} // namespace dockside::ui
