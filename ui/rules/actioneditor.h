// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "rules/ruleaction.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QWidget>

class QComboBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace dockside::ui {

class ForwardEditor;
class InlineMessage;

// What a matching rule answers with: one template, a weighted A/B split (each arm a template and a weight,
// with the share it gets), or the developer's own webhook (forward to URL). Checked by the core's RuleAction::fromJson;
// only a valid action is emitted.
class ActionEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionEditor)

public:
    explicit ActionEditor(QWidget *parent = nullptr);
    ~ActionEditor() override;

    // The workspace's templates as (id, name), in the order the combo boxes offer them.
    void setTemplates(const QList<QPair<QString, QString>> &templates);
    void setAction(const rules::RuleAction &action);

    bool isSplit() const;
    bool isForward() const;
    int armCount() const { return static_cast<int>(m_arms.size()); }
    // "50%" for an arm, as shown beside its weight.
    QString shareText(int arm) const;
    bool hasError() const;
    QString errorText() const;

Q_SIGNALS:
    // Only for the user's changes, and only with a valid action.
    void actionEdited(const dockside::rules::RuleAction &action);

private:
    struct ArmRow {
        QComboBox *templateBox = nullptr;
        QSpinBox *weight = nullptr;
        QLabel *share = nullptr;
        QPushButton *remove = nullptr;
    };
    void fillTemplateBox(QComboBox *box, const QString &selectedId) const;
    ArmRow &appendArm(const rules::SplitArm &arm);
    void removeArm(int arm);
    void clearArms();
    void updateMode();
    void updateShares();
    void userEdited();
    void validate(bool emitValid);
    QList<rules::SplitArm> arms() const;

    QList<QPair<QString, QString>> m_templates;
    QRadioButton *m_single = nullptr;
    QRadioButton *m_split = nullptr;
    QRadioButton *m_forward = nullptr;
    ForwardEditor *m_forwardEditor = nullptr;
    QComboBox *m_template = nullptr;
    QWidget *m_splitBox = nullptr;
    QGridLayout *m_armLayout = nullptr;
    QList<ArmRow> m_arms;
    QPushButton *m_addArm = nullptr;
    QLabel *m_splitHint = nullptr;
    InlineMessage *m_error = nullptr;
    bool m_loading = false;
};

} // namespace dockside::ui
