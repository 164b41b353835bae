// SPDX-License-Identifier: GPL-3.0-or-later

#include "defaultassistantform.h"

#include "assistantjson.h"
#include "callhandlingeditor.h"
#include "speechsettingseditor.h"

#include "rules/inlinemessage.h"
#include "workspace/workspacedocument.h"

#include "base/jsonlocator.h"
#include "base/orderedjson.h"
#include "contract/assistantsummary.h"
#include "contract/callevent.h"
#include "contract/defaultassistant.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

// QScintilla's headers use the Qt keywords that QT_NO_KEYWORDS switches off.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>
#undef signals
#undef slots

namespace dockside::ui {

namespace {

const QString kFirstMessage = QStringLiteral("first_message");
const QString kLlmConfig = QStringLiteral("llm_config");
const QString kProvider = QStringLiteral("provider");
const QString kModel = QStringLiteral("model");
const QString kMessages = QStringLiteral("messages");
const QString kRole = QStringLiteral("role");
const QString kContent = QStringLiteral("content");
const QString kMaxDuration = QStringLiteral("max_duration_seconds");
const QString kWebhookEvents = QStringLiteral("webhook_events");
const QString kAnalysisPlan = QStringLiteral("analysis_plan");
const QString kStructuredDataPlan = QStringLiteral("structured_data_plan");
const QString kEnabled = QStringLiteral("enabled");
const QString kTemperature = QStringLiteral("temperature");
constexpr double kTemperatureUnset = -0.1; // just below the range: the spin box's "not set"
constexpr int kErrorIndicator = 8;

const std::array<contract::EventType, 4> kEventTypes {contract::EventType::AssistantRequest,
                                                      contract::EventType::StatusUpdate, contract::EventType::ToolCalls,
                                                      contract::EventType::EndOfCallReport};

// The order CONTRACT.md and the built-in assistant use, so the JSON reads like the form beside it.
const base::JsonShape &assistantShape()
{
    using namespace Qt::Literals::StringLiterals;
    static const base::JsonShape message {{"role"_L1, "content"_L1}, {}};
    static const base::JsonShape function {{"name"_L1, "description"_L1, "parameters"_L1}, {}};
    static const base::JsonShape tool {{"type"_L1, "function"_L1, "server"_L1, "async"_L1},
                                       {{"function"_L1, &function}}};
    static const base::JsonShape llm {
        {"provider"_L1, "model"_L1, "voice"_L1, "temperature"_L1, "messages"_L1, "tools"_L1},
        {{"messages"_L1, &message}, {"tools"_L1, &tool}}};
    static const base::JsonShape stt {{"provider"_L1, "model"_L1, "language"_L1, "keyterms"_L1}, {}};
    static const base::JsonShape tts {{"provider"_L1, "voice_id"_L1, "model"_L1, "language"_L1, "stability"_L1,
                                       "similarity_boost"_L1, "style"_L1, "use_speaker_boost"_L1, "speed"_L1},
                                      {}};
    static const base::JsonShape structured {{"enabled"_L1, "schema"_L1, "messages"_L1, "template_id"_L1},
                                             {{"messages"_L1, &message}}};
    static const base::JsonShape analysis {{"structured_data_plan"_L1}, {{"structured_data_plan"_L1, &structured}}};
    static const base::JsonShape shape {
        {"name"_L1, "business_name"_L1, "first_message"_L1, "stt_config"_L1, "llm_config"_L1, "tts_config"_L1,
         "voicemail_detection"_L1, "voicemail_message"_L1, "autonomous_silence_handling"_L1,
         "silence_timeout_seconds"_L1, "gdpr_mode"_L1, "max_duration_seconds"_L1, "webhook_events"_L1,
         "analysis_plan"_L1},
        {{"llm_config"_L1, &llm}, {"stt_config"_L1, &stt}, {"tts_config"_L1, &tts}, {"analysis_plan"_L1, &analysis}}};
    return shape;
}

QString assistantJson(const QJsonObject &assistant)
{
    return QString::fromUtf8(base::toOrderedJson(assistant, assistantShape()));
}

QString durationText(int seconds)
{
    if (seconds <= 0)
        return DefaultAssistantForm::tr("calls run until someone hangs up");
    const int minutes = seconds / 60;
    const int rest = seconds % 60;
    if (minutes == 0)
        return DefaultAssistantForm::tr("%1 s").arg(seconds);
    return rest == 0 ? DefaultAssistantForm::tr("%1 min").arg(minutes)
                     : DefaultAssistantForm::tr("%1 min %2 s").arg(minutes).arg(rest);
}

} // namespace

DefaultAssistantForm::DefaultAssistantForm(WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_status(new QLabel(this))
    , m_reset(new QPushButton(tr("Reset to built-in default"), this))
{
    setObjectName(QStringLiteral("defaultAssistantForm"));
    m_status->setObjectName(QStringLiteral("assistantStatus"));
    m_status->setWordWrap(true);
    m_reset->setObjectName(QStringLiteral("assistantReset"));
    m_reset->setToolTip(tr("Use the default assistant Dockside ships; the workspace file then leaves it out"));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("assistantSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildForm());
    splitter->addWidget(buildJsonPane());
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_reset);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_reset, &QPushButton::clicked, this, &DefaultAssistantForm::resetToBuiltIn);
    connect(m_document, &WorkspaceDocument::defaultAssistantChanged, this, [this] {
        if (!m_committing)
            loadFromDocument();
        updateStatus();
    });
    connect(m_document, &WorkspaceDocument::workspaceReset, this, &DefaultAssistantForm::loadFromDocument);
    loadFromDocument();
}

DefaultAssistantForm::~DefaultAssistantForm() = default;

QWidget *DefaultAssistantForm::buildForm()
{
    auto *form = new QWidget;
    m_firstMessage = new QPlainTextEdit(form);
    m_firstMessage->setObjectName(QStringLiteral("assistantFirstMessage"));
    m_firstMessage->setTabChangesFocus(true);
    m_firstMessage->setPlaceholderText(tr("What the caller hears first"));
    m_firstMessage->setFixedHeight(m_firstMessage->fontMetrics().lineSpacing() * 3 + 12);
    m_firstMessage->setToolTip(tr("first_message: spoken when the call is answered [seed]"));

    m_provider = new QComboBox(form);
    m_provider->setObjectName(QStringLiteral("assistantProvider"));
    m_provider->addItem(tr("(not set)"), QString());
    for (const QString &provider : contract::knownLlmProviders())
        m_provider->addItem(contract::providerDisplayName(provider), provider);
    m_provider->setToolTip(tr("llm_config.provider: one of the providers the SDK names [sdk]"));
    m_model = new QLineEdit(form);
    m_model->setObjectName(QStringLiteral("assistantModel"));
    m_model->setPlaceholderText(QStringLiteral("gpt-4o-mini"));
    m_model->setToolTip(tr("llm_config.model: the model's name [seed]"));
    m_temperature = new QDoubleSpinBox(form);
    m_temperature->setObjectName(QStringLiteral("assistantTemperature"));
    m_temperature->setRange(kTemperatureUnset, 2.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setDecimals(2);
    m_temperature->setSpecialValueText(tr("(not set)"));
    m_temperature->setToolTip(tr("llm_config.temperature: 0 answers the same way every time, higher varies more "
                                 "[assumed range 0 to 2]"));
    m_tools = new QLabel(form);
    m_tools->setObjectName(QStringLiteral("assistantTools"));
    m_tools->setWordWrap(true);
    m_tools->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tools->setToolTip(tr("llm_config.tools: the functions the assistant can call; edited in the JSON [sdk]"));
    m_speech = new SpeechSettingsEditor(form);
    m_callHandling = new CallHandlingEditor(form);
    m_systemPrompt = new QPlainTextEdit(form);
    m_systemPrompt->setObjectName(QStringLiteral("assistantSystemPrompt"));
    m_systemPrompt->setTabChangesFocus(true);
    m_systemPrompt->setPlaceholderText(tr("How the assistant should behave"));
    m_systemPrompt->setToolTip(tr("The first system message of llm_config.messages; other messages are kept, and "
                                  "are edited in the JSON"));
    // Six lines show a typical prompt; a longer one scrolls inside instead of pushing the form's other groups away.
    m_systemPrompt->setFixedHeight(m_systemPrompt->fontMetrics().lineSpacing() * 6 + 12);

    m_maxDuration = new QSpinBox(form);
    m_maxDuration->setObjectName(QStringLiteral("assistantMaxDuration"));
    m_maxDuration->setRange(0, 24 * 60 * 60);
    m_maxDuration->setSingleStep(30);
    m_maxDuration->setSuffix(tr(" s"));
    m_maxDuration->setSpecialValueText(tr("no limit"));
    m_maxDuration->setToolTip(tr("max_duration_seconds: the call ends after this many seconds [seed]"));
    auto *durationHint = new QLabel(form);
    durationHint->setForegroundRole(QPalette::PlaceholderText);
    auto *duration = new QHBoxLayout;
    duration->addWidget(m_maxDuration);
    duration->addWidget(durationHint, 1);

    auto *events = new QGridLayout;
    for (std::size_t i = 0; i < kEventTypes.size(); ++i) {
        const QString name = contract::eventTypeName(kEventTypes.at(i));
        auto *box = new QCheckBox(name, form);
        box->setObjectName(QStringLiteral("assistantEvent_") + name);
        box->setToolTip(tr("Send %1 events to the webhook [sdk]").arg(name));
        events->addWidget(box, static_cast<int>(i / 2), static_cast<int>(i % 2));
        m_events.at(i) = box;
        connect(box, &QCheckBox::toggled, this, &DefaultAssistantForm::formEdited);
    }
    m_analysis = new QCheckBox(tr("Extract structured data after the call"), form);
    m_analysis->setObjectName(QStringLiteral("assistantAnalysis"));
    m_analysis->setToolTip(tr("analysis_plan.structured_data_plan.enabled; its schema and messages are edited in "
                              "the JSON [seed]"));
    m_formMessage = new InlineMessage(form);
    m_formMessage->setObjectName(QStringLiteral("assistantFormMessage"));

    auto *llmBox = new QGroupBox(tr("Language model"), form);
    auto *llmForm = new QFormLayout(llmBox);
    llmForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    llmForm->addRow(tr("Provider:"), m_provider);
    llmForm->addRow(tr("Model:"), m_model);
    llmForm->addRow(tr("Temperature:"), m_temperature);
    llmForm->addRow(tr("System prompt:"), m_systemPrompt);
    llmForm->addRow(tr("Tools:"), m_tools);

    auto *handlingBox = new QGroupBox(tr("Voicemail, silence and privacy"), form);
    auto *handlingLayout = new QVBoxLayout(handlingBox);
    handlingLayout->addWidget(m_callHandling);

    auto *callBox = new QGroupBox(tr("Call"), form);
    auto *callForm = new QFormLayout(callBox);
    callForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    callForm->addRow(tr("First message:"), m_firstMessage);
    callForm->addRow(tr("Duration limit:"), duration);
    callForm->addRow(tr("Webhook events:"), events);
    callForm->addRow(tr("Analysis:"), m_analysis);

    auto *layout = new QVBoxLayout(form);
    layout->addWidget(callBox);
    layout->addWidget(m_speech);
    layout->addWidget(llmBox);
    layout->addWidget(handlingBox);
    layout->addStretch(1);
    layout->addWidget(m_formMessage);

    connect(m_firstMessage, &QPlainTextEdit::textChanged, this, &DefaultAssistantForm::formEdited);
    connect(m_provider, &QComboBox::currentIndexChanged, this, &DefaultAssistantForm::formEdited);
    connect(m_model, &QLineEdit::textEdited, this, &DefaultAssistantForm::formEdited);
    connect(m_systemPrompt, &QPlainTextEdit::textChanged, this, &DefaultAssistantForm::formEdited);
    connect(m_temperature, &QDoubleSpinBox::valueChanged, this, &DefaultAssistantForm::formEdited);
    connect(m_speech, &SpeechSettingsEditor::edited, this, &DefaultAssistantForm::formEdited);
    connect(m_callHandling, &CallHandlingEditor::edited, this, &DefaultAssistantForm::formEdited);
    connect(m_maxDuration, &QSpinBox::valueChanged, this, [this, durationHint](int seconds) {
        durationHint->setText(durationText(seconds));
        formEdited();
    });
    connect(m_analysis, &QCheckBox::toggled, this, &DefaultAssistantForm::formEdited);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(form);
    return scroll;
}

QWidget *DefaultAssistantForm::buildJsonPane()
{
    auto *box = new QGroupBox(tr("Advanced (JSON)"), this);
    m_json = new QsciScintilla(box);
    m_json->setObjectName(QStringLiteral("assistantJson"));
    m_json->setToolTip(tr("The whole default assistant; keys the form does not show are edited here"));
    auto *lexer = new QsciLexerJSON(m_json);
    lexer->setFoldCompact(false);
    m_json->setLexer(lexer);
    m_json->setUtf8(true);
    m_json->setFolding(QsciScintilla::BoxedTreeFoldStyle);
    m_json->setMarginLineNumbers(0, true);
    m_json->setMarginWidth(0, QStringLiteral("0000"));
    m_json->setBraceMatching(QsciScintilla::SloppyBraceMatch);
    m_json->setIndentationsUseTabs(false);
    m_json->setIndentationWidth(2);
    m_json->setTabWidth(2);
    m_json->setAutoIndent(true);
    m_json->setWrapMode(QsciScintilla::WrapWord);
    m_json->setWrapIndentMode(QsciScintilla::WrapIndentIndented);
    m_json->indicatorDefine(QsciScintilla::SquiggleIndicator, kErrorIndicator);
    styleJsonEditor();
    m_jsonMessage = new InlineMessage(box);
    m_jsonMessage->setObjectName(QStringLiteral("assistantJsonMessage"));

    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_json, 1);
    layout->addWidget(m_jsonMessage);
    connect(m_json, &QsciScintilla::textChanged, this, &DefaultAssistantForm::jsonEdited);
    return box;
}

void DefaultAssistantForm::styleJsonEditor()
{
    // QScintilla's JSON colours assume a white page: derive the page from the palette and pick readable inks.
    const QPalette palette = this->palette();
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    auto *lexer = static_cast<QsciLexerJSON *>(m_json->lexer());
    const QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    lexer->setDefaultFont(font);
    lexer->setFont(font);
    lexer->setDefaultPaper(palette.color(QPalette::Base));
    lexer->setPaper(palette.color(QPalette::Base), -1);
    lexer->setDefaultColor(palette.color(QPalette::Text));
    lexer->setColor(palette.color(QPalette::Text), -1);
    lexer->setColor(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x04, 0x51, 0xa5), QsciLexerJSON::Property);
    lexer->setColor(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15), QsciLexerJSON::String);
    lexer->setColor(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15), QsciLexerJSON::UnclosedString);
    lexer->setColor(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58), QsciLexerJSON::Number);
    lexer->setColor(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xff), QsciLexerJSON::Keyword);
    lexer->setColor(dark ? QColor(0xd7, 0xba, 0x7d) : QColor(0xee, 0x00, 0x00), QsciLexerJSON::EscapeSequence);
    lexer->setColor(InlineMessage::colorFor(InlineMessage::Kind::Error, palette), QsciLexerJSON::Error);
    m_json->setCaretForegroundColor(palette.color(QPalette::Text));
    m_json->setSelectionBackgroundColor(palette.color(QPalette::Highlight));
    m_json->setSelectionForegroundColor(palette.color(QPalette::HighlightedText));
    m_json->setMarginsFont(font);
    m_json->setMarginsBackgroundColor(palette.color(QPalette::Window));
    m_json->setMarginsForegroundColor(palette.color(QPalette::PlaceholderText));
    m_json->setFoldMarginColors(palette.color(QPalette::Window), palette.color(QPalette::Window));
    m_json->setMatchedBraceBackgroundColor(palette.color(QPalette::Highlight).lighter(dark ? 80 : 160));
    m_json->setIndicatorForegroundColor(InlineMessage::colorFor(InlineMessage::Kind::Error, palette), kErrorIndicator);
}

void DefaultAssistantForm::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_json)
        styleJsonEditor();
}

void DefaultAssistantForm::loadFromDocument()
{
    m_shown = m_document->workspace().defaultAssistant;
    loadForm(m_shown);
    {
        const QScopedValueRollback guard(m_loading, true);
        m_json->setText(assistantJson(m_shown));
    }
    markJsonError(-1);
    m_jsonMessage->clearMessage();
    showFindings(m_shown);
    updateStatus();
}

void DefaultAssistantForm::loadForm(const QJsonObject &assistant)
{
    const QScopedValueRollback guard(m_loading, true);
    m_firstMessage->setPlainText(assistant.value(kFirstMessage).toString());
    const QJsonObject llm = assistant.value(kLlmConfig).toObject();
    const QString provider = llm.value(kProvider).toString();
    int providerIndex = m_provider->findData(provider);
    if (providerIndex < 0) {
        // An unknown provider stays visible (the validation says why it is refused) instead of vanishing.
        m_provider->addItem(contract::staleLlmProviders().contains(provider)
                                ? tr("%1 (earlier SDKs only)").arg(contract::providerDisplayName(provider))
                                : tr("%1 (unknown)").arg(provider),
                            provider);
        providerIndex = m_provider->count() - 1;
    }
    m_provider->setCurrentIndex(providerIndex);
    m_model->setText(llm.value(kModel).toString());
    m_temperature->setValue(llm.value(kTemperature).toDouble(kTemperatureUnset));
    const contract::AssistantSummary summary = contract::summarizeAssistant(assistant);
    m_tools->setText(summary.tools.isEmpty() ? tr("none (add them under llm_config.tools in the JSON)")
                                             : contract::toolsText(summary));
    m_speech->load(assistant);
    m_callHandling->load(assistant);
    const QJsonArray messages = llm.value(kMessages).toArray();
    const qsizetype system = systemMessageIndex(messages);
    const QString prompt = system >= 0 ? messages.at(system).toObject().value(kContent).toString() : QString();
    if (m_systemPrompt->toPlainText() != prompt)
        m_systemPrompt->setPlainText(prompt);
    m_maxDuration->setValue(assistant.value(kMaxDuration).toInt(0));
    const QJsonArray events = assistant.value(kWebhookEvents).toArray();
    for (std::size_t i = 0; i < kEventTypes.size(); ++i)
        m_events.at(i)->setChecked(events.contains(contract::eventTypeName(kEventTypes.at(i))));
    m_analysis->setChecked(
        assistant.value(kAnalysisPlan).toObject().value(kStructuredDataPlan).toObject().value(kEnabled).toBool(false));
}

void DefaultAssistantForm::formEdited()
{
    if (m_loading)
        return;
    QJsonObject assistant = m_shown;
    const QString first = m_firstMessage->toPlainText();
    setOrRemove(assistant, kFirstMessage, first, first.isEmpty());

    QJsonObject llm = assistant.value(kLlmConfig).toObject();
    const QString provider = m_provider->currentData().toString();
    setOrRemove(llm, kProvider, provider, provider.isEmpty());
    const QString model = m_model->text().trimmed();
    setOrRemove(llm, kModel, model, model.isEmpty());
    setOrRemove(llm, kTemperature, m_temperature->value(), m_temperature->value() < 0);
    QJsonArray messages = llm.value(kMessages).toArray();
    setSystemPrompt(messages, m_systemPrompt->toPlainText());
    setOrRemove(llm, kMessages, messages, messages.isEmpty());
    setOrRemove(assistant, kLlmConfig, llm, llm.isEmpty());
    m_speech->applyTo(assistant);
    m_callHandling->applyTo(assistant);

    setOrRemove(assistant, kMaxDuration, m_maxDuration->value(), m_maxDuration->value() == 0);

    QJsonArray events;
    for (std::size_t i = 0; i < kEventTypes.size(); ++i) {
        if (m_events.at(i)->isChecked())
            events.append(contract::eventTypeName(kEventTypes.at(i)));
    }
    // Keys the assistant does not have stay out until the user asks for them.
    if (!events.isEmpty() || assistant.contains(kWebhookEvents))
        assistant.insert(kWebhookEvents, events);
    if (m_analysis->isChecked() || assistant.contains(kAnalysisPlan)) {
        QJsonObject plan = assistant.value(kAnalysisPlan).toObject();
        QJsonObject structured = plan.value(kStructuredDataPlan).toObject();
        structured.insert(kEnabled, m_analysis->isChecked());
        plan.insert(kStructuredDataPlan, structured);
        assistant.insert(kAnalysisPlan, plan);
    }

    if (!commit(assistant))
        return;
    const QScopedValueRollback guard(m_loading, true);
    m_json->setText(assistantJson(m_shown));
    markJsonError(-1);
    m_jsonMessage->clearMessage();
}

void DefaultAssistantForm::jsonEdited()
{
    if (m_loading)
        return;
    const QByteArray text = m_json->text().toUtf8();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError) {
        const base::TextPosition position = base::textPositionOfOffset(text, error.offset);
        markJsonError(position.line);
        m_jsonMessage->showError(
            tr("Not saved: line %1, column %2: %3.").arg(position.line).arg(position.column).arg(error.errorString()));
        return;
    }
    if (!document.isObject()) {
        markJsonError(1);
        m_jsonMessage->showError(tr("Not saved: the default assistant is a JSON object, {...}."));
        return;
    }
    markJsonError(-1);
    m_jsonMessage->clearMessage();
    if (commit(document.object()))
        loadForm(m_shown);
}

bool DefaultAssistantForm::commit(const QJsonObject &assistant)
{
    const contract::Findings findings = contract::validateDefaultAssistant(assistant);
    const bool refused = std::any_of(findings.cbegin(), findings.cend(), [](const contract::Finding &finding) {
        return finding.severity == contract::Severity::Error;
    });
    if (refused) {
        QStringList lines;
        for (const contract::Finding &finding : findings) {
            if (finding.severity == contract::Severity::Error)
                lines.append(finding.path + QStringLiteral(": ") + finding.message);
        }
        const QString message = tr("Not saved: %1").arg(lines.join(QLatin1Char('\n')));
        m_formMessage->showError(message);
        // Point at the first error in the JSON as well, where the user can see its neighbours.
        const QByteArray text = m_json->text().toUtf8();
        if (QJsonDocument::fromJson(text).object() == assistant) {
            if (const std::optional<base::JsonLocation> location =
                    base::locateJsonPath(text, findings.constFirst().path))
                markJsonError(location->position.line);
        }
        m_jsonMessage->showError(message);
        return false;
    }
    m_shown = assistant;
    {
        const QScopedValueRollback guard(m_committing, true);
        m_document->setDefaultAssistant(assistant);
    }
    showFindings(assistant);
    m_jsonMessage->clearMessage();
    updateStatus();
    return true;
}

void DefaultAssistantForm::showFindings(const QJsonObject &assistant)
{
    QStringList lines;
    bool error = false;
    for (const contract::Finding &finding : contract::validateDefaultAssistant(assistant)) {
        error = error || finding.severity == contract::Severity::Error;
        lines.append(finding.path + QStringLiteral(": ") + finding.message);
    }
    if (lines.isEmpty())
        m_formMessage->clearMessage();
    else if (error)
        m_formMessage->showError(tr("This default assistant has problems; the workspace will not open again until "
                                    "they are fixed:\n%1")
                                     .arg(lines.join(QLatin1Char('\n'))));
    else
        m_formMessage->showWarning(lines.join(QLatin1Char('\n')));
}

void DefaultAssistantForm::markJsonError(int line)
{
    m_json->clearIndicatorRange(0, 0, m_json->lines(), 0, kErrorIndicator);
    if (line < 1)
        return;
    // Scintilla counts lines from 0 and indexes lines in bytes: the whole line is marked, not one character.
    const int row = std::min(line - 1, m_json->lines() - 1);
    m_json->fillIndicatorRange(row, 0, row, std::max(1, m_json->lineLength(row)), kErrorIndicator);
}

void DefaultAssistantForm::updateStatus()
{
    const bool builtIn = isBuiltIn();
    m_status->setText(builtIn ? tr("The built-in default assistant: the platform uses it whenever the webhook does "
                                   "not override it. Edit it to change it for this workspace.")
                              : tr("Changed for this workspace (saved in the workspace file): the platform uses it "
                                   "whenever the webhook does not override it."));
    m_reset->setEnabled(!builtIn);
}

void DefaultAssistantForm::resetToBuiltIn()
{
    m_document->setDefaultAssistant(contract::builtinDefaultAssistant());
    loadFromDocument();
}

bool DefaultAssistantForm::isBuiltIn() const
{
    return m_document->workspace().defaultAssistant == contract::builtinDefaultAssistant();
}

QString DefaultAssistantForm::errorText() const
{
    if (m_jsonMessage->isError())
        return m_jsonMessage->text();
    return m_formMessage->isError() ? m_formMessage->text() : QString();
}

QString DefaultAssistantForm::jsonText() const
{
    return m_json->text();
}

} // namespace dockside::ui
