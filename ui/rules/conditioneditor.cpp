// SPDX-License-Identifier: GPL-3.0-or-later

#include "conditioneditor.h"

#include "businesshourseditor.h"
#include "inlinemessage.h"
#include "stringlisteditor.h"

#include "base/parsing.h"
#include "contacts/contact.h"
#include "contract/answervalidator.h"
#include "contract/callevent.h"
#include "contract/signature.h"
#include "workspace/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QTimeZone>
#include <QVBoxLayout>

namespace dockside::ui {

using Kind = rules::Condition::Kind;

namespace {

const QString kKind = QStringLiteral("kind");
const QString kNegate = QStringLiteral("negate");
const QString kEquals = QStringLiteral("equals");
const QString kExists = QStringLiteral("exists");
const QString kIn = QStringLiteral("in");

bool isTextKind(Kind kind)
{
    return kind == Kind::Event || kind == Kind::Caller || kind == Kind::Called || kind == Kind::Header;
}

bool isNumberKind(Kind kind)
{
    return kind == Kind::Caller || kind == Kind::Called;
}

// What the user typed as the value of "equals": JSON when it reads as JSON (42, true, "quoted", {...}), else text.
QJsonValue parseLooseJson(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + QByteArray("]"), &error);
    if (error.error == QJsonParseError::NoError && document.array().size() == 1)
        return document.array().first();
    return text;
}

QString looseJsonText(const QJsonValue &value)
{
    if (value.isString() && parseLooseJson(value.toString()) == value)
        return value.toString();
    const QByteArray json = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

QString contactFieldLabel(const QString &field)
{
    if (field == QLatin1String("number"))
        return ConditionEditor::tr("Number");
    if (field == QLatin1String("name"))
        return ConditionEditor::tr("Name");
    if (field == QLatin1String("customer_since"))
        return ConditionEditor::tr("Customer since");
    if (field == QLatin1String("notes"))
        return ConditionEditor::tr("Notes");
    if (field == QLatin1String("language"))
        return ConditionEditor::tr("Language");
    if (field == QLatin1String("vip"))
        return ConditionEditor::tr("VIP");
    return field;
}

} // namespace

QString ConditionEditor::kindLabel(Kind kind)
{
    switch (kind) {
    case Kind::Event:
        return tr("Event type");
    case Kind::Caller:
        return tr("Caller number");
    case Kind::Called:
        return tr("Called number");
    case Kind::BusinessHours:
        return tr("Business hours");
    case Kind::Header:
        return tr("Request header");
    case Kind::JsonPointer:
        return tr("JSON pointer in the body");
    case Kind::ContactKnown:
        return tr("Caller is a known contact");
    case Kind::ContactField:
        return tr("Caller's contact field");
    case Kind::Signature:
        return tr("Signature check");
    }
    return {};
}

QJsonObject ConditionEditor::defaultJson(Kind kind)
{
    QJsonObject json {{kKind, rules::Condition::kindName(kind)}};
    switch (kind) {
    case Kind::Event:
        json.insert(kEquals, contract::eventTypeName(contract::EventType::AssistantRequest));
        break;
    case Kind::Caller:
        json.insert(QStringLiteral("prefix"), QStringLiteral("+31"));
        break;
    case Kind::Called:
        json.insert(kEquals, QStringLiteral("+31850835037"));
        break;
    case Kind::BusinessHours: {
        QString zone = QString::fromLatin1(QTimeZone::systemTimeZoneId());
        if (zone.isEmpty() || !QTimeZone(zone.toLatin1()).isValid())
            zone = QStringLiteral("Europe/Amsterdam");
        json.insert(QStringLiteral("zone"), zone);
        json.insert(
            QStringLiteral("hours"),
            QJsonArray {QJsonObject {{QStringLiteral("days"),
                                      QJsonArray {QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
                                                  QStringLiteral("thu"), QStringLiteral("fri")}},
                                     {QStringLiteral("windows"), QJsonArray {QStringLiteral("09:00-17:00")}}}});
        break;
    }
    case Kind::Header:
        json.insert(QStringLiteral("name"), QStringLiteral("X-Tenant"));
        json.insert(kExists, true);
        break;
    case Kind::JsonPointer:
        json.insert(QStringLiteral("pointer"), QStringLiteral("/message/call/type"));
        json.insert(kEquals, QStringLiteral("inbound_phone_call"));
        break;
    case Kind::ContactKnown:
        break;
    case Kind::ContactField:
        json.insert(QStringLiteral("field"), QStringLiteral("vip"));
        json.insert(kEquals, true);
        break;
    case Kind::Signature:
        json.insert(kEquals, QStringLiteral("invalid"));
        break;
    }
    return json;
}

ConditionEditor::ConditionEditor(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_negate(new QCheckBox(this))
    , m_hours(new BusinessHoursEditor(this))
    , m_error(new InlineMessage(this))
{
    m_title->setObjectName(QStringLiteral("conditionTitle"));
    m_negate->setObjectName(QStringLiteral("conditionNegate"));
    m_hours->setObjectName(QStringLiteral("conditionHours"));
    m_error->setObjectName(QStringLiteral("conditionError"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_textPage = buildTextPage();
    m_pointerPage = buildPointerPage();
    m_contactKnownPage = new QLabel(tr("Matches when the caller's number is in the workspace's contacts."), this);
    static_cast<QLabel *>(m_contactKnownPage)->setWordWrap(true);
    m_contactFieldPage = buildContactFieldPage();
    m_signaturePage = buildSignaturePage();
    // Not a QStackedWidget: its height-for-width is the tallest page's, which leaves a gap under a short one.
    m_pages = {m_textPage, m_hours, m_pointerPage, m_contactKnownPage, m_contactFieldPage, m_signaturePage};

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addStretch();
    header->addWidget(m_negate);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    for (QWidget *page : std::as_const(m_pages))
        layout->addWidget(page);
    layout->addWidget(m_error);

    connect(m_negate, &QCheckBox::toggled, this, [this](bool negated) {
        m_hours->setNegated(negated);
        userEdited();
    });
    connect(m_hours, &BusinessHoursEditor::edited, this, &ConditionEditor::userEdited);
}

ConditionEditor::~ConditionEditor() = default;

QWidget *ConditionEditor::buildTextPage()
{
    auto *page = new QWidget(this);
    m_headerName = new QLineEdit(page);
    m_headerName->setObjectName(QStringLiteral("conditionHeaderName"));
    m_headerName->setPlaceholderText(QStringLiteral("X-Tenant"));
    m_mode = new QComboBox(page);
    m_mode->setObjectName(QStringLiteral("conditionMode"));
    m_mode->addItem(tr("is exactly"), kEquals);
    m_mode->addItem(tr("starts with"), QStringLiteral("prefix"));
    m_mode->addItem(tr("contains"), QStringLiteral("contains"));
    m_mode->addItem(tr("is one of"), kIn);
    m_mode->addItem(tr("matches the regular expression"), QStringLiteral("regex"));
    m_mode->addItem(tr("is present"), kExists);
    m_value = new QLineEdit(page);
    m_value->setObjectName(QStringLiteral("conditionValue"));
    m_value->setClearButtonEnabled(true);
    m_values = new StringListEditor(page);
    m_values->setObjectName(QStringLiteral("conditionValues"));
    m_textHint = new QLabel(page);
    m_textHint->setWordWrap(true);
    m_textHint->setForegroundRole(QPalette::PlaceholderText);

    m_textForm = new QFormLayout;
    m_textForm->setContentsMargins(0, 0, 0, 0);
    m_textForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_textForm->addRow(tr("Header name:"), m_headerName);
    m_textForm->addRow(tr("Compare:"), m_mode);
    m_textForm->addRow(tr("Value:"), m_value);
    m_textForm->addRow(tr("Values:"), m_values);
    // Under the form, not in it: a wrapped label in a form row is given room for far more lines than it has.
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addLayout(m_textForm);
    pageLayout->addWidget(m_textHint);

    connect(m_headerName, &QLineEdit::textEdited, this, &ConditionEditor::userEdited);
    connect(m_value, &QLineEdit::textChanged, this, [this] {
        if (!m_loading)
            userEdited();
    });
    connect(m_values, &StringListEditor::itemsChanged, this, &ConditionEditor::userEdited);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        if (m_loading)
            return;
        // Carry a plain value across, so switching between "is exactly" and "is one of" keeps what was typed; a
        // regular expression is no entry for a list.
        const QString mode = m_mode->currentData().toString();
        const bool wasPlain = m_lastMode != kIn && m_lastMode != kExists && m_lastMode != QLatin1String("regex");
        m_loading = true;
        if (mode == kIn && wasPlain && m_values->items().isEmpty() && !m_value->text().trimmed().isEmpty())
            m_values->setItems({m_value->text().trimmed()});
        else if (mode != kIn && mode != kExists && m_lastMode == kIn && !m_values->items().isEmpty())
            m_value->setText(m_values->items().constFirst());
        m_lastMode = mode;
        m_loading = false;
        updateVisibleRows();
        userEdited();
    });
    return page;
}

QWidget *ConditionEditor::buildPointerPage()
{
    auto *page = new QWidget(this);
    m_pointer = new QLineEdit(page);
    m_pointer->setObjectName(QStringLiteral("conditionPointer"));
    m_pointer->setPlaceholderText(QStringLiteral("/message/call/type"));
    m_pointer->setToolTip(tr("An RFC 6901 JSON pointer into the request body: \"/message/call/type\""));
    m_pointerExists = new QRadioButton(tr("exists"), page);
    m_pointerExists->setObjectName(QStringLiteral("conditionPointerExists"));
    m_pointerEquals = new QRadioButton(tr("equals"), page);
    m_pointerEquals->setObjectName(QStringLiteral("conditionPointerEquals"));
    m_pointerValue = new QLineEdit(page);
    m_pointerValue->setObjectName(QStringLiteral("conditionPointerValue"));
    m_pointerValue->setToolTip(tr("A JSON value (42, true, null, \"text\", {...}); anything else is compared as text"));
    m_pointerHint = new QLabel(page);
    m_pointerHint->setForegroundRole(QPalette::PlaceholderText);

    auto *test = new QHBoxLayout;
    test->addWidget(m_pointerExists);
    test->addWidget(m_pointerEquals);
    test->addWidget(m_pointerValue, 1);
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Pointer:"), m_pointer);
    form->addRow(tr("Test:"), test);
    form->addRow(QString(), m_pointerHint);

    connect(m_pointer, &QLineEdit::textEdited, this, &ConditionEditor::userEdited);
    connect(m_pointerValue, &QLineEdit::textEdited, this, &ConditionEditor::userEdited);
    connect(m_pointerEquals, &QRadioButton::toggled, this, [this](bool equals) {
        m_pointerValue->setEnabled(equals);
        userEdited();
    });
    return page;
}

QWidget *ConditionEditor::buildContactFieldPage()
{
    auto *page = new QWidget(this);
    m_field = new QComboBox(page);
    m_field->setObjectName(QStringLiteral("conditionField"));
    for (const QString &field : contacts::Contact::fieldNames())
        m_field->addItem(contactFieldLabel(field), field);
    m_fieldValue = new QLineEdit(page);
    m_fieldValue->setObjectName(QStringLiteral("conditionFieldValue"));
    m_fieldVip = new QComboBox(page);
    m_fieldVip->setObjectName(QStringLiteral("conditionFieldVip"));
    m_fieldVip->addItem(tr("yes"), true);
    m_fieldVip->addItem(tr("no"), false);

    m_contactForm = new QFormLayout(page);
    m_contactForm->setContentsMargins(0, 0, 0, 0);
    m_contactForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_contactForm->addRow(tr("Field:"), m_field);
    m_contactForm->addRow(tr("Is:"), m_fieldValue);
    m_contactForm->addRow(tr("Is:"), m_fieldVip);
    auto *hint = new QLabel(tr("No contact for the caller never matches."), page);
    hint->setForegroundRole(QPalette::PlaceholderText);
    m_contactForm->addRow(QString(), hint);

    connect(m_field, &QComboBox::currentIndexChanged, this, [this] {
        updateVisibleRows();
        userEdited();
    });
    connect(m_fieldValue, &QLineEdit::textEdited, this, &ConditionEditor::userEdited);
    connect(m_fieldVip, &QComboBox::currentIndexChanged, this, &ConditionEditor::userEdited);
    return page;
}

QWidget *ConditionEditor::buildSignaturePage()
{
    auto *page = new QWidget(this);
    auto *layout = new QFormLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    m_signatureValue = new QComboBox(page);
    m_signatureValue->setObjectName(QStringLiteral("conditionSignature"));
    m_signatureValue->addItem(tr("valid"), QStringLiteral("valid"));
    m_signatureValue->addItem(tr("failed (does not verify: invalid or missing)"), QStringLiteral("failed"));
    m_signatureValue->addItem(tr("invalid (wrong secret, stale or malformed)"), QStringLiteral("invalid"));
    m_signatureValue->addItem(tr("missing (no signature or no timestamp header)"), QStringLiteral("missing"));
    m_signatureValue->addItem(tr("unchecked (no secret, or not a VoiceDock event)"), QStringLiteral("unchecked"));
    for (const contract::SignatureStatus status :
         {contract::SignatureStatus::Mismatch, contract::SignatureStatus::StaleTimestamp,
          contract::SignatureStatus::MalformedSignature, contract::SignatureStatus::MalformedTimestamp,
          contract::SignatureStatus::MissingTimestamp, contract::SignatureStatus::MissingSignature})
        m_signatureValue->addItem(tr("exactly: %1").arg(contract::signatureStatusCode(status)),
                                  contract::signatureStatusCode(status));
    layout->addRow(tr("The mock's check is"), m_signatureValue);
    auto *hint = new QLabel(tr("Signatures are checked with the webhook secret (Tools ▸ Webhook Secret…). Put this "
                               "rule first to answer a forged request with 401 before any other rule."),
                            page);
    hint->setWordWrap(true);
    layout->addRow(hint);
    connect(m_signatureValue, &QComboBox::currentIndexChanged, this, &ConditionEditor::userEdited);
    return page;
}

void ConditionEditor::setCondition(const rules::Condition &condition)
{
    m_loading = true;
    m_kind = condition.kind();
    const QJsonObject json = condition.toJson();
    m_title->setText(kindLabel(m_kind));
    m_negate->setChecked(condition.isNegated());
    m_negate->setText(m_kind == Kind::BusinessHours ? tr("Outside these hours") : tr("Negate (match when not)"));
    m_negate->setToolTip(m_kind == Kind::BusinessHours
                             ? tr("Match when the business is closed, e.g. to reject calls after hours")
                             : tr("Match when this test fails"));

    switch (m_kind) {
    case Kind::Event:
    case Kind::Caller:
    case Kind::Called:
    case Kind::Header:
        loadText(json);
        showPage(m_textPage);
        break;
    case Kind::BusinessHours:
        m_hours->setNegated(condition.isNegated());
        m_hours->setJson(json);
        showPage(m_hours);
        break;
    case Kind::JsonPointer: {
        m_pointer->setText(json.value(QStringLiteral("pointer")).toString());
        const bool exists = !json.contains(kEquals);
        m_pointerExists->setChecked(exists);
        m_pointerEquals->setChecked(!exists);
        m_pointerValue->setEnabled(!exists);
        m_pointerValue->setText(exists ? QString() : looseJsonText(json.value(kEquals)));
        showPage(m_pointerPage);
        break;
    }
    case Kind::ContactKnown:
        showPage(m_contactKnownPage);
        break;
    case Kind::ContactField: {
        m_field->setCurrentIndex(m_field->findData(json.value(QStringLiteral("field")).toString()));
        const QJsonValue equals = json.value(kEquals);
        m_fieldVip->setCurrentIndex(equals.toBool() ? 0 : 1);
        m_fieldValue->setText(equals.isString() ? equals.toString() : QString());
        showPage(m_contactFieldPage);
        break;
    }
    case Kind::Signature:
        m_signatureValue->setCurrentIndex(std::max(0, m_signatureValue->findData(json.value(kEquals).toString())));
        showPage(m_signaturePage);
        break;
    }
    updateVisibleRows();
    m_loading = false;
    validate(false);
}

void ConditionEditor::showPage(QWidget *page)
{
    for (QWidget *candidate : std::as_const(m_pages))
        candidate->setVisible(candidate == page);
}

void ConditionEditor::loadText(const QJsonObject &json)
{
    m_headerName->setText(json.value(QStringLiteral("name")).toString());
    QString mode = kEquals;
    for (int i = 0; i < m_mode->count(); ++i) {
        if (json.contains(m_mode->itemData(i).toString()))
            mode = m_mode->itemData(i).toString();
    }
    m_mode->setCurrentIndex(m_mode->findData(mode));
    m_lastMode = mode;
    const QJsonValue value = json.value(mode);
    QStringList values;
    for (const QJsonValue &item : value.toArray())
        values.append(item.toString());
    m_values->setItems(values);
    m_value->setText(value.isString() ? value.toString() : QString());

    auto *completer = m_value->completer();
    if (m_kind == Kind::Event && !completer) {
        QStringList names;
        for (const contract::EventType type : {contract::EventType::AssistantRequest, contract::EventType::StatusUpdate,
                                               contract::EventType::ToolCalls, contract::EventType::EndOfCallReport})
            names.append(contract::eventTypeName(type));
        m_value->setCompleter(new QCompleter(names, m_value));
    } else if (m_kind != Kind::Event && completer) {
        m_value->setCompleter(nullptr);
    }
    m_value->setPlaceholderText(m_kind == Kind::Event        ? QStringLiteral("assistant-request")
                                    : m_kind == Kind::Header ? QStringLiteral("acme")
                                                             : QStringLiteral("+31 6 1234 5678"));
    m_values->setPlaceholderText(isNumberKind(m_kind) ? tr("Type a number and press Enter")
                                                      : tr("Type a value and press Enter"));
    m_textHint->setText(isNumberKind(m_kind)
                            ? tr("Numbers are compared as the contacts store them: spaces, dashes and "
                                 "parentheses are dropped. A regular expression sees the normalised number.")
                            : m_kind == Kind::Header ? tr("Header names ignore letter case; a regular expression "
                                                          "searches anywhere in the value unless anchored with ^ $.")
                                                     : QString());
}

void ConditionEditor::updateVisibleRows()
{
    const QString mode = m_mode->currentData().toString();
    m_textForm->setRowVisible(m_headerName, m_kind == Kind::Header);
    m_textForm->setRowVisible(m_value, mode != kIn && mode != kExists);
    m_textForm->setRowVisible(m_values, mode == kIn);
    m_textHint->setVisible(!m_textHint->text().isEmpty());
    const bool vip = m_field->currentData().toString() == QLatin1String("vip");
    m_contactForm->setRowVisible(m_fieldValue, !vip);
    m_contactForm->setRowVisible(m_fieldVip, vip);
}

QJsonObject ConditionEditor::json() const
{
    QJsonObject json {{kKind, rules::Condition::kindName(m_kind)}};
    if (m_negate->isChecked())
        json.insert(kNegate, true);
    if (isTextKind(m_kind)) {
        if (m_kind == Kind::Header)
            json.insert(QStringLiteral("name"), m_headerName->text().trimmed());
        const QString mode = m_mode->currentData().toString();
        if (mode == kExists)
            json.insert(kExists, true);
        else if (mode == kIn)
            json.insert(kIn, QJsonArray::fromStringList(m_values->items()));
        else
            json.insert(mode, m_kind == Kind::Event ? m_value->text().trimmed() : m_value->text());
    } else if (m_kind == Kind::BusinessHours) {
        m_hours->writeJson(json);
    } else if (m_kind == Kind::JsonPointer) {
        json.insert(QStringLiteral("pointer"), m_pointer->text());
        if (m_pointerEquals->isChecked())
            json.insert(kEquals, parseLooseJson(m_pointerValue->text()));
        else
            json.insert(kExists, true);
    } else if (m_kind == Kind::ContactField) {
        const QString field = m_field->currentData().toString();
        json.insert(QStringLiteral("field"), field);
        json.insert(kEquals,
                    field == QLatin1String("vip") ? QJsonValue(m_fieldVip->currentData().toBool())
                                                  : QJsonValue(m_fieldValue->text()));
    } else if (m_kind == Kind::Signature) {
        json.insert(kEquals, m_signatureValue->currentData().toString());
    }
    return json;
}

bool ConditionEditor::hasError() const
{
    return m_error->isError();
}

QString ConditionEditor::errorText() const
{
    return m_error->isError() ? m_error->text() : QString();
}

void ConditionEditor::userEdited()
{
    if (!m_loading)
        validate(true);
}

void ConditionEditor::validate(bool emitValid)
{
    const QJsonObject json = this->json();
    if (m_kind == Kind::JsonPointer && m_pointerEquals->isChecked())
        m_pointerHint->setText(tr("Compared with %1").arg(base::parsing::describe(json.value(kEquals))));
    else if (m_kind == Kind::JsonPointer)
        m_pointerHint->setText(tr("Matches when the body has any value there, even null"));

    QList<base::LoadError> errors;
    const std::optional<rules::Condition> condition = rules::Condition::fromJson(json, QStringLiteral("$"), errors);
    if (!condition) {
        QStringList messages;
        for (const base::LoadError &error : errors)
            messages.append(error.message);
        m_error->showError(tr("Not saved: %1").arg(messages.join(QLatin1Char(' '))));
        return;
    }
    m_error->clearMessage();
    if (emitValid)
        Q_EMIT conditionEdited(*condition);
}

} // namespace dockside::ui
