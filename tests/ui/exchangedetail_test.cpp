// SPDX-License-Identifier: GPL-3.0-or-later

#include "common/searchfiltermodel.h"
#include "exchange/bytesformat.h"
#include "exchange/exchangedetailview.h"
#include "exchange/headertablemodel.h"
#include "exchange/messagepane.h"
#include "exchange/preparedmessage.h"
#include "exchange/relaylegsview.h"
#include "loopbackexchanges.h"
#include "outcome/calloutcomeview.h"
#include "outcome/outcomestyle.h"
#include "qtprinters.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTabWidget>
#include <QThreadPool>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::BodyKind;
using dockside::ui::ExchangeDetailView;

namespace {

QJsonObject defaultAssistant()
{
    return contract::builtinDefaultAssistant();
}

template<typename T> T *child(const QWidget &parent, const char *name)
{
    T *found = parent.findChild<T *>(QString::fromLatin1(name));
    EXPECT_NE(found, nullptr) << name;
    return found;
}

QString labelText(const QWidget &parent, const char *name)
{
    const QLabel *label = child<QLabel>(parent, name);
    return label != nullptr ? label->text() : QString();
}

bool isShown(const QWidget &parent, const char *name)
{
    const QWidget *widget = child<QWidget>(parent, name);
    return widget != nullptr && !widget->isHidden();
}

} // namespace

TEST(ExchangeDetailView, StartsEmptyAndClears)
{
    ExchangeDetailView view;
    EXPECT_FALSE(view.hasExchange());
    EXPECT_FALSE(labelText(view, "detailPlaceholder").isEmpty());

    loopback::Loopback loopback;
    view.showExchange(loopback.send(loopback::kKnownCaller).received, defaultAssistant());
    EXPECT_TRUE(view.hasExchange());
    view.clear();
    EXPECT_FALSE(view.hasExchange());
    EXPECT_FALSE(view.outcomeView()->hasOutcome());
}

TEST(ExchangeDetailView, AnInboundOverrideShowsSummaryBodiesHeadersAndOutcome)
{
    loopback::Loopback loopback;
    const history::ExchangeRecord record = loopback.send(loopback::kKnownCaller).received;
    ExchangeDetailView view;
    view.resize(1100, 700);
    view.showExchange(record, defaultAssistant());

    EXPECT_EQ(labelText(view, "summaryDirection"), QStringLiteral("INBOUND"));
    EXPECT_EQ(labelText(view, "summaryMethod"), QStringLiteral("POST"));
    EXPECT_EQ(labelText(view, "summaryTarget"), QStringLiteral("/webhook"));
    EXPECT_EQ(labelText(view, "summaryStatus"), QStringLiteral("200 OK"));
    EXPECT_EQ(labelText(view, "summaryOutcome"), QStringLiteral("answered · override"));
    EXPECT_EQ(labelText(view, "summaryEvent"), QStringLiteral("assistant-request"));
    EXPECT_EQ(labelText(view, "summaryCaller"), loopback::kKnownCaller);
    EXPECT_EQ(labelText(view, "summaryTemplate"), QStringLiteral("greet"));
    EXPECT_EQ(labelText(view, "summaryRule"), QStringLiteral("known-caller"));
    EXPECT_EQ(labelText(view, "summarySignature"), QStringLiteral("Valid"));
    EXPECT_TRUE(labelText(view, "summaryLatency").endsWith(QStringLiteral(" ms")));
    // Received at, to the millisecond.
    const QString received = labelText(view, "summaryReceived");
    EXPECT_EQ(received,
              QDateTime::fromMSecsSinceEpoch(record.request.receivedAtUs / 1000)
                  .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
    EXPECT_FALSE(isShown(view, "summaryError"));

    // The request: pretty JSON, headers as sent, the raw message.
    ui::MessagePane *request = view.requestPane();
    EXPECT_EQ(request->bodyKind(), BodyKind::Json);
    EXPECT_TRUE(request->bodyText().contains(QStringLiteral("\"type\": \"assistant-request\"")))
        << request->bodyText().toStdString();
    EXPECT_TRUE(request->subtitle().startsWith(QStringLiteral("POST /webhook HTTP/1.1 · JSON, ")));
    EXPECT_TRUE(request->rawText().startsWith(QStringLiteral("POST /webhook HTTP/1.1\n")));
    EXPECT_TRUE(request->rawText().contains(QStringLiteral("X-Webhook-Signature: sha256=")));
    EXPECT_TRUE(request->rawText().contains(QString::fromUtf8(record.request.body)));
    const auto *headerTable = child<QTableView>(*request, "requestHeaderTable");
    EXPECT_EQ(headerTable->model()->rowCount(), record.request.headers.size());
    EXPECT_EQ(request->tabs()->tabText(1), QStringLiteral("Headers (%1)").arg(record.request.headers.size()));

    // The header filter narrows the table to what matches, by name or value.
    QTest::keyClicks(child<QLineEdit>(*request, "requestHeaderFilter"), QStringLiteral("x-webhook"));
    EXPECT_EQ(headerTable->model()->rowCount(), 3);
    child<QLineEdit>(*request, "requestHeaderFilter")->clear();
    EXPECT_EQ(headerTable->model()->rowCount(), record.request.headers.size());

    // The answer.
    ui::MessagePane *answer = view.answerPane();
    EXPECT_EQ(answer->bodyKind(), BodyKind::Json);
    EXPECT_TRUE(answer->bodyText().contains(QStringLiteral("Hello John Smith, good to hear from you!")));
    EXPECT_TRUE(answer->rawText().startsWith(QStringLiteral("HTTP/1.1 200 OK\nContent-Type: application/json\n")));

    // The outcome, recomputed through the core.
    EXPECT_EQ(view.tabs()->tabText(ExchangeDetailView::OutcomeTab), QStringLiteral("Outcome: Answered with overrides"));
    ASSERT_TRUE(view.outcomeView()->hasOutcome());
    EXPECT_EQ(view.outcomeView()->outcome()->spokenFirst, QStringLiteral("Hello John Smith, good to hear from you!"));
    EXPECT_FALSE(isShown(view, "outcomeRecordNote"));

    // The request and the answer sit side by side.
    EXPECT_EQ(view.splitter()->orientation(), Qt::Horizontal);
    EXPECT_EQ(view.splitter()->indexOf(request), 0);
    EXPECT_EQ(view.splitter()->indexOf(answer), 1);
}

TEST(ExchangeDetailView, TheSignatureSectionShowsTheVerdictAndTheExactSignedString)
{
    loopback::Loopback loopback;
    ExchangeDetailView view;

    const history::ExchangeRecord valid = loopback.send(loopback::kKnownCaller).received;
    view.showExchange(valid, defaultAssistant());
    EXPECT_EQ(labelText(view, "signatureStatus"), QStringLiteral("Valid"));
    // The verdict in its colour, in the summary and in the section.
    const QColor green = ui::toneColors(ui::OutcomeTone::DefaultAssistant, view.palette()).text;
    for (const char *name : {"summarySignature", "signatureStatus"}) {
        const QLabel *label = child<QLabel>(view, name);
        EXPECT_EQ(label->palette().color(label->foregroundRole()), green) << name;
    }
    EXPECT_EQ(child<QPlainTextEdit>(view, "signedString")->toPlainText(), QString::fromUtf8(valid.signedString));
    EXPECT_TRUE(valid.signedString.endsWith(valid.request.body));
    EXPECT_TRUE(labelText(view, "signatureHeaders").contains(QStringLiteral("X-Webhook-Timestamp: ")));

    composer::SendOptions wrongSecret = loopback.options(loopback::kKnownCaller);
    wrongSecret.secret = "whsec_someone_else";
    view.showExchange(loopback.send(wrongSecret).received, defaultAssistant());
    EXPECT_EQ(labelText(view, "signatureStatus"), QStringLiteral("Invalid: mismatch"));
    EXPECT_TRUE(labelText(view, "signatureDetail").startsWith(QStringLiteral("The signature does not match")));
    EXPECT_EQ(labelText(view, "summarySignature"), QStringLiteral("Invalid: mismatch"));

    composer::SendOptions unsigned_ = loopback.options(loopback::kKnownCaller);
    unsigned_.secret.clear();
    view.showExchange(loopback.send(unsigned_).received, defaultAssistant());
    EXPECT_EQ(labelText(view, "signatureStatus"), QStringLiteral("Missing"));
    EXPECT_EQ(labelText(view, "signatureDetail"), QStringLiteral("The X-Webhook-Timestamp header is missing."));

    // The composer's own record: signed by Dockside, with the string it signed.
    const composer::SendResult sent = loopback.send(loopback::kKnownCaller).sent;
    view.showExchange(sent.record, defaultAssistant());
    EXPECT_EQ(labelText(view, "signatureStatus"), QStringLiteral("Signed by Dockside"));
    EXPECT_EQ(child<QPlainTextEdit>(view, "signedString")->toPlainText(), QString::fromUtf8(sent.record.signedString));
    EXPECT_EQ(labelText(view, "summaryDirection"), QStringLiteral("OUTBOUND"));
    EXPECT_EQ(labelText(view, "summaryPeer"), sent.record.url);

    // Without a secret at the endpoint nothing is checked, and the view says what to do.
    loopback::Loopback open(QByteArray {});
    view.showExchange(open.send(loopback::kKnownCaller).received, defaultAssistant());
    EXPECT_EQ(labelText(view, "signatureStatus"), QStringLiteral("Not checked"));
    EXPECT_TRUE(labelText(view, "signatureDetail").contains(QStringLiteral("Set the webhook secret")));
}

TEST(ExchangeDetailView, TheSignatureTabSaysWhyASignatureFailed)
{
    loopback::Loopback loopback;
    ExchangeDetailView view;

    view.showExchange(loopback.send(loopback::kKnownCaller).received, defaultAssistant());
    EXPECT_FALSE(isShown(view, "signatureDiagnosis")) << "a valid signature needs no explanation";

    // Recorded by the mock endpoint when the request arrived, with the secret it checked with.
    composer::SendOptions wrongSecret = loopback.options(loopback::kKnownCaller);
    wrongSecret.secret = "whsec_someone_else";
    history::ExchangeRecord forged = loopback.send(wrongSecret).received;
    EXPECT_EQ(forged.signatureDiagnosisCode, QStringLiteral("secret_differs"));
    view.showExchange(forged, defaultAssistant());
    EXPECT_TRUE(isShown(view, "signatureDiagnosis"));
    EXPECT_TRUE(labelText(view, "signatureDiagnosis").startsWith(QStringLiteral("Why (secret_differs): ")));
    EXPECT_TRUE(labelText(view, "signatureDiagnosis").contains(QStringLiteral("secret is most likely different")));

    forged.signatureDiagnosisCode = QStringLiteral("body_pretty");
    forged.signatureDiagnosis = QStringLiteral("The signature matches the body re-serialised pretty-printed.");
    view.showExchange(forged, defaultAssistant());
    EXPECT_EQ(labelText(view, "signatureDiagnosis"),
              QStringLiteral("Why (body_pretty): The signature matches the body re-serialised pretty-printed."));

    // A row recorded before diagnoses existed: the view says why it cannot explain it now.
    forged.signatureDiagnosisCode.clear();
    forged.signatureDiagnosis.clear();
    view.showExchange(forged, defaultAssistant());
    EXPECT_TRUE(labelText(view, "signatureDiagnosis").startsWith(QStringLiteral("Why: not recorded.")));
}

TEST(ExchangeDetailView, ARejectionShowsTheSpokenMessage)
{
    loopback::Loopback loopback;
    ExchangeDetailView view;
    view.showExchange(loopback.send(loopback::kRejectedCaller).received, defaultAssistant());
    EXPECT_EQ(labelText(view, "summaryOutcome"), QStringLiteral("rejected"));
    EXPECT_EQ(view.tabs()->tabText(ExchangeDetailView::OutcomeTab), QStringLiteral("Outcome: Rejected"));
    EXPECT_EQ(labelText(*view.outcomeView(), "spokenText"),
              QStringLiteral("“Sorry, we are closed. Please call back tomorrow.”"));
}

TEST(ExchangeDetailView, ATimedOutSendHasNoAnswerAndTheDefaultAssistant)
{
    loopback::Loopback loopback;
    composer::SendOptions options = loopback.options(loopback::kHangCaller);
    options.deadlineMs = 400;
    const composer::SendResult sent = loopback.send(options, loopback::Wait::ForSender).sent;
    ExchangeDetailView view;
    view.showExchange(sent.record, defaultAssistant());

    EXPECT_EQ(labelText(view, "summaryStatus"), QStringLiteral("no answer"));
    EXPECT_EQ(labelText(view, "summaryOutcome"), QStringLiteral("answered · timeout"));
    EXPECT_TRUE(isShown(view, "summaryError"));
    EXPECT_EQ(labelText(view, "summaryError"), QStringLiteral("Error: no answer within the 400 ms deadline"));
    EXPECT_EQ(view.answerPane()->bodyText(), QStringLiteral("No answer: no answer within the 400 ms deadline"));
    EXPECT_TRUE(view.answerPane()->rawText().startsWith(QStringLiteral("No answer")));
    ASSERT_TRUE(view.outcomeView()->hasOutcome());
    EXPECT_EQ(view.outcomeView()->outcome()->reason, contract::Reason::Timeout);
    EXPECT_EQ(view.tabs()->tabText(ExchangeDetailView::OutcomeTab), QStringLiteral("Outcome: Default assistant"));
    // The record's own verdict stands: recomputed under the default 5 s deadline it is still the timeout it was.
    EXPECT_FALSE(isShown(view, "outcomeRecordNote"));
}

TEST(ExchangeDetailView, AServerErrorShowsTheHtmlAsTextAndTheDefault)
{
    loopback::Loopback loopback;
    ExchangeDetailView view;
    view.showExchange(loopback.send(loopback::kCrashCaller).received, defaultAssistant());
    EXPECT_EQ(labelText(view, "summaryStatus"), QStringLiteral("503 Service Unavailable"));
    EXPECT_EQ(labelText(view, "summaryOutcome"), QStringLiteral("answered · http_status"));
    EXPECT_EQ(view.answerPane()->bodyKind(), BodyKind::Text);
    EXPECT_EQ(view.answerPane()->bodyText(), QStringLiteral("<html>\n<body>Service unavailable</body>\n</html>"));
    EXPECT_EQ(view.outcomeView()->outcome()->reason, contract::Reason::HttpStatus);
}

TEST(ExchangeDetailView, AnInvalidAnswerShowsItsViolations)
{
    loopback::Loopback loopback;
    ExchangeDetailView view;
    view.showExchange(loopback.send(loopback::kInvalidCaller).received, defaultAssistant());
    EXPECT_EQ(labelText(view, "summaryOutcome"), QStringLiteral("answered · invalid_response"));
    ASSERT_TRUE(view.outcomeView()->hasOutcome());
    EXPECT_FALSE(view.outcomeView()->outcome()->violations.isEmpty());
    EXPECT_EQ(labelText(*view.outcomeView(), "outcomeHeadline"), QStringLiteral("Default assistant: invalid answer"));
}

TEST(ExchangeDetailView, BinaryBodiesAreHexDumps)
{
    loopback::Loopback loopback;
    composer::SendOptions options = loopback.options(loopback::kBinaryCaller);
    options.rawBody = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452");
    const loopback::Exchanges exchanges = loopback.send(options);
    ExchangeDetailView view;
    view.showExchange(exchanges.received, defaultAssistant());

    EXPECT_EQ(view.requestPane()->bodyKind(), BodyKind::Binary);
    EXPECT_EQ(view.requestPane()->bodyText(),
              QStringLiteral("00000000  89 50 4e 47 0d 0a 1a 0a  00 00 00 0d 49 48 44 52  |.PNG........IHDR|\n"));
    EXPECT_TRUE(view.requestPane()->subtitle().endsWith(QStringLiteral("binary, 16 B")));
    EXPECT_TRUE(view.requestPane()->rawText().endsWith(view.requestPane()->bodyText()));
    EXPECT_TRUE(isShown(*view.requestPane(), "requestBodyLimit"));

    // A binary request with the event header is still an assistant-request that the platform answered.
    view.showExchange(loopback.send(loopback::kBinaryCaller).received, defaultAssistant());
    EXPECT_EQ(view.answerPane()->bodyKind(), BodyKind::Binary);
    EXPECT_TRUE(view.answerPane()->bodyText().contains(QStringLiteral("|..binary.|")))
        << view.answerPane()->bodyText().toStdString();
    EXPECT_EQ(view.outcomeView()->outcome()->reason, contract::Reason::InvalidJson);
}

TEST(ExchangeDetailView, OtherEventsHaveNoOutcome)
{
    loopback::Loopback loopback;
    composer::SendOptions options = loopback.options(loopback::kKnownCaller);
    options.event.type = contract::EventType::StatusUpdate;
    ExchangeDetailView view;
    view.showExchange(loopback.send(options).received, defaultAssistant());
    EXPECT_FALSE(view.outcomeView()->hasOutcome());
    EXPECT_EQ(view.outcomeView()->placeholderText(),
              QStringLiteral("No outcome: not an assistant-request (this is a status-update event)."));
    EXPECT_EQ(view.tabs()->tabText(ExchangeDetailView::OutcomeTab), QStringLiteral("Outcome"));
}

TEST(ExchangeDetailView, ADisagreementWithTheRecordIsSaid)
{
    loopback::Loopback loopback;
    history::ExchangeRecord record = loopback.send(loopback::kKnownCaller).received;
    record.outcomeReason = QStringLiteral("default");
    ExchangeDetailView view;
    view.showExchange(record, defaultAssistant());
    EXPECT_TRUE(isShown(view, "outcomeRecordNote"));
    EXPECT_EQ(labelText(view, "outcomeRecordNote"),
              QStringLiteral("Recorded as “default” when it happened; recomputed now as “override” with a 5000 ms "
                             "deadline."));
}

TEST(ExchangeDetailView, HeaderModelsPassTheModelTester)
{
    ui::HeaderTableModel model;
    ui::SearchFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setHeaders({{"Content-Type", "application/json"},
                      {"X-Webhook-Event", "assistant-request"},
                      {"X-Custom", "caf\xc3\xa9"},
                      {"X-Latin", "caf\xe9"}});
    EXPECT_EQ(model.index(2, ui::HeaderTableModel::ValueColumn).data().toString(), QStringLiteral("café"));
    // Not UTF-8: shown as Latin-1, no byte dropped.
    EXPECT_EQ(model.index(3, ui::HeaderTableModel::ValueColumn).data().toString(), QStringLiteral("café"));
    EXPECT_EQ(model.index(3, 0).data(ui::HeaderTableModel::RawValueRole).toByteArray(), QByteArray("caf\xe9"));
    filter.setQuery(QStringLiteral("ASSISTANT"));
    ASSERT_EQ(filter.rowCount(), 1);
    EXPECT_EQ(filter.index(0, 0).data().toString(), QStringLiteral("X-Webhook-Event"));
    filter.setQuery(QStringLiteral("x-"));
    EXPECT_EQ(filter.rowCount(), 3);
    filter.setQuery(QStringLiteral("json content"));
    EXPECT_EQ(filter.rowCount(), 1) << "the words may come from the name and the value";
    model.setHeaders({});
    EXPECT_EQ(filter.rowCount(), 0);
    EXPECT_EQ(model.headerData(ui::HeaderTableModel::NameColumn, Qt::Horizontal).toString(), QStringLiteral("Name"));
}

TEST(ExchangeDetailView, HexDumpsAreBoundedAndSayWhatTheyLeaveOut)
{
    const QByteArray bytes(40, '\x01');
    const QString dump = ui::hexDump(bytes, 20);
    EXPECT_EQ(dump.count(QLatin1Char('\n')), 2);
    EXPECT_TRUE(dump.endsWith(QStringLiteral("… 20 B more not shown (40 B in all)"))) << dump.toStdString();
    EXPECT_EQ(ui::byteSize(1536), QStringLiteral("1.5 KiB"));
    EXPECT_EQ(ui::bodyKind(QByteArray()), BodyKind::Empty);
    EXPECT_EQ(ui::bodyKind("[1]"), BodyKind::Json);
    EXPECT_EQ(ui::bodyKind("{\"half\":"), BodyKind::Text);
    EXPECT_EQ(ui::bodyKind(QByteArray("a\0b", 3)), BodyKind::Binary);
}

TEST(ExchangeDetailView, LargeBodiesAreFormattedOffTheGuiThreadAndShownInPart)
{
    // A 2 MiB JSON answer to an assistant-request, and a 1 MiB binary request.
    history::ExchangeRecord record;
    record.request.method = "POST";
    record.request.target = "/big";
    record.eventType = QStringLiteral("assistant-request");
    record.request.body = QByteArray(1024 * 1024, '\x01') + QByteArray(1, '\0');
    QByteArray items;
    for (int i = 0; i < 60000; ++i)
        items += (i == 0 ? "" : ",") + QByteArray(R"({"id":)") + QByteArray::number(i) + R"(,"name":"item"})";
    record.responseStatus = 200;
    record.responseBody = R"({"assistant":{"first_message":"Hi"},"items":[)" + items + "]}";
    ASSERT_GT(record.responseBody.size(), 1024 * 1024);

    ExchangeDetailView view;
    QSignalSpy shown(&view, &ExchangeDetailView::exchangeShown);
    view.showExchange(record, defaultAssistant());
    EXPECT_TRUE(view.isPreparing());
    EXPECT_TRUE(view.answerPane()->bodyText().startsWith(QStringLiteral("Formatting ")));
    ASSERT_TRUE(shown.wait(30000));
    EXPECT_FALSE(view.isPreparing());

    EXPECT_EQ(view.requestPane()->bodyKind(), BodyKind::Binary);
    EXPECT_EQ(view.requestPane()->bodyText().count(QLatin1Char('\n')), ui::kMaxHexDumpBytes / 16);
    EXPECT_TRUE(view.requestPane()->bodyNote().contains(QStringLiteral("of the first 64.0 KiB of 1.0 MiB")))
        << view.requestPane()->bodyNote().toStdString();
    EXPECT_EQ(view.answerPane()->bodyKind(), BodyKind::Json);
    EXPECT_LE(view.answerPane()->bodyText().size(), ui::kMaxShownTextChars);
    EXPECT_TRUE(view.answerPane()->bodyText().startsWith(QStringLiteral("{\n    \"assistant\": {")));
    EXPECT_TRUE(view.answerPane()->bodyNote().startsWith(QStringLiteral("A large body")));
    // The outcome was worked out on the worker too: "items" is an unknown key, the greeting applies.
    ASSERT_TRUE(view.outcomeView()->hasOutcome());
    EXPECT_EQ(view.outcomeView()->outcome()->spokenFirst, QStringLiteral("Hi"));

    // A view closed while its worker formats waits for it rather than leaving a thread behind.
    {
        ExchangeDetailView closing;
        closing.showExchange(record, defaultAssistant());
        EXPECT_TRUE(closing.isPreparing());
    }

    // A newer exchange wins over a slower older one.
    loopback::Loopback loopback;
    const history::ExchangeRecord small = loopback.send(loopback::kKnownCaller).received;
    view.showExchange(record, defaultAssistant());
    view.showExchange(small, defaultAssistant());
    EXPECT_FALSE(view.isPreparing());
    EXPECT_EQ(view.requestPane()->bodyKind(), BodyKind::Json);
    // The older exchange's worker has finished and its result reached the view: it must not replace the newer.
    ASSERT_TRUE(QThreadPool::globalInstance()->waitForDone(30000));
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    EXPECT_EQ(labelText(view, "summaryTarget"), QStringLiteral("/webhook"));
    EXPECT_EQ(view.requestPane()->bodyKind(), BodyKind::Json);
}

TEST(ExchangeDetailView, ARelayedExchangeShowsBothLegsSideBySide)
{
    loopback::Loopback loopback;
    history::ExchangeRecord record = loopback.send(loopback::kKnownCaller).received;
    history::ForwardedLeg leg;
    leg.upstreamUrl = QStringLiteral("http://127.0.0.1:3000/hook/voice?x=1");
    leg.requestHeaders = {{"Host", "127.0.0.1:3000"}, {"X-Webhook-Signature", "sha256=forwarded"}};
    leg.responseStatus = 201;
    leg.reasonPhrase = "Made It";
    leg.responseHeaders = {{"X-From-Webhook", "yes"}};
    leg.responseBody = "{\"assistant\":{\"firstMessage\":\"from the webhook\"}}";
    leg.connectUs = 300;
    leg.firstByteUs = 6'000'000;
    leg.sentAfterUs = 100;
    leg.finishedAfterUs = 6'100'000;
    leg.deadlineMs = 5000;
    leg.verdict = QStringLiteral("late");
    leg.lateAnswer = QStringLiteral("fallback");
    leg.fallbackAnswered = true;
    record.forwarded = leg;
    record.templateId = QStringLiteral("safe");

    ExchangeDetailView view;
    view.resize(1200, 800);
    view.showExchange(record, defaultAssistant());
    EXPECT_EQ(labelText(view, "summaryDirection"), QStringLiteral("RELAYED"));
    ASSERT_TRUE(view.tabs()->isTabVisible(ExchangeDetailView::RelayTab));
    EXPECT_EQ(view.tabs()->tabText(ExchangeDetailView::RelayTab), QStringLiteral("Both legs"));

    const QString summary = view.relayLegs()->summaryText();
    EXPECT_TRUE(summary.contains(QStringLiteral("http://127.0.0.1:3000/hook/voice?x=1"))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("connected in 0.3 ms"))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("after the deadline"))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("fallback template “safe” answered"))) << summary.toStdString();

    const auto *forwarded = child<ui::MessagePane>(view, "relayForwardedPane");
    const auto *webhook = child<ui::MessagePane>(view, "relayWebhookAnswerPane");
    const auto *arrived = child<ui::MessagePane>(view, "relayArrivedPane");
    ASSERT_TRUE(forwarded && webhook && arrived);
    EXPECT_TRUE(
        forwarded->rawText().startsWith(QStringLiteral("POST /hook/voice?x=1 HTTP/1.1\nHost: 127.0.0.1:3000\n")))
        << forwarded->rawText().toStdString();
    EXPECT_TRUE(forwarded->rawText().contains(QStringLiteral("sha256=forwarded")));
    EXPECT_TRUE(webhook->rawText().startsWith(QStringLiteral("HTTP/1.1 201 Made It\nX-From-Webhook: yes\n")))
        << webhook->rawText().toStdString();
    EXPECT_TRUE(webhook->bodyText().contains(QStringLiteral("from the webhook")));
    EXPECT_EQ(arrived->rawText(), view.requestPane()->rawText()) << "the platform's leg is the exchange's own request";

    // The webhook never answered: its side says why.
    record.forwarded->responseStatus = 0;
    record.forwarded->firstByteUs.reset();
    record.forwarded->error = QStringLiteral("connection refused");
    record.forwarded->verdict = QStringLiteral("failed");
    view.showExchange(record, defaultAssistant());
    EXPECT_EQ(webhook->bodyText(), QStringLiteral("No answer: connection refused"));
    EXPECT_TRUE(view.relayLegs()->summaryText().contains(QStringLiteral("could not be reached")));
    EXPECT_TRUE(view.relayLegs()->summaryText().contains(QStringLiteral("gave up 6100 ms after arrival")))
        << view.relayLegs()->summaryText().toStdString();

    // An exchange that was not relayed hides the tab.
    record.forwarded.reset();
    view.showExchange(record, defaultAssistant());
    EXPECT_FALSE(view.tabs()->isTabVisible(ExchangeDetailView::RelayTab));
    EXPECT_EQ(labelText(view, "summaryDirection"), QStringLiteral("INBOUND"));
}

TEST(PreparedMessage, LongLinesAndLongTextsAreCut)
{
    QString text = QString(20000, QLatin1Char('a')) + QStringLiteral("\nshort");
    EXPECT_TRUE(ui::limitText(text));
    EXPECT_TRUE(text.contains(QStringLiteral(" … (11808 more characters on this line)\nshort")))
        << text.right(80).toStdString();
    QString lines;
    for (int i = 0; i < 100000; ++i)
        lines += QStringLiteral("line %1\n").arg(i);
    const QString all = lines;
    EXPECT_TRUE(ui::limitText(lines, 1000));
    EXPECT_LE(lines.size(), 1000);
    EXPECT_GT(lines.size(), 900);
    // Cut at a line end: the last line shown is whole.
    EXPECT_TRUE(all.startsWith(lines + QLatin1Char('\n')));
    QString small = QStringLiteral("fits");
    EXPECT_FALSE(ui::limitText(small));

    const ui::PreparedMessage empty = ui::prepareMessage(QStringLiteral("HTTP/1.1 204 No Content"), {}, {});
    EXPECT_EQ(empty.kind, BodyKind::Empty);
    EXPECT_EQ(empty.subtitle, QStringLiteral("HTTP/1.1 204 No Content · no body"));
    EXPECT_EQ(empty.rawText, QStringLiteral("HTTP/1.1 204 No Content\n\n"));
}

TEST(ExchangeDetailView, RendersInLightAndDarkPalettes)
{
    const QString shots = qEnvironmentVariable("DOCKSIDE_UI_SHOTS");
    loopback::Loopback loopback;
    const history::ExchangeRecord record = loopback.send(loopback::kKnownCaller).received;
    composer::SendOptions binary = loopback.options(loopback::kBinaryCaller);
    binary.rawBody = QByteArray::fromHex("89504e470d0a1a0a0000000d494844520000001000000010080600000000");
    const history::ExchangeRecord binaryRecord = loopback.send(binary).sent.record;
    for (const bool dark : {false, true}) {
        QPalette palette = QApplication::style()->standardPalette();
        if (dark) {
            palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
            palette.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
            palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
            palette.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
            palette.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
            palette.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
            palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
        }
        ExchangeDetailView view;
        view.setPalette(palette);
        view.resize(1100, 700);
        view.showExchange(record, defaultAssistant());
        for (const int tab :
             {ExchangeDetailView::ExchangeTab, ExchangeDetailView::OutcomeTab, ExchangeDetailView::SignatureTab}) {
            view.tabs()->setCurrentIndex(tab);
            const QImage image = view.grab().toImage();
            ASSERT_EQ(image.size(), QSize(1100, 700));
            if (!shots.isEmpty())
                image.save(QDir(shots).filePath(QStringLiteral("detail-%1-%2.png")
                                                    .arg(tab)
                                                    .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"))));
        }
        view.showExchange(binaryRecord, defaultAssistant());
        view.tabs()->setCurrentIndex(ExchangeDetailView::ExchangeTab);
        const QImage image = view.grab().toImage();
        if (!shots.isEmpty())
            image.save(QDir(shots).filePath(
                QStringLiteral("detail-binary-%1.png").arg(dark ? QStringLiteral("dark") : QStringLiteral("light"))));
        // The summary strip sits on the palette's base colour: dark in the dark palette, light in the light one.
        const int gray = qGray(image.pixel(image.width() / 2, 4));
        if (dark)
            EXPECT_LT(gray, 80);
        else
            EXPECT_GT(gray, 200);
    }
}
