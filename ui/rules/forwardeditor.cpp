// SPDX-License-Identifier: GPL-3.0-or-later

#include "forwardeditor.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {
// The late-answer choice's first item; the others carry a template id.
constexpr int kFaithfulIndex = 0;
} // namespace

ForwardEditor::ForwardEditor(QWidget *parent)
    : QWidget(parent)
    , m_url(new QLineEdit(this))
    , m_late(new QComboBox(this))
{
    m_url->setObjectName(QStringLiteral("forwardUrl"));
    m_late->setObjectName(QStringLiteral("forwardLate"));
    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:3000/webhook"));
    m_url->setToolTip(tr("Your own webhook: requests go there byte for byte (path suffix, query, headers and body), "
                         "and its answer comes back byte for byte"));
    m_url->setClearButtonEnabled(true);
    m_late->setToolTip(tr("When your webhook misses the platform's deadline. Faithful: the caller gets what your "
                          "webhook did (late answer, error or closed connection) and the history records the "
                          "platform's timeout. A template: it answers at the deadline, and the history says so."));
    m_late->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_late->setMinimumContentsLength(24);
    m_late->addItem(tr("When late: pass its answer on, as it comes"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_url);
    layout->addWidget(m_late);

    const auto userEdited = [this] {
        if (!m_loading)
            Q_EMIT edited();
    };
    connect(m_url, &QLineEdit::textEdited, this, userEdited);
    connect(m_late, &QComboBox::currentIndexChanged, this, userEdited);
}

ForwardEditor::~ForwardEditor() = default;

void ForwardEditor::setTemplates(const QList<QPair<QString, QString>> &templates)
{
    const bool loading = m_loading;
    m_loading = true;
    const QString selected = m_late->currentData().toString();
    while (m_late->count() > 1)
        m_late->removeItem(m_late->count() - 1);
    for (const auto &[id, name] : templates) {
        m_late->addItem(tr("When late: answer with “%1”").arg(name.isEmpty() ? id : name), id);
        m_late->setItemData(m_late->count() - 1, tr("Template id: %1").arg(id), Qt::ToolTipRole);
    }
    selectLate(selected);
    m_loading = loading;
}

void ForwardEditor::selectLate(const QString &templateId)
{
    if (templateId.isEmpty()) {
        m_late->setCurrentIndex(kFaithfulIndex);
        return;
    }
    int index = m_late->findData(templateId);
    if (index < 0) {
        // Keep a reference the workspace cannot satisfy visible instead of quietly picking another template.
        m_late->addItem(tr("When late: ⚠ missing template %1").arg(templateId), templateId);
        index = m_late->count() - 1;
    }
    m_late->setCurrentIndex(index);
}

void ForwardEditor::setForward(const rules::ForwardTo &forward)
{
    m_loading = true;
    m_url->setText(forward.url);
    selectLate(forward.fallback ? forward.fallbackTemplateId : QString());
    m_loading = false;
}

rules::ForwardTo ForwardEditor::forward() const
{
    rules::ForwardTo forward;
    forward.url = m_url->text().trimmed();
    forward.fallback = m_late->currentIndex() != kFaithfulIndex;
    if (forward.fallback)
        forward.fallbackTemplateId = m_late->currentData().toString();
    return forward;
}

} // namespace dockside::ui
