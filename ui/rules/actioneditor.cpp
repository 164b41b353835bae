// SPDX-License-Identifier: GPL-3.0-or-later

#include "actioneditor.h"

#include "forwardeditor.h"
#include "inlinemessage.h"

#include "workspace/workspace.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {

constexpr int kMaxWeight = 1000000; // the core's limit

// Later, as the click on the arm's own button may have started this.
void retire(QWidget *widget)
{
    widget->hide();
    widget->setObjectName(QString());
    widget->deleteLater();
}

} // namespace

ActionEditor::ActionEditor(QWidget *parent)
    : QWidget(parent)
    , m_single(new QRadioButton(tr("One template:"), this))
    , m_split(new QRadioButton(tr("A/B split by call id:"), this))
    , m_forward(new QRadioButton(tr("Forward to your webhook:"), this))
    , m_forwardEditor(new ForwardEditor(this))
    , m_template(new QComboBox(this))
    , m_splitBox(new QWidget(this))
    , m_addArm(new QPushButton(tr("Add arm"), this))
    , m_splitHint(new QLabel(this))
    , m_error(new InlineMessage(this))
{
    m_single->setObjectName(QStringLiteral("actionSingle"));
    m_split->setObjectName(QStringLiteral("actionSplit"));
    m_forward->setObjectName(QStringLiteral("actionForward"));
    m_forward->setToolTip(tr("Relay: the request goes on to your own webhook and its answer comes back, judged "
                             "against the platform's deadline"));
    m_template->setObjectName(QStringLiteral("actionTemplate"));
    m_addArm->setObjectName(QStringLiteral("actionAddArm"));
    m_error->setObjectName(QStringLiteral("actionError"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_single);
    group->addButton(m_split);
    group->addButton(m_forward);
    m_single->setChecked(true);
    m_template->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_template->setMinimumContentsLength(20);

    m_armLayout = new QGridLayout(m_splitBox);
    m_armLayout->setContentsMargins(0, 0, 0, 0);
    m_armLayout->setColumnStretch(0, 1);
    m_splitHint->setWordWrap(true);
    m_splitHint->setForegroundRole(QPalette::PlaceholderText);
    m_splitHint->setText(tr("Each call id always lands on the same arm (SHA-256 of the id), so a call that sends "
                            "several events gets one answer."));

    auto *singleRow = new QHBoxLayout;
    singleRow->addWidget(m_single);
    singleRow->addWidget(m_template, 1);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_addArm);
    addRow->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(singleRow);
    layout->addWidget(m_split);
    layout->addWidget(m_splitBox);
    layout->addLayout(addRow);
    layout->addWidget(m_splitHint);
    layout->addWidget(m_forward);
    layout->addWidget(m_forwardEditor);
    layout->addWidget(m_error);

    // Once per switch: the button turned on, not the one turned off.
    connect(group, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool checked) {
        if (m_loading || !checked)
            return;
        m_loading = true;
        if (m_split->isChecked() && m_arms.isEmpty()) {
            // Start an A/B test from the current template against another one, half and half.
            const QString current = m_template->currentData().toString();
            QString other;
            for (const auto &[id, name] : std::as_const(m_templates)) {
                if (id != current) {
                    other = id;
                    break;
                }
            }
            appendArm({current, 50});
            appendArm({other.isEmpty() ? current : other, 50});
        } else if (m_single->isChecked() && !m_arms.isEmpty()) {
            m_template->setCurrentIndex(m_template->findData(m_arms.constFirst().templateBox->currentData()));
        }
        m_loading = false;
        updateMode();
        userEdited();
    });
    connect(m_forwardEditor, &ForwardEditor::edited, this, &ActionEditor::userEdited);
    connect(m_template, &QComboBox::currentIndexChanged, this, &ActionEditor::userEdited);
    connect(m_addArm, &QPushButton::clicked, this, [this] {
        appendArm({m_templates.isEmpty() ? QString() : m_templates.constFirst().first, 50});
        userEdited();
    });
    updateMode();
}

ActionEditor::~ActionEditor() = default;

void ActionEditor::setTemplates(const QList<QPair<QString, QString>> &templates)
{
    if (templates == m_templates)
        return;
    m_templates = templates;
    const bool loading = m_loading;
    m_loading = true;
    fillTemplateBox(m_template, m_template->currentData().toString());
    for (const ArmRow &arm : std::as_const(m_arms))
        fillTemplateBox(arm.templateBox, arm.templateBox->currentData().toString());
    m_forwardEditor->setTemplates(templates);
    m_loading = loading;
    validate(false);
}

void ActionEditor::fillTemplateBox(QComboBox *box, const QString &selectedId) const
{
    box->clear();
    for (const auto &[id, name] : m_templates) {
        box->addItem(name.isEmpty() ? id : name, id);
        box->setItemData(box->count() - 1, tr("Template id: %1").arg(id), Qt::ToolTipRole);
    }
    int index = box->findData(selectedId);
    if (index < 0 && !selectedId.isEmpty()) {
        // Keep a reference the workspace cannot satisfy visible instead of quietly picking another template.
        box->addItem(tr("⚠ missing template %1").arg(selectedId), selectedId);
        index = box->count() - 1;
    }
    box->setCurrentIndex(index);
}

void ActionEditor::setAction(const rules::RuleAction &action)
{
    m_loading = true;
    clearArms();
    // Empty unless this rule forwards: not another rule's webhook when this one switches to forwarding.
    m_forwardEditor->setForward(action.forwardTo().value_or(rules::ForwardTo {}));
    if (action.isForward()) {
        m_forward->setChecked(true);
        fillTemplateBox(m_template, QString());
    } else if (action.isSplit()) {
        m_split->setChecked(true);
        fillTemplateBox(m_template, action.arms().constFirst().templateId);
        for (const rules::SplitArm &arm : action.arms())
            appendArm(arm);
    } else {
        m_single->setChecked(true);
        fillTemplateBox(m_template, action.templateId());
    }
    m_loading = false;
    updateMode();
    validate(false);
}

ActionEditor::ArmRow &ActionEditor::appendArm(const rules::SplitArm &arm)
{
    const int row = static_cast<int>(m_arms.size());
    ArmRow widgets;
    widgets.templateBox = new QComboBox(m_splitBox);
    widgets.templateBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    widgets.templateBox->setMinimumContentsLength(16);
    widgets.weight = new QSpinBox(m_splitBox);
    widgets.weight->setRange(0, kMaxWeight);
    widgets.weight->setToolTip(tr("The arm's weight; its share is its weight over the sum of all weights"));
    widgets.share = new QLabel(m_splitBox);
    widgets.share->setMinimumWidth(widgets.share->fontMetrics().horizontalAdvance(QStringLiteral("100.0%")));
    widgets.share->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    widgets.remove = new QPushButton(tr("Remove"), m_splitBox);
    widgets.remove->setToolTip(tr("Remove this arm"));
    const bool loading = m_loading;
    m_loading = true;
    fillTemplateBox(widgets.templateBox, arm.templateId);
    widgets.weight->setValue(arm.weight);
    m_loading = loading;
    m_armLayout->addWidget(widgets.templateBox, row, 0);
    m_armLayout->addWidget(widgets.weight, row, 1);
    m_armLayout->addWidget(widgets.share, row, 2);
    m_armLayout->addWidget(widgets.remove, row, 3);
    connect(widgets.templateBox, &QComboBox::currentIndexChanged, this, &ActionEditor::userEdited);
    connect(widgets.weight, &QSpinBox::valueChanged, this, &ActionEditor::userEdited);
    QPushButton *remove = widgets.remove;
    connect(remove, &QPushButton::clicked, this, [this, remove] {
        for (qsizetype i = 0; i < m_arms.size(); ++i) {
            if (m_arms.at(i).remove == remove) {
                removeArm(static_cast<int>(i));
                userEdited();
                return;
            }
        }
    });
    m_arms.append(widgets);
    for (qsizetype i = 0; i < m_arms.size(); ++i) {
        m_arms.at(i).templateBox->setObjectName(QStringLiteral("armTemplate%1").arg(i));
        m_arms.at(i).weight->setObjectName(QStringLiteral("armWeight%1").arg(i));
        m_arms.at(i).share->setObjectName(QStringLiteral("armShare%1").arg(i));
        m_arms.at(i).remove->setObjectName(QStringLiteral("armRemove%1").arg(i));
    }
    updateShares();
    return m_arms.last();
}

void ActionEditor::removeArm(int arm)
{
    if (arm < 0 || arm >= m_arms.size())
        return;
    const ArmRow widgets = m_arms.takeAt(arm);
    for (QWidget *widget : {static_cast<QWidget *>(widgets.templateBox), static_cast<QWidget *>(widgets.weight),
                            static_cast<QWidget *>(widgets.share), static_cast<QWidget *>(widgets.remove)}) {
        m_armLayout->removeWidget(widget);
        retire(widget);
    }
    // Lay the remaining arms out again so no gap is left where this one was.
    for (qsizetype i = 0; i < m_arms.size(); ++i) {
        const ArmRow &row = m_arms.at(i);
        const int r = static_cast<int>(i);
        m_armLayout->addWidget(row.templateBox, r, 0);
        m_armLayout->addWidget(row.weight, r, 1);
        m_armLayout->addWidget(row.share, r, 2);
        m_armLayout->addWidget(row.remove, r, 3);
        row.templateBox->setObjectName(QStringLiteral("armTemplate%1").arg(i));
        row.weight->setObjectName(QStringLiteral("armWeight%1").arg(i));
        row.share->setObjectName(QStringLiteral("armShare%1").arg(i));
        row.remove->setObjectName(QStringLiteral("armRemove%1").arg(i));
    }
    updateShares();
}

void ActionEditor::clearArms()
{
    while (!m_arms.isEmpty())
        removeArm(static_cast<int>(m_arms.size()) - 1);
}

void ActionEditor::updateMode()
{
    const bool split = m_split->isChecked();
    m_template->setEnabled(m_single->isChecked());
    m_forwardEditor->setVisible(m_forward->isChecked());
    m_splitBox->setVisible(split);
    m_addArm->setVisible(split);
    m_splitHint->setVisible(split);
    for (const ArmRow &arm : std::as_const(m_arms))
        arm.remove->setEnabled(m_arms.size() > 1);
}

QList<rules::SplitArm> ActionEditor::arms() const
{
    QList<rules::SplitArm> arms;
    for (const ArmRow &arm : m_arms)
        arms.append({arm.templateBox->currentData().toString(), arm.weight->value()});
    return arms;
}

void ActionEditor::updateShares()
{
    qint64 total = 0;
    for (const ArmRow &arm : std::as_const(m_arms))
        total += arm.weight->value();
    for (const ArmRow &arm : std::as_const(m_arms)) {
        const double share = total > 0 ? 100.0 * arm.weight->value() / static_cast<double>(total) : 0.0;
        arm.share->setText(QStringLiteral("%1%").arg(share, 0, 'f', share == static_cast<int>(share) ? 0 : 1));
    }
    for (const ArmRow &arm : std::as_const(m_arms))
        arm.remove->setEnabled(m_arms.size() > 1);
}

bool ActionEditor::isSplit() const
{
    return m_split->isChecked();
}

bool ActionEditor::isForward() const
{
    return m_forward->isChecked();
}

QString ActionEditor::shareText(int arm) const
{
    return arm >= 0 && arm < m_arms.size() ? m_arms.at(arm).share->text() : QString();
}

bool ActionEditor::hasError() const
{
    return m_error->isError();
}

QString ActionEditor::errorText() const
{
    return m_error->isError() ? m_error->text() : QString();
}

void ActionEditor::userEdited()
{
    if (m_loading)
        return;
    updateShares();
    validate(true);
}

void ActionEditor::validate(bool emitValid)
{
    QJsonObject rule;
    if (m_split->isChecked()) {
        QJsonArray arms;
        for (const rules::SplitArm &arm : this->arms())
            arms.append(
                QJsonObject {{QStringLiteral("template"), arm.templateId}, {QStringLiteral("weight"), arm.weight}});
        rule.insert(QStringLiteral("split"), arms);
    } else if (m_forward->isChecked()) {
        rule.insert(QStringLiteral("forward"), m_forwardEditor->forward().toJson());
    } else {
        rule.insert(QStringLiteral("template"), m_template->currentData().toString());
    }
    QList<base::LoadError> errors;
    const std::optional<rules::RuleAction> action = rules::RuleAction::fromJson(rule, QStringLiteral("$"), errors);
    if (!action) {
        QStringList messages;
        for (const base::LoadError &error : errors)
            messages.append(error.message);
        if (m_templates.isEmpty())
            messages.prepend(tr("The workspace has no templates yet; add one in the templates editor."));
        m_error->showError(tr("Not saved: %1").arg(messages.join(QLatin1Char(' '))));
        return;
    }
    QStringList missing;
    for (const QString &id : action->templateIds()) {
        const bool known = std::any_of(m_templates.cbegin(), m_templates.cend(),
                                       [&id](const QPair<QString, QString> &entry) { return entry.first == id; });
        if (!known && !missing.contains(id))
            missing.append(id);
    }
    if (!missing.isEmpty())
        m_error->showWarning(tr("No template has the id %1: pick another, or the workspace will not open again "
                                "after saving.")
                                 .arg(missing.join(QStringLiteral(", "))));
    else
        m_error->clearMessage();
    if (emitValid)
        Q_EMIT actionEdited(*action);
}

} // namespace dockside::ui
