// SPDX-License-Identifier: GPL-3.0-or-later

#include "overrideform.h"

#include "rules/inlinemessage.h"

#include "contract/assistantsettings.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScopedValueRollback>
#include <QSpinBox>
#include <QStringListModel>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {

enum FieldColumn { NameColumn, TypeColumn, AllowedColumn, DescriptionColumn, FieldColumnCount };

QPlainTextEdit *textBox(QWidget *parent, const QString &objectName, int lines, const QString &placeholder)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(objectName);
    edit->setTabChangesFocus(true);
    edit->setPlaceholderText(placeholder);
    // A few lines show a typical text; a longer one scrolls inside instead of pushing the other fields away.
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * lines + 12);
    return edit;
}

void setTextKeepingCursor(QPlainTextEdit *edit, const QString &text)
{
    if (edit->toPlainText() != text)
        edit->setPlainText(text);
}

void setTextKeepingCursor(QLineEdit *edit, const QString &text)
{
    if (edit->text() != text)
        edit->setText(text);
}

QString linkTo(const QString &jsonPath, const QString &text)
{
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(jsonPath.toHtmlEscaped(), text.toHtmlEscaped());
}

} // namespace

OverrideForm::OverrideForm(QWidget *parent)
    : QWidget(parent)
    , m_unavailable(new QLabel(this))
    , m_content(new QWidget(this))
    , m_kind(new QButtonGroup(this))
{
    setObjectName(QStringLiteral("overrideForm"));
    m_unavailable->setObjectName(QStringLiteral("overrideFormUnavailable"));
    m_unavailable->setWordWrap(true);
    m_unavailable->setTextFormat(Qt::PlainText);
    m_unavailable->hide();

    auto *kindBox = new QGroupBox(tr("The answer"), m_content);
    auto *kindLayout = new QVBoxLayout(kindBox);
    const auto kindButton = [&](const QString &text, const QString &name, const QString &tip, AnswerKind kind) {
        auto *button = new QRadioButton(text, kindBox);
        button->setObjectName(name);
        button->setToolTip(tip);
        m_kind->addButton(button, static_cast<int>(kind));
        kindLayout->addWidget(button);
    };
    kindButton(tr("Answer with the &default assistant"), QStringLiteral("answerDefault"),
               tr("Answers {}: the call goes ahead with the workspace's default assistant"),
               AnswerKind::DefaultAssistant);
    kindButton(tr("Answer with &overrides"), QStringLiteral("answerOverrides"),
               tr("Changes the greeting, model, prompt, duration or analysis for this call"), AnswerKind::Overrides);
    kindButton(tr("Re&ject the call"), QStringLiteral("answerReject"),
               tr("Answers with an error: the caller hears the sentence and the call ends"), AnswerKind::Reject);
    connect(m_kind, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (!checked)
            return;
        updateVisibility();
        userEdited();
    });

    m_problems = new InlineMessage(m_content);
    m_problems->setObjectName(QStringLiteral("overrideFormProblems"));
    m_problems->setTextFormat(Qt::RichText);
    m_problems->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_problems, &QLabel::linkActivated, this, &OverrideForm::showPathRequested);
    m_kept = new QLabel(m_content);
    m_kept->setObjectName(QStringLiteral("overrideFormKept"));
    m_kept->setWordWrap(true);
    m_kept->setTextFormat(Qt::RichText);
    m_kept->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_kept->setForegroundRole(QPalette::PlaceholderText);
    connect(m_kept, &QLabel::linkActivated, this, &OverrideForm::showPathRequested);

    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_problems);
    contentLayout->addWidget(kindBox);
    contentLayout->addWidget(buildOverridesGroup());
    contentLayout->addWidget(buildRejectGroup());
    contentLayout->addWidget(buildTemplateGroup());
    contentLayout->addWidget(m_kept);
    contentLayout->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_unavailable);
    layout->addWidget(m_content, 1);
    m_kind->button(static_cast<int>(AnswerKind::DefaultAssistant))->setChecked(true);
    updateVisibility();
}

OverrideForm::~OverrideForm() = default;

QWidget *OverrideForm::buildTemplateGroup()
{
    auto *box = new QGroupBox(tr("The template"), m_content);
    m_name = new QLineEdit(box);
    m_name->setObjectName(QStringLiteral("formName"));
    m_name->setToolTip(tr("The name the templates list and the rules show"));
    m_status = new QSpinBox(box);
    m_status->setObjectName(QStringLiteral("formStatus"));
    m_status->setRange(100, 599);
    m_status->setToolTip(tr("The HTTP status the mock answers with; anything but 2xx makes the platform use the "
                            "default assistant"));
    m_delay = new QSpinBox(box);
    m_delay->setObjectName(QStringLiteral("formDelay"));
    m_delay->setRange(0, 600000);
    m_delay->setSingleStep(100);
    m_delay->setSuffix(tr(" ms"));
    m_delay->setSpecialValueText(tr("answers at once"));
    m_delay->setToolTip(tr("How long the mock waits before it answers; past 5 s the platform has given up"));
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Status code:"), m_status);
    form->addRow(tr("Delay:"), m_delay);
    connect(m_name, &QLineEdit::textEdited, this, &OverrideForm::userEdited);
    connect(m_status, &QSpinBox::valueChanged, this, &OverrideForm::userEdited);
    connect(m_delay, &QSpinBox::valueChanged, this, &OverrideForm::userEdited);
    return box;
}

QWidget *OverrideForm::buildOverridesGroup()
{
    m_overrides = new QGroupBox(tr("Overrides for this call"), m_content);
    m_overrides->setObjectName(QStringLiteral("formOverrides"));
    QWidget *box = m_overrides;

    m_greeting = textBox(box, QStringLiteral("formGreeting"), 3, tr("Empty: the default assistant's greeting"));
    m_greeting->setToolTip(tr("What the caller hears first; placeholders such as {{contact.name}} are filled in "
                              "for each caller"));
    m_greetingPreview = new QLabel(box);
    m_greetingPreview->setObjectName(QStringLiteral("formGreetingPreview"));
    m_greetingPreview->setWordWrap(true);
    m_greetingPreview->setTextFormat(Qt::PlainText);
    m_greetingPreview->setForegroundRole(QPalette::PlaceholderText);
    auto *greetingRow = new QHBoxLayout;
    greetingRow->addWidget(m_greeting, 1);
    greetingRow->addWidget(placeholderButton(m_greeting), 0, Qt::AlignTop);
    auto *greeting = new QVBoxLayout;
    greeting->addLayout(greetingRow);
    greeting->addWidget(m_greetingPreview);

    m_provider = new QComboBox(box);
    m_provider->setObjectName(QStringLiteral("formProvider"));
    m_provider->addItem(tr("(the default assistant's)"), QString());
    for (const QString &provider : contract::knownLlmProviders())
        m_provider->addItem(contract::providerDisplayName(provider), provider);
    m_provider->setToolTip(tr("The language model's provider for this call; the default assistant's when not set"));
    m_model = new QLineEdit(box);
    m_model->setObjectName(QStringLiteral("formModel"));
    m_model->setPlaceholderText(tr("(the default assistant's)"));
    m_model->setToolTip(tr("The model's name; suggestions are the models this workspace uses and common ones"));
    m_model->setCompleter(new QCompleter(new QStringListModel(m_model), m_model));
    m_model->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_model->completer()->setFilterMode(Qt::MatchContains);
    m_systemPrompt = textBox(box, QStringLiteral("formSystemPrompt"), 5, tr("Empty: the default assistant's prompt"));
    m_systemPrompt->setToolTip(tr("How the assistant behaves on this call"));
    auto *promptRow = new QHBoxLayout;
    promptRow->addWidget(m_systemPrompt, 1);
    promptRow->addWidget(placeholderButton(m_systemPrompt), 0, Qt::AlignTop);

    m_minutes = new QSpinBox(box);
    m_minutes->setObjectName(QStringLiteral("formMinutes"));
    m_minutes->setRange(0, 24 * 60);
    m_minutes->setSuffix(tr(" min"));
    m_seconds = new QSpinBox(box);
    m_seconds->setObjectName(QStringLiteral("formSeconds"));
    m_seconds->setRange(0, 59);
    m_seconds->setSuffix(tr(" s"));
    m_minutes->setToolTip(tr("The call ends after this long; 0 min 0 s sets no limit"));
    m_seconds->setToolTip(m_minutes->toolTip());
    m_durationHint = new QLabel(box);
    m_durationHint->setObjectName(QStringLiteral("formDurationHint"));
    m_durationHint->setForegroundRole(QPalette::PlaceholderText);
    auto *duration = new QHBoxLayout;
    duration->addWidget(m_minutes);
    duration->addWidget(m_seconds);
    duration->addWidget(m_durationHint, 1);

    m_analysis = new QCheckBox(tr("E&xtract structured data after the call"), box);
    m_analysis->setObjectName(QStringLiteral("formAnalysis"));
    m_analysis->setToolTip(tr("After the call the platform fills these fields from the transcript and sends them "
                              "in the end-of-call report"));
    m_fields = new QTableWidget(0, FieldColumnCount, box);
    m_fields->setObjectName(QStringLiteral("formFields"));
    m_fields->setHorizontalHeaderLabels({tr("Name"), tr("Type"), tr("Allowed values"), tr("Description")});
    m_fields->horizontalHeaderItem(AllowedColumn)
        ->setToolTip(tr("Separated by commas; empty allows any value of the type"));
    m_fields->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    m_fields->verticalHeader()->hide();
    m_fields->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Room for a few fields; more scroll inside the table.
    m_fields->setFixedHeight(m_fields->horizontalHeader()->sizeHint().height() +
                             m_fields->verticalHeader()->defaultSectionSize() * 4 + 2 * m_fields->frameWidth());
    m_addField = new QPushButton(tr("Add F&ield"), box);
    m_addField->setObjectName(QStringLiteral("formAddField"));
    m_removeField = new QPushButton(tr("Remove Field"), box);
    m_removeField->setObjectName(QStringLiteral("formRemoveField"));
    auto *fieldButtons = new QHBoxLayout;
    fieldButtons->addWidget(m_addField);
    fieldButtons->addWidget(m_removeField);
    fieldButtons->addStretch(1);
    auto *analysis = new QVBoxLayout;
    analysis->addWidget(m_analysis);
    analysis->addWidget(m_fields);
    analysis->addLayout(fieldButtons);

    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Labels of rows that hold a layout get their buddy by hand, so their mnemonic works instead of showing "&".
    const auto buddyLabel = [box](const QString &text, QWidget *buddy) {
        auto *label = new QLabel(text, box);
        label->setBuddy(buddy);
        return label;
    };
    form->addRow(buddyLabel(tr("&Greeting:"), m_greeting), greeting);
    form->addRow(tr("Provider:"), m_provider);
    form->addRow(tr("&Model:"), m_model);
    form->addRow(buddyLabel(tr("S&ystem prompt:"), m_systemPrompt), promptRow);
    form->addRow(buddyLabel(tr("D&uration limit:"), m_minutes), duration);
    form->addRow(tr("Analysis:"), analysis);

    connect(m_greeting, &QPlainTextEdit::textChanged, this, &OverrideForm::userEdited);
    connect(m_provider, &QComboBox::currentIndexChanged, this, &OverrideForm::userEdited);
    connect(m_model, &QLineEdit::textChanged, this, &OverrideForm::userEdited);
    connect(m_systemPrompt, &QPlainTextEdit::textChanged, this, &OverrideForm::userEdited);
    for (QSpinBox *spin : {m_minutes, m_seconds}) {
        connect(spin, &QSpinBox::valueChanged, this, [this] {
            updateDurationHint();
            userEdited();
        });
    }
    connect(m_analysis, &QCheckBox::toggled, this, [this] {
        updateVisibility();
        userEdited();
    });
    connect(m_fields, &QTableWidget::itemChanged, this, &OverrideForm::userEdited);
    connect(m_fields, &QTableWidget::itemSelectionChanged, this, &OverrideForm::updateVisibility);
    connect(m_addField, &QPushButton::clicked, this, &OverrideForm::addField);
    connect(m_removeField, &QPushButton::clicked, this, &OverrideForm::removeSelectedFields);
    updateDurationHint();
    return box;
}

QWidget *OverrideForm::buildRejectGroup()
{
    m_reject = new QGroupBox(tr("Rejection"), m_content);
    m_reject->setObjectName(QStringLiteral("formReject"));
    m_rejection =
        textBox(m_reject, QStringLiteral("formRejection"), 3, tr("What the caller hears before the call ends"));
    m_rejection->setToolTip(tr("The platform speaks this sentence and ends the call"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_rejection, 1);
    row->addWidget(placeholderButton(m_rejection), 0, Qt::AlignTop);
    auto *form = new QFormLayout(m_reject);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *label = new QLabel(tr("&Sentence the caller hears:"), m_reject);
    label->setBuddy(m_rejection);
    form->addRow(label, row);
    connect(m_rejection, &QPlainTextEdit::textChanged, this, &OverrideForm::userEdited);
    return m_reject;
}

QToolButton *OverrideForm::placeholderButton(QPlainTextEdit *target)
{
    auto *button = new QToolButton(target->parentWidget());
    button->setObjectName(target->objectName() + QStringLiteral("Placeholder"));
    button->setText(QStringLiteral("{{…}}"));
    button->setToolTip(tr("Insert a placeholder, such as the caller's name from the contacts"));
    button->setAccessibleName(tr("Insert placeholder"));
    button->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(button);
    connect(menu, &QMenu::aboutToShow, this, [this, menu, target] {
        menu->clear();
        // The caller's own fields first: they are what a greeting is usually personalised with.
        QStringList names = m_placeholders;
        std::stable_partition(names.begin(), names.end(),
                              [](const QString &name) { return name.startsWith(QLatin1String("contact.")); });
        for (const QString &name : std::as_const(names)) {
            QAction *action = menu->addAction(QStringLiteral("{{%1}}").arg(name));
            connect(action, &QAction::triggered, this, [this, target, name] { insertPlaceholder(target, name); });
        }
        if (names.isEmpty())
            menu->addAction(tr("No placeholders known"))->setEnabled(false);
    });
    button->setMenu(menu);
    return button;
}

void OverrideForm::insertPlaceholder(QPlainTextEdit *target, const QString &name)
{
    target->insertPlainText(QStringLiteral("{{%1}}").arg(name));
    target->setFocus();
}

void OverrideForm::addField()
{
    {
        const QScopedValueRollback guard(m_loading, true);
        appendFieldRow({});
    }
    const int row = m_fields->rowCount() - 1;
    m_fields->setCurrentCell(row, NameColumn);
    m_fields->editItem(m_fields->item(row, NameColumn));
    updateVisibility();
    userEdited();
}

void OverrideForm::removeSelectedFields()
{
    QList<int> rows;
    for (const QModelIndex &index : m_fields->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty() && m_fields->currentRow() >= 0)
        rows.append(m_fields->currentRow());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (const int row : std::as_const(rows))
        m_fields->removeRow(row);
    updateVisibility();
    userEdited();
}

void OverrideForm::appendFieldRow(const StructuredField &field)
{
    const int row = m_fields->rowCount();
    m_fields->insertRow(row);
    m_fields->setItem(row, NameColumn, new QTableWidgetItem(field.name));
    m_fields->setItem(row, AllowedColumn, new QTableWidgetItem(field.allowedValues.join(QStringLiteral(", "))));
    m_fields->setItem(row, DescriptionColumn, new QTableWidgetItem(field.description));
    auto *type = new QComboBox(m_fields);
    type->setObjectName(QStringLiteral("formFieldType"));
    type->addItems(structuredFieldTypes());
    type->setCurrentText(field.type);
    type->setFrame(false);
    m_fields->setCellWidget(row, TypeColumn, type);
    connect(type, &QComboBox::currentIndexChanged, this, &OverrideForm::userEdited);
}

QList<StructuredField> OverrideForm::fields() const
{
    QList<StructuredField> result;
    for (int row = 0; row < m_fields->rowCount(); ++row) {
        StructuredField field;
        field.name = m_fields->item(row, NameColumn)->text().trimmed();
        if (const auto *type = qobject_cast<QComboBox *>(m_fields->cellWidget(row, TypeColumn)))
            field.type = type->currentText();
        for (const QString &value : m_fields->item(row, AllowedColumn)->text().split(QLatin1Char(','))) {
            if (!value.trimmed().isEmpty())
                field.allowedValues.append(value.trimmed());
        }
        field.description = m_fields->item(row, DescriptionColumn)->text();
        result.append(field);
    }
    return result;
}

void OverrideForm::load(const AnswerReading &reading)
{
    const QScopedValueRollback guard(m_loading, true);
    m_reading = reading;
    m_available = reading.unsupported.isEmpty();
    m_unavailable->setText(reading.unsupported);
    m_unavailable->setVisible(!m_available);
    m_content->setEnabled(m_available);

    const AnswerDraft &draft = reading.draft;
    m_kind->button(static_cast<int>(draft.kind))->setChecked(true);
    setTextKeepingCursor(m_name, draft.name);
    m_status->setValue(draft.status);
    m_delay->setValue(draft.delayMs);
    setTextKeepingCursor(m_greeting, draft.greeting);
    int providerIndex = m_provider->findData(draft.provider);
    if (providerIndex < 0) {
        // An unknown provider stays visible (the validation says why) instead of vanishing from the answer.
        m_provider->addItem(contract::staleLlmProviders().contains(draft.provider)
                                ? tr("%1 (earlier SDKs only)").arg(contract::providerDisplayName(draft.provider))
                                : tr("%1 (unknown)").arg(draft.provider),
                            draft.provider);
        providerIndex = m_provider->count() - 1;
    }
    m_provider->setCurrentIndex(providerIndex);
    setTextKeepingCursor(m_model, draft.model);
    setTextKeepingCursor(m_systemPrompt, draft.systemPrompt);
    m_minutes->setValue(draft.maxDurationSeconds / 60);
    m_seconds->setValue(draft.maxDurationSeconds % 60);
    m_analysis->setChecked(draft.analysisEnabled);
    if (fields() != draft.fields) {
        m_fields->setRowCount(0);
        for (const StructuredField &field : draft.fields)
            appendFieldRow(field);
    }
    setTextKeepingCursor(m_rejection, draft.rejection);

    QStringList kept;
    for (const QString &path : reading.keptPaths)
        kept.append(linkTo(path, path.mid(2)));
    m_kept->setText(kept.isEmpty() ? QString()
                                   : tr("Also in this template, kept as they are (edit them in JSON): %1")
                                         .arg(kept.join(QStringLiteral(", "))));
    m_kept->setVisible(!kept.isEmpty());
    updateDurationHint();
    updateVisibility();
}

void OverrideForm::setUnavailable(const QString &reason)
{
    m_available = false;
    m_unavailable->setText(reason);
    m_unavailable->show();
    m_content->setEnabled(false);
}

AnswerDraft OverrideForm::draft() const
{
    AnswerDraft draft;
    draft.kind = static_cast<AnswerKind>(m_kind->checkedId());
    draft.name = m_name->text();
    draft.status = m_status->value();
    draft.delayMs = m_delay->value();
    draft.greeting = m_greeting->toPlainText();
    draft.provider = m_provider->currentData().toString();
    draft.model = m_model->text();
    draft.systemPrompt = m_systemPrompt->toPlainText();
    draft.maxDurationSeconds = m_minutes->value() * 60 + m_seconds->value();
    draft.analysisEnabled = m_analysis->isChecked();
    draft.fields = fields();
    draft.rejection = m_rejection->toPlainText();
    return draft;
}

void OverrideForm::setProblems(const QList<DraftProblem> &problems)
{
    QStringList plain;
    QStringList rich;
    for (const DraftProblem &problem : problems) {
        plain.append(problem.text);
        rich.append(problem.text.toHtmlEscaped() + QStringLiteral(" ") + linkTo(problem.jsonPath, tr("Show in JSON")));
    }
    m_problemText = plain.join(QLatin1Char('\n'));
    if (problems.isEmpty())
        m_problems->clearMessage();
    else
        m_problems->showError(tr("Not written into the template yet:") + QStringLiteral("<br>") +
                              rich.join(QStringLiteral("<br>")));
}

QString OverrideForm::problemText() const
{
    return m_problemText;
}

QString OverrideForm::keptText() const
{
    return m_reading.keptPaths.join(QStringLiteral(", "));
}

void OverrideForm::setPlaceholderNames(const QStringList &names)
{
    m_placeholders = names;
}

void OverrideForm::setModelSuggestions(const QStringList &models)
{
    static_cast<QStringListModel *>(m_model->completer()->model())->setStringList(models);
}

void OverrideForm::setGreetingPreview(const QString &who, const QString &heard)
{
    m_greetingPreview->setText(heard.isEmpty() ? QString() : tr("%1 hears: “%2”").arg(who, heard));
    m_greetingPreview->setVisible(!heard.isEmpty());
}

void OverrideForm::updateVisibility()
{
    const auto kind = static_cast<AnswerKind>(m_kind->checkedId());
    m_overrides->setVisible(kind == AnswerKind::Overrides);
    m_reject->setVisible(kind == AnswerKind::Reject);
    // The table only when it has something to say: an analysis switched on, or fields kept while it is off.
    const bool showFields = m_analysis->isChecked() || m_fields->rowCount() > 0;
    m_fields->setVisible(showFields);
    m_addField->setVisible(showFields);
    m_removeField->setVisible(showFields);
    m_removeField->setEnabled(m_fields->currentRow() >= 0);
}

void OverrideForm::updateDurationHint()
{
    const int seconds = m_minutes->value() * 60 + m_seconds->value();
    m_durationHint->setText(seconds == 0 ? tr("no limit of its own: the default assistant's applies")
                                         : tr("the call ends after %1 s").arg(seconds));
}

void OverrideForm::userEdited()
{
    if (!m_loading && m_available)
        Q_EMIT edited();
}

} // namespace dockside::ui
