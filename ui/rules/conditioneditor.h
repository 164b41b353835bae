// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "rules/condition.h"

#include <QJsonObject>
#include <QList>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace dockside::ui {

class BusinessHoursEditor;
class InlineMessage;
class StringListEditor;

// Edits one rule condition with the fields its kind has: a text comparison (exact, prefix, contains, list,
// regex, present) for the event type, caller and called numbers and headers; business hours; a JSON pointer;
// a contact field. Every change is checked by the core's Condition::fromJson: a valid condition is emitted,
// an invalid one is shown as an error under the fields and not emitted.
class ConditionEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConditionEditor)

public:
    explicit ConditionEditor(QWidget *parent = nullptr);
    ~ConditionEditor() override;

    void setCondition(const rules::Condition &condition);
    // What the fields say now, as the condition's JSON.
    QJsonObject json() const;
    bool hasError() const;
    QString errorText() const;
    BusinessHoursEditor *businessHoursEditor() const { return m_hours; }

    // "Caller number", "Business hours", ...
    static QString kindLabel(rules::Condition::Kind kind);
    // A valid condition of that kind to start from.
    static QJsonObject defaultJson(rules::Condition::Kind kind);

Q_SIGNALS:
    // Only for the user's changes, and only with a valid condition.
    void conditionEdited(const dockside::rules::Condition &condition);

private:
    QWidget *buildTextPage();
    QWidget *buildPointerPage();
    QWidget *buildContactFieldPage();
    QWidget *buildSignaturePage();
    void showPage(QWidget *page);
    void loadText(const QJsonObject &json);
    void updateVisibleRows();
    void userEdited();
    void validate(bool emitValid);

    rules::Condition::Kind m_kind = rules::Condition::Kind::Event;
    QLabel *m_title = nullptr;
    QCheckBox *m_negate = nullptr;
    QList<QWidget *> m_pages;

    QWidget *m_textPage = nullptr;
    QFormLayout *m_textForm = nullptr;
    QLineEdit *m_headerName = nullptr;
    QComboBox *m_mode = nullptr;
    QString m_lastMode;
    QLineEdit *m_value = nullptr;
    StringListEditor *m_values = nullptr;
    QLabel *m_textHint = nullptr;

    BusinessHoursEditor *m_hours = nullptr;

    QWidget *m_pointerPage = nullptr;
    QLineEdit *m_pointer = nullptr;
    QRadioButton *m_pointerExists = nullptr;
    QRadioButton *m_pointerEquals = nullptr;
    QLineEdit *m_pointerValue = nullptr;
    QLabel *m_pointerHint = nullptr;

    QWidget *m_contactKnownPage = nullptr;

    QWidget *m_contactFieldPage = nullptr;
    QWidget *m_signaturePage = nullptr;
    QComboBox *m_signatureValue = nullptr;
    QFormLayout *m_contactForm = nullptr;
    QComboBox *m_field = nullptr;
    QLineEdit *m_fieldValue = nullptr;
    QComboBox *m_fieldVip = nullptr;

    InlineMessage *m_error = nullptr;
    bool m_loading = false;
};

} // namespace dockside::ui
