// SPDX-License-Identifier: GPL-3.0-or-later

#include "ruletester.h"

#include "workspace/workspacedocument.h"

#include "base/capturedrequest.h"
#include "contacts/phonenumber.h"
#include "contract/callevent.h"
#include "rules/requestcontext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTimeZone>

namespace dockside::ui {

namespace {

QString templateLabel(const workspace::Workspace &workspace, const QString &id)
{
    const workspace::ResponseTemplate *found = workspace.findTemplate(id);
    if (!found)
        return RuleTester::tr("the missing template %1").arg(id);
    return found->name.isEmpty() || found->name == id ? QStringLiteral("“%1”").arg(id)
                                                      : QStringLiteral("“%1” (%2)").arg(found->name, id);
}

} // namespace

RuleTester::RuleTester(WorkspaceDocument *document, QWidget *parent)
    : QGroupBox(tr("Test a number"), parent)
    , m_document(document)
    , m_caller(new QLineEdit(this))
    , m_event(new QComboBox(this))
    , m_now(new QCheckBox(tr("Now"), this))
    , m_time(new QDateTimeEdit(this))
    , m_callId(new QLineEdit(contract::newCallId(), this))
    , m_result(new QLabel(this))
    , m_trace(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("ruleTester"));
    m_caller->setObjectName(QStringLiteral("testCaller"));
    m_event->setObjectName(QStringLiteral("testEvent"));
    m_now->setObjectName(QStringLiteral("testNow"));
    m_time->setObjectName(QStringLiteral("testTime"));
    m_callId->setObjectName(QStringLiteral("testCallId"));
    m_result->setObjectName(QStringLiteral("testResult"));
    m_trace->setObjectName(QStringLiteral("testTrace"));

    m_caller->setPlaceholderText(tr("+31 6 1234 5678 (empty: a web call)"));
    m_caller->setClearButtonEnabled(true);
    m_caller->setToolTip(tr("The caller's number; nothing is sent anywhere"));
    for (const contract::EventType type : {contract::EventType::AssistantRequest, contract::EventType::StatusUpdate,
                                           contract::EventType::ToolCalls, contract::EventType::EndOfCallReport})
        m_event->addItem(contract::eventTypeName(type));
    m_now->setChecked(true);
    m_now->setToolTip(tr("Test at the current time; untick to test another moment (business hours)"));
    m_time->setDisplayFormat(QStringLiteral("ddd yyyy-MM-dd HH:mm"));
    m_time->setCalendarPopup(true);
    m_time->setDateTime(QDateTime::currentDateTime());
    m_time->setEnabled(false);
    m_time->setToolTip(tr("In this computer's time zone"));
    m_callId->setToolTip(tr("An A/B split puts each call id on one arm; change it to see the other arms"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_trace->setReadOnly(true);
    m_trace->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_trace->setMinimumHeight(m_trace->fontMetrics().lineSpacing() * 3 + 12);
    m_trace->setToolTip(tr("Every rule looked at, in order, and why it matched or not"));

    auto *when = new QHBoxLayout;
    when->addWidget(m_now);
    when->addWidget(m_time, 1);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Caller:"), m_caller);
    form->addRow(tr("Event:"), m_event);
    form->addRow(tr("At:"), when);
    form->addRow(tr("Call id:"), m_callId);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(m_trace, 1);

    connect(m_caller, &QLineEdit::textChanged, this, &RuleTester::evaluate);
    connect(m_event, &QComboBox::currentIndexChanged, this, &RuleTester::evaluate);
    connect(m_now, &QCheckBox::toggled, this, [this](bool now) {
        m_time->setEnabled(!now);
        evaluate();
    });
    connect(m_time, &QDateTimeEdit::dateTimeChanged, this, &RuleTester::evaluate);
    connect(m_callId, &QLineEdit::textChanged, this, &RuleTester::evaluate);
    for (auto signal : {&WorkspaceDocument::workspaceReset, &WorkspaceDocument::rulesChanged,
                        &WorkspaceDocument::contactsChanged, &WorkspaceDocument::templatesChanged})
        connect(m_document, signal, this, &RuleTester::evaluate);
    evaluate();
}

RuleTester::~RuleTester() = default;

void RuleTester::setCallerNumber(const QString &number)
{
    m_caller->setText(number);
}

void RuleTester::setEventType(const QString &eventType)
{
    const int index = m_event->findText(eventType);
    if (index >= 0)
        m_event->setCurrentIndex(index);
}

void RuleTester::setTime(const QDateTime &time)
{
    const QSignalBlocker blocker(m_time);
    if (time.isValid())
        m_time->setDateTime(time.toLocalTime());
    m_now->setChecked(!time.isValid());
    m_time->setEnabled(time.isValid());
    evaluate();
}

QString RuleTester::resultText() const
{
    return m_result->text();
}

void RuleTester::evaluate()
{
    const workspace::Workspace &workspace = m_document->workspace();
    const QString caller = contacts::normalizePhoneNumber(m_caller->text());

    contract::EventOptions options;
    options.type = contract::eventTypeFromName(m_event->currentText()).value_or(contract::EventType::AssistantRequest);
    options.callId = m_callId->text().trimmed();
    if (options.callId.isEmpty())
        options.callId = QStringLiteral("00000000-0000-4000-8000-000000000000");
    const QDateTime time = m_now->isChecked() ? QDateTime::currentDateTimeUtc() : m_time->dateTime().toUTC();
    options.timestamp = time;
    if (caller.isEmpty())
        options.callType = contract::CallType::WebCall;
    else
        options.customerNumber = caller;

    // The request exactly as the platform would deliver it, so header and JSON pointer conditions see it too.
    base::CapturedRequest request;
    request.method = QByteArrayLiteral("POST");
    request.target = QByteArrayLiteral("/");
    request.body = contract::serializeEvent(contract::buildEventPayload(options));
    request.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                       {QByteArrayLiteral("X-Webhook-Event"), contract::eventTypeName(options.type).toLatin1()}};
    const rules::RequestContext context = rules::RequestContext::fromRequest(request, workspace.contacts, time);
    m_evaluation = workspace.rules.evaluate(context);

    QString who;
    if (caller.isEmpty())
        who = tr("A web call (no caller number)");
    else if (!contacts::isE164(caller))
        who = tr("%1 is not an E.164 number (+ and 2 to 15 digits), so no contact can match it").arg(caller);
    else if (context.contact)
        who = tr("%1 is the contact %2%3")
                  .arg(caller, context.contact->name.isEmpty() ? tr("(no name)") : context.contact->name,
                       context.contact->vip ? tr(", a VIP") : QString());
    else
        who = tr("%1 is not in the contacts").arg(caller);

    QString answer;
    if (m_evaluation.matched) {
        m_templateId = m_evaluation.templateId;
        int position = 0;
        for (qsizetype i = 0; i < workspace.rules.size() && position == 0; ++i) {
            if (workspace.rules.rules().at(i).id == m_evaluation.ruleId)
                position = static_cast<int>(i) + 1;
        }
        const QString ruleName = m_evaluation.ruleName.isEmpty() ? m_evaluation.ruleId : m_evaluation.ruleName;
        answer = tr("Rule %1, <b>%2</b>, answers with template <b>%3</b>")
                     .arg(position)
                     .arg(ruleName.toHtmlEscaped(), templateLabel(workspace, m_evaluation.templateId).toHtmlEscaped());
        if (m_evaluation.arm >= 0)
            answer += tr(" (arm %1 of the A/B split for this call id)").arg(m_evaluation.arm + 1);
        answer += QLatin1Char('.');
    } else if (const workspace::ResponseTemplate *fallback = workspace.fallbackTemplate()) {
        m_templateId = fallback->id;
        answer = tr("No rule matches: the fallback template <b>%1</b> answers.")
                     .arg(templateLabel(workspace, fallback->id).toHtmlEscaped());
    } else {
        m_templateId.clear();
        answer = tr("No rule matches and the workspace has no templates: the mock answers {}.");
    }
    m_result->setText(who.toHtmlEscaped() + QStringLiteral("<br>") + answer);
    m_trace->setPlainText(m_evaluation.trace.join(QLatin1Char('\n')));
}

} // namespace dockside::ui
