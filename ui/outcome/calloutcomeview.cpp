// SPDX-License-Identifier: GPL-3.0-or-later

#include "calloutcomeview.h"

#include "callstrip.h"
#include "common/accessibility.h"
#include "exchange/difffiltermodel.h"
#include "exchange/difftablemodel.h"
#include "findingsmodel.h"
#include "outcomestyle.h"
#include "speech/speakbutton.h"
#include "speechbubble.h"

#include <QCheckBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QResizeEvent>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTableView>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace dockside::ui {

namespace {

enum AssistantPage { AssistantNotePage, AssistantTablePage };
enum DetailTab { AssistantTab, FindingsTab, AnalysisTab };
constexpr int kSideBySideWidth = 640;

QLabel *makeLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QTableView *makeTable(const QString &objectName, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(objectName);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideMiddle);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

QString durationText(int seconds)
{
    if (seconds <= 0)
        return CallOutcomeView::tr("no limit set");
    if (seconds % 60 == 0)
        return CallOutcomeView::tr("%1 s (%2 min)").arg(seconds).arg(seconds / 60);
    return CallOutcomeView::tr("%1 s").arg(seconds);
}

} // namespace

CallOutcomeView::CallOutcomeView(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
    , m_assistantModel(new DiffTableModel(this))
    , m_assistantFilter(new DiffFilterModel(this))
    , m_findingsModel(new FindingsModel(this))
{
    setObjectName(QStringLiteral("callOutcomeView"));
    setAccessibleName(tr("Call outcome"));
    m_placeholder->setObjectName(QStringLiteral("outcomePlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setText(tr("Send an assistant-request to see the outcome."));

    m_assistantFilter->setSourceModel(m_assistantModel);
    m_assistantModel->setSideTitles(tr("Default assistant"), tr("Effective assistant"));
    m_assistantModel->setFieldTitle(tr("Pointer"));

    m_stack->addWidget(m_placeholder);
    // Scrolls rather than squeezing: in a short panel the word-wrapped greeting would otherwise be clipped.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("outcomeScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(createContent());
    m_stack->addWidget(scroll);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    clear();
}

CallOutcomeView::~CallOutcomeView() = default;

QWidget *CallOutcomeView::createContent()
{
    auto *content = new QWidget(this);
    content->setObjectName(QStringLiteral("outcomeContent"));
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);

    m_strip = new CallStrip(content);
    layout->addWidget(m_strip);

    auto *headlineRow = new QHBoxLayout;
    m_headline = makeLabel(QStringLiteral("outcomeHeadline"), content);
    QFont headlineFont = m_headline->font();
    headlineFont.setBold(true);
    if (headlineFont.pointSizeF() > 0)
        headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.25);
    m_headline->setFont(headlineFont);
    // The tone colours WindowText, whatever background a host puts behind this view.
    m_headline->setForegroundRole(QPalette::WindowText);
    m_source = makeLabel(QStringLiteral("outcomeSource"), content);
    m_source->setForegroundRole(QPalette::PlaceholderText);
    // A long headline wraps rather than widening the whole card past a narrow pane (the template preview).
    m_headline->setWordWrap(true);
    headlineRow->addWidget(m_headline, 1);
    headlineRow->addWidget(m_source, 0, Qt::AlignBottom);
    layout->addLayout(headlineRow);

    m_explanation = makeLabel(QStringLiteral("outcomeExplanation"), content);
    m_explanation->setWordWrap(true);
    layout->addWidget(m_explanation);

    m_callRow = new QBoxLayout(QBoxLayout::LeftToRight);
    QBoxLayout *callRow = m_callRow;
    callRow->setSpacing(16);
    auto *bubbleColumn = new QVBoxLayout;
    bubbleColumn->setSpacing(4);
    m_bubbleCaption = makeLabel(QStringLiteral("spokenCaption"), content);
    m_bubbleCaption->setForegroundRole(QPalette::PlaceholderText);
    m_speak = new SpeakButton(content);
    m_bubble = new SpeechBubble(content);
    auto *captionRow = new QHBoxLayout;
    captionRow->addWidget(m_bubbleCaption);
    captionRow->addWidget(m_speak);
    captionRow->addStretch(1);
    bubbleColumn->addLayout(captionRow);
    bubbleColumn->addWidget(m_bubble);
    bubbleColumn->addStretch(1);
    callRow->addLayout(bubbleColumn, 3);

    m_facts = new QFormLayout;
    m_facts->setLabelAlignment(Qt::AlignRight);
    // Some styles space form rows as widely as dialog sections; facts read better close together.
    m_facts->setVerticalSpacing(6);
    m_facts->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_recognition = makeLabel(QStringLiteral("outcomeRecognition"), content);
    m_voice = makeLabel(QStringLiteral("outcomeVoice"), content);
    m_model = makeLabel(QStringLiteral("outcomeModel"), content);
    m_tools = makeLabel(QStringLiteral("outcomeTools"), content);
    m_voicemail = makeLabel(QStringLiteral("outcomeVoicemail"), content);
    m_silence = makeLabel(QStringLiteral("outcomeSilence"), content);
    m_durationLimit = makeLabel(QStringLiteral("outcomeDurationLimit"), content);
    m_latency = makeLabel(QStringLiteral("outcomeLatency"), content);
    m_analysis = makeLabel(QStringLiteral("outcomeAnalysis"), content);
    for (QLabel *fact : {m_recognition, m_voice, m_tools, m_voicemail, m_silence})
        fact->setWordWrap(true);
    m_recognition->setToolTip(tr("stt_config: who turns the caller's speech into text, and in which language [sdk]"));
    m_voice->setToolTip(tr("tts_config: the voice the caller hears [sdk]"));
    m_tools->setToolTip(tr("llm_config.tools: the functions the assistant can call during the call [sdk]"));
    m_voicemail->setToolTip(tr("voicemail_detection and voicemail_message [sdk]"));
    m_silence->setToolTip(tr("autonomous_silence_handling and silence_timeout_seconds [sdk]"));
    m_facts->addRow(tr("Recognition:"), m_recognition);
    m_facts->addRow(tr("Voice:"), m_voice);
    m_facts->addRow(tr("Model:"), m_model);
    m_facts->addRow(tr("Tools:"), m_tools);
    m_facts->addRow(tr("Voicemail:"), m_voicemail);
    m_facts->addRow(tr("Silence:"), m_silence);
    m_facts->addRow(tr("Duration limit:"), m_durationLimit);
    m_facts->addRow(tr("Latency:"), m_latency);
    m_facts->addRow(tr("Analysis:"), m_analysis);
    auto *factsColumn = new QVBoxLayout;
    factsColumn->addLayout(m_facts);
    factsColumn->addStretch(1);
    callRow->addLayout(factsColumn, 2);
    layout->addLayout(callRow);

    m_details = new QTabWidget(content);
    m_details->setObjectName(QStringLiteral("outcomeDetails"));
    m_details->setDocumentMode(true);
    // In a narrow panel the tab titles shorten instead of hiding behind scroll arrows.
    m_details->setUsesScrollButtons(false);
    m_details->setElideMode(Qt::ElideRight);
    m_details->addTab(createAssistantTab(), tr("Effective assistant"));
    m_details->addTab(createFindingsTab(), tr("Violations and warnings"));
    m_details->addTab(createAnalysisTab(), tr("Analysis prompt"));
    layout->addWidget(m_details, 1);
    return content;
}

QWidget *CallOutcomeView::createAssistantTab()
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 6, 0, 0);
    m_assistantStack = new QStackedWidget(tab);

    m_assistantNote = makeLabel(QStringLiteral("assistantNote"), tab);
    m_assistantNote->setAlignment(Qt::AlignCenter);
    m_assistantNote->setWordWrap(true);
    m_assistantNote->setForegroundRole(QPalette::PlaceholderText);
    m_assistantStack->addWidget(m_assistantNote);

    auto *tablePage = new QWidget(tab);
    auto *pageLayout = new QVBoxLayout(tablePage);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    auto *summaryRow = new QHBoxLayout;
    m_changesSummary = makeLabel(QStringLiteral("changesSummary"), tablePage);
    m_changesSummary->setWordWrap(true);
    m_onlyDifferences = new QCheckBox(tr("Only differences"), tablePage);
    m_onlyDifferences->setObjectName(QStringLiteral("assistantOnlyDifferences"));
    m_onlyDifferences->setToolTip(tr("Hide the parts of the assistant that equal the default"));
    connect(m_onlyDifferences, &QCheckBox::toggled, m_assistantFilter, &DiffFilterModel::setOnlyDifferences);
    summaryRow->addWidget(m_changesSummary, 1);
    summaryRow->addWidget(m_onlyDifferences);
    pageLayout->addLayout(summaryRow);
    m_assistantTable = makeTable(QStringLiteral("assistantTable"), tablePage);
    m_assistantTable->setAccessibleName(tr("Effective assistant beside the default"));
    m_assistantTable->setModel(m_assistantFilter);
    m_assistantTable->hideColumn(DiffTableModel::PartColumn);
    QHeaderView *header = m_assistantTable->horizontalHeader();
    header->setSectionResizeMode(DiffTableModel::FieldColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(DiffTableModel::ChangeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(DiffTableModel::LeftColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(DiffTableModel::RightColumn, QHeaderView::Stretch);
    header->resizeSection(DiffTableModel::FieldColumn, 240);
    pageLayout->addWidget(m_assistantTable, 1);
    m_assistantStack->addWidget(tablePage);

    layout->addWidget(m_assistantStack);
    return tab;
}

QWidget *CallOutcomeView::createFindingsTab()
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 6, 0, 0);
    m_findingsStack = new QStackedWidget(tab);
    auto *none = makeLabel(QStringLiteral("findingsNote"), tab);
    none->setText(tr("No violations and no warnings: the answer keeps to the contract."));
    none->setAlignment(Qt::AlignCenter);
    none->setForegroundRole(QPalette::PlaceholderText);
    m_findingsStack->addWidget(none);
    m_findingsTable = makeTable(QStringLiteral("findingsTable"), tab);
    m_findingsTable->setModel(m_findingsModel);
    m_findingsTable->setAccessibleName(tr("Findings"));
    QHeaderView *header = m_findingsTable->horizontalHeader();
    header->setSectionResizeMode(FindingsModel::SeverityColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(FindingsModel::PathColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(FindingsModel::MessageColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(FindingsModel::SourceColumn, QHeaderView::ResizeToContents);
    header->resizeSection(FindingsModel::PathColumn, 220);
    m_findingsTable->setTextElideMode(Qt::ElideRight);
    m_findingsStack->addWidget(m_findingsTable);
    layout->addWidget(m_findingsStack);
    return tab;
}

QWidget *CallOutcomeView::createAnalysisTab()
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 6, 0, 0);
    m_analysisStack = new QStackedWidget(tab);
    m_analysisNote = makeLabel(QStringLiteral("analysisNote"), tab);
    m_analysisNote->setAlignment(Qt::AlignCenter);
    m_analysisNote->setWordWrap(true);
    m_analysisNote->setForegroundRole(QPalette::PlaceholderText);
    m_analysisStack->addWidget(m_analysisNote);
    m_prompt = new QTextBrowser(tab);
    m_prompt->setObjectName(QStringLiteral("analysisPrompt"));
    m_prompt->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_prompt->setOpenLinks(false);
    m_analysisStack->addWidget(m_prompt);
    layout->addWidget(m_analysisStack);
    return tab;
}

void CallOutcomeView::setPlaceholderText(const QString &text)
{
    m_placeholder->setText(text);
    if (!m_outcome)
        setAccessibleDescription(text);
}

QString CallOutcomeView::placeholderText() const
{
    return m_placeholder->text();
}

void CallOutcomeView::clear()
{
    m_outcome.reset();
    m_speak->setSpeech({}, {});
    m_strip->clear();
    m_assistantModel->setRows({});
    m_findingsModel->setFindings({}, {});
    m_prompt->clear();
    m_stack->setCurrentWidget(m_placeholder);
    setAccessibleDescription(m_placeholder->text());
}

void CallOutcomeView::setOutcome(const contract::CallOutcome &outcome, const QJsonObject &defaultAssistant,
                                 const QString &callerLanguage)
{
    m_outcome = outcome;
    const bool rejected = outcome.disposition == contract::Disposition::Rejected;
    m_strip->setOutcome(outcome);

    QString headline = outcomeTitle(outcome);
    if (outcome.usesDefaultAssistant())
        headline = tr("%1: %2").arg(headline, reasonInWords(outcome.reason));
    else if (outcome.overridesNothing)
        headline = tr("%1, all equal to the default").arg(headline);
    m_headline->setText(headline);
    m_source->setText(
        tr("%1 · [%2]").arg(contract::reasonCode(outcome.reason), contract::sourceLabel(outcome.reasonSource)));
    m_source->setToolTip(outcome.reasonSource == contract::Source::Assumed
                             ? tr("The platform does not document this rule: Dockside assumes it.")
                             : tr("The platform documents this rule."));
    m_explanation->setText(outcome.explanation);

    m_bubbleCaption->setText(rejected ? tr("The caller hears, then the call ends:") : tr("The caller hears first:"));
    m_bubble->setText(outcome.spokenFirst.isEmpty() ? tr("(silence: the assistant has no first message)")
                                                    : QStringLiteral("“%1”").arg(outcome.spokenFirst));
    m_speak->setSpeech(outcome.spokenFirst, speechLanguage(outcome, defaultAssistant, callerLanguage));
    m_speak->setVisible(!outcome.spokenFirst.trimmed().isEmpty());

    const contract::AssistantSummary &assistant = outcome.assistant;
    m_recognition->setText(contract::recognitionText(assistant));
    m_voice->setText(contract::voiceText(assistant));
    m_model->setText(assistant.llmProvider.isEmpty() && assistant.llmModel.isEmpty() ? tr("(not set)")
                                                                                     : contract::modelText(assistant));
    m_tools->setText(contract::toolsText(assistant));
    m_voicemail->setText(contract::voicemailText(assistant));
    m_silence->setText(contract::silenceText(assistant));
    m_durationLimit->setText(durationText(outcome.maxDurationSeconds));
    m_latency->setText(outcome.latencyMs
                           ? tr("%1 ms of the %2 ms deadline")
                                 .arg(QString::number(*outcome.latencyMs), QString::number(outcome.deadlineMs))
                           : tr("not measured (deadline %1 ms)").arg(outcome.deadlineMs));
    m_analysis->setText(outcome.analysisEnabled ? tr("enabled: structured data after the call") : tr("off"));
    for (QLabel *fact : {m_recognition, m_voice, m_model, m_tools, m_voicemail, m_silence})
        m_facts->setRowVisible(fact, !rejected);
    m_facts->setRowVisible(m_durationLimit, !rejected);
    m_facts->setRowVisible(m_analysis, !rejected);

    showAssistant(outcome, defaultAssistant);
    showFindings(outcome);
    showAnalysis(outcome);
    applyTone();
    if (!outcome.violations.isEmpty())
        m_details->setCurrentIndex(FindingsTab);
    m_stack->setCurrentIndex(1);
    // The tone colours say the same to the eye; a screen reader hears the outcome in words when it changes.
    announce(this, tr("%1. %2").arg(headline, m_strip->stageTexts().join(QStringLiteral(", "))));
}

void CallOutcomeView::showAssistant(const contract::CallOutcome &outcome, const QJsonObject &defaultAssistant)
{
    if (outcome.disposition == contract::Disposition::Rejected) {
        m_assistantModel->setRows({});
        m_assistantNote->setText(tr("The call is rejected: no assistant runs, so nothing is merged onto the "
                                    "default assistant."));
        m_assistantStack->setCurrentIndex(AssistantNotePage);
        return;
    }
    m_assistantModel->setRows(jsonDiffRows(
        contract::compareJsonLeaves(QJsonValue(defaultAssistant), QJsonValue(outcome.effectiveAssistant))));
    if (outcome.changes.isEmpty()) {
        m_changesSummary->setText(outcome.reason == contract::Reason::Override
                                      ? tr("Every override equals the default: the assistant is unchanged.")
                                      : tr("The default assistant answers, unchanged."));
    } else {
        QStringList paths;
        for (const contract::JsonChange &change : outcome.changes)
            paths.append(change.path);
        m_changesSummary->setText((paths.size() == 1 ? tr("1 change against the default: %1")
                                                     : tr("%1 changes against the default: %2").arg(paths.size()))
                                      .arg(paths.join(QStringLiteral(", "))));
    }
    m_assistantStack->setCurrentIndex(AssistantTablePage);
    // Pointers are the key to each row: wide enough to read, never crowding out the values.
    m_assistantTable->resizeColumnToContents(DiffTableModel::FieldColumn);
    QHeaderView *header = m_assistantTable->horizontalHeader();
    header->resizeSection(DiffTableModel::FieldColumn,
                          std::clamp(header->sectionSize(DiffTableModel::FieldColumn), 160,
                                     std::max(160, m_assistantTable->viewport()->width() * 2 / 5)));
}

void CallOutcomeView::showFindings(const contract::CallOutcome &outcome)
{
    m_findingsModel->setFindings(outcome.violations, outcome.warnings);
    const int violations = m_findingsModel->violationCount();
    const int warnings = m_findingsModel->warningCount();
    m_details->setTabText(FindingsTab, tr("Violations (%1), warnings (%2)").arg(violations).arg(warnings));
    m_findingsStack->setCurrentIndex(violations + warnings == 0 ? 0 : 1);
}

void CallOutcomeView::showAnalysis(const contract::CallOutcome &outcome)
{
    m_prompt->clear();
    if (outcome.disposition == contract::Disposition::Rejected) {
        m_analysisNote->setText(tr("The call is rejected: nothing is analysed."));
        m_analysisStack->setCurrentIndex(0);
        m_details->setTabText(AnalysisTab, tr("Analysis prompt"));
        return;
    }
    if (!outcome.analysisEnabled || outcome.analysisPrompt.isEmpty()) {
        m_analysisNote->setText(outcome.analysisEnabled
                                    ? tr("Analysis is enabled, but the plan has no messages to send.")
                                    : tr("Analysis is off: analysis_plan.structured_data_plan.enabled is not true."));
        m_analysisStack->setCurrentIndex(0);
        m_details->setTabText(AnalysisTab, tr("Analysis prompt (off)"));
        return;
    }
    QString html = QStringLiteral("<p style='color:%1'>%2</p>")
                       .arg(palette().color(QPalette::PlaceholderText).name(),
                            tr("What the analysis model would be asked after this call, with a sample transcript.")
                                .toHtmlEscaped());
    for (const contract::PromptMessage &message : outcome.analysisPrompt)
        html += QStringLiteral("<p><b>%1</b></p><p style='white-space:pre-wrap'>%2</p>")
                    .arg(message.role.toHtmlEscaped(), message.content.toHtmlEscaped());
    m_prompt->setHtml(html);
    m_analysisStack->setCurrentIndex(1);
    m_details->setTabText(AnalysisTab, tr("Analysis prompt"));
}

void CallOutcomeView::applyTone()
{
    if (!m_outcome)
        return;
    const OutcomeTone tone = outcomeTone(*m_outcome);
    m_bubble->setTone(tone);
    QPalette headlinePalette = m_headline->palette();
    headlinePalette.setColor(QPalette::WindowText, toneColors(tone, palette()).text);
    m_headline->setPalette(headlinePalette);
}

void CallOutcomeView::resizeEvent(QResizeEvent *event)
{
    // Narrow (a side panel): the facts go beneath what the caller hears, so neither is squeezed.
    m_callRow->setDirection(width() < kSideBySideWidth ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight);
    QWidget::resizeEvent(event);
}

void CallOutcomeView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyTone();
    QWidget::changeEvent(event);
}

} // namespace dockside::ui
