// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/composerpanel.h"
#include "endpoint/relaysection.h"
#include "exchange/exchangedetailview.h"
#include "mainwindow/mainwindow.h"
#include "qtprinters.h"
#include "rules/inlinemessage.h"
#include "session/endpointhost.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelineview.h"
#include "upstreampeer.h"
#include "widgettesting.h"
#include "workspace/workspacedocument.h"

#include "contract/signature.h"
#include "history/historyreader.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QLineEdit>
#include <QRadioButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::testing::child;
using dockside::testing::clickRadio;
using dockside::testing::replaceText;
using dockside::ui::MainWindow;
using dockside::ui::RelaySection;

namespace {

// The sample without its rules: every request gets the default answer.
workspace::Workspace ruleless()
{
    workspace::Workspace workspace = workspace::builtinSampleWorkspace();
    workspace.rules = rules::RuleSet();
    return workspace;
}

// A window with a history of its own; started: its endpoint listens on a free port.
ui::MainWindowOptions windowOptions(const QTemporaryDir &directory, bool started)
{
    ui::MainWindowOptions options;
    options.historyPath = directory.filePath(QStringLiteral("history.sqlite"));
    options.startEndpoint = started;
    if (started)
        options.port = 0;
    return options;
}

QByteArray webhookAnswer()
{
    const QByteArray body = R"({"assistant":{"firstMessage":"Hello from my own webhook"}})";
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
        "\r\n\r\n" + body;
}

} // namespace

TEST(RelaySection, TheDefaultAnswerForwardsToAWebhookTheUserTypesAndSaysWhatIsWrong)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    const ui::MainWindowOptions options = windowOptions(directory, false);
    MainWindow window(ruleless(), {}, options);
    window.show();
    auto *section = child<RelaySection>(window, "relaySection");
    ASSERT_NE(section, nullptr);
    auto *url = child<QLineEdit>(*section, "forwardUrl");
    EXPECT_TRUE(child<QRadioButton>(*section, "defaultAnswerTemplate")->isChecked());
    EXPECT_FALSE(url->isVisible());
    EXPECT_TRUE(section->upstreamStateText().contains(QStringLiteral("Nothing is forwarded")));

    clickRadio(child<QRadioButton>(*section, "defaultAnswerForward"));
    EXPECT_TRUE(url->isVisible());
    auto *error = child<ui::InlineMessage>(*section, "defaultForwardError");
    EXPECT_TRUE(error->isError());
    EXPECT_TRUE(error->text().contains(QStringLiteral("URL of your webhook"))) << error->text().toStdString();
    EXPECT_FALSE(window.document()->workspace().defaultForward.has_value());

    replaceText(url, QStringLiteral("http://127.0.0.1:3000/webhook"));
    EXPECT_FALSE(error->isError()) << error->text().toStdString();
    ASSERT_TRUE(window.document()->workspace().defaultForward.has_value());
    EXPECT_EQ(window.document()->workspace().defaultForward->url, QStringLiteral("http://127.0.0.1:3000/webhook"));
    EXPECT_TRUE(window.document()->isModified());
    EXPECT_EQ(section->upstreamUrl(), QUrl(QStringLiteral("http://127.0.0.1:3000/webhook")));

    clickRadio(child<QRadioButton>(*section, "defaultAnswerTemplate"));
    EXPECT_FALSE(window.document()->workspace().defaultForward.has_value());
    EXPECT_FALSE(url->isVisible());
}

TEST(RelaySection, ARelayedCallShowsTheWebhooksStateTheTimelineBadgeAndACheckOnDemand)
{
    UpstreamPeer webhook(webhookAnswer());
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    ui::MainWindowOptions options = windowOptions(directory, true);
    MainWindow window(ruleless(), {}, options);
    window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.endpoint()->isRunning(); }, 5000));
    auto *section = child<RelaySection>(window, "relaySection");
    clickRadio(child<QRadioButton>(*section, "defaultAnswerForward"));
    replaceText(child<QLineEdit>(*section, "forwardUrl"), webhook.url(QStringLiteral("/voice")).toString());
    ASSERT_TRUE(window.document()->workspace().defaultForward.has_value());

    // The composer plays the platform against the endpoint, which relays to the webhook.
    QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.composer()->lastResult().has_value(); }, 10000));
    ASSERT_TRUE(window.composer()->lastResult()->answered());
    EXPECT_TRUE(window.composer()->lastResult()->record.responseBody.contains("Hello from my own webhook"));
    ASSERT_EQ(webhook.requests().size(), 1);
    EXPECT_TRUE(webhook.requests().constFirst().startsWith("POST /voice HTTP/1.1\r\n"));

    ASSERT_TRUE(
        QTest::qWaitFor([&] { return section->upstreamStateText().contains(QStringLiteral("answered 200")); }, 10000))
        << section->upstreamStateText().toStdString();
    EXPECT_TRUE(section->upstreamStateText().contains(QStringLiteral("in time")));
    EXPECT_TRUE(section->upstreamStateText().contains(QStringLiteral("1 relayed")));

    // The timeline badges the relayed row (the composer's own outbound row is beside it).
    const ui::TimelineModel *model = window.timeline()->model();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            for (int row = 0; row < model->rowCount(); ++row) {
                if (model->index(row, ui::TimelineModel::DirectionColumn).data().toString() == QStringLiteral("relay"))
                    return true;
            }
            return false;
        },
        10000));

    // The keyboard: Ctrl+G shows the newest exchange, Ctrl+Alt+2 its outcome, Ctrl+Alt+4 a relayed one's two legs.
    QTest::keyClick(&window, Qt::Key_G, Qt::ControlModifier);
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.detail()->hasExchange(); }, 5000));
    EXPECT_EQ(window.detail()->exchangeId(), window.timeline()->currentExchangeId());
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier | Qt::AltModifier);
    EXPECT_EQ(window.detail()->tabs()->currentIndex(), ui::ExchangeDetailView::OutcomeTab);
    const bool relayedShown = window.detail()->tabs()->isTabVisible(ui::ExchangeDetailView::RelayTab);
    QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier | Qt::AltModifier);
    EXPECT_EQ(window.detail()->tabs()->currentIndex(),
              relayedShown ? ui::ExchangeDetailView::RelayTab : ui::ExchangeDetailView::OutcomeTab)
        << "Both legs only for a relayed exchange";

    section->checkUpstream();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return section->upstreamStateText().contains(QStringLiteral("accepts connections")); }, 10000))
        << section->upstreamStateText().toStdString();
}

TEST(RelaySection, ThePublicUrlIsWhatThePlatformIsGivenAndTheHintNamesTheLocalPort)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    const ui::MainWindowOptions options = windowOptions(directory, false);
    MainWindow window(ruleless(), {}, options);
    window.show();
    auto *section = child<RelaySection>(window, "relaySection");
    section->setLocalPort(8787);
    EXPECT_TRUE(child<QLabel>(*section, "tunnelHint")
                    ->text()
                    .contains(QStringLiteral("cloudflared tunnel --url "
                                             "http://127.0.0.1:8787")));
    EXPECT_TRUE(section->platformUrlText().isEmpty());

    replaceText(child<QLineEdit>(*section, "publicUrl"), QStringLiteral("abc.trycloudflare"));
    EXPECT_TRUE(section->platformUrlText().contains(QStringLiteral("not an http(s) URL")));
    EXPECT_FALSE(child<QToolButton>(*section, "platformUrl")->isEnabled());

    replaceText(child<QLineEdit>(*section, "publicUrl"), QStringLiteral("https://abc.trycloudflare.com/voice"));
    EXPECT_EQ(section->platformUrlText(), QStringLiteral("Give the platform: https://abc.trycloudflare.com/voice"));
    QTest::mouseClick(child<QToolButton>(*section, "platformUrl"), Qt::LeftButton);
    EXPECT_EQ(QApplication::clipboard()->text(), QStringLiteral("https://abc.trycloudflare.com/voice"));
    EXPECT_EQ(section->publicUrl(), QStringLiteral("https://abc.trycloudflare.com/voice"));
}

TEST(RelaySection, ReSigningUsesTheWebhooksOwnSecretFromTheEnvironmentAndCanBeSwitchedOnWhileRunning)
{
    UpstreamPeer webhook(webhookAnswer());
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    ui::MainWindowOptions options = windowOptions(directory, true);
    options.environmentSecret = "whsec_platform";
    options.environmentUpstreamSecret = "whsec_my_own";
    MainWindow window(ruleless(), {}, options);
    window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.endpoint()->isRunning(); }, 5000));
    auto *section = child<RelaySection>(window, "relaySection");
    clickRadio(child<QRadioButton>(*section, "defaultAnswerForward"));
    replaceText(child<QLineEdit>(*section, "forwardUrl"), webhook.url().toString());
    auto *resign = child<QCheckBox>(*section, "resignForwarded");
    ASSERT_FALSE(resign->isChecked());
    QTest::mouseClick(resign, Qt::LeftButton, {}, QPoint(6, resign->height() / 2));
    ASSERT_TRUE(resign->isChecked());
    EXPECT_TRUE(child<QLabel>(*section, "resignState")->text().contains(QStringLiteral("DOCKSIDE_UPSTREAM_SECRET")));
    EXPECT_EQ(section->resignSecret(), QByteArray("whsec_my_own"));

    QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.composer()->lastResult().has_value(); }, 10000));
    ASSERT_EQ(webhook.requests().size(), 1);
    const QByteArray forwarded = webhook.requests().constFirst();
    const qsizetype headEnd = forwarded.indexOf("\r\n\r\n");
    const QByteArray body = forwarded.mid(headEnd + 4);
    QByteArray signature;
    QByteArray timestamp;
    for (const QByteArray &line : forwarded.left(headEnd).split('\n')) {
        if (line.toLower().startsWith("x-webhook-signature:"))
            signature = line.mid(20).trimmed();
        if (line.toLower().startsWith("x-webhook-timestamp:"))
            timestamp = line.mid(20).trimmed();
    }
    ASSERT_FALSE(timestamp.isEmpty()) << forwarded.toStdString();
    EXPECT_EQ(signature, contract::signatureHeaderValue("whsec_my_own", timestamp.toLongLong(), body))
        << forwarded.toStdString();
    EXPECT_NE(signature, contract::signatureHeaderValue("whsec_platform", timestamp.toLongLong(), body));
}
