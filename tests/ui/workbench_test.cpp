// SPDX-License-Identifier: GPL-3.0-or-later

#include "composer/composerpanel.h"
#include "endpoint/endpointpanel.h"
#include "fixtures.h"
#include "mainwindow/mainwindow.h"
#include "privatekeychain.h"
#include "qtprinters.h"
#include "secrets/secretcontroller.h"
#include "secrets/secretdialog.h"
#include "session/endpointhost.h"
#include "windowtesting.h"
#include "workspace/workspacedocument.h"

#include "history/historyreader.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QComboBox>
#include <QDataStream>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::ui::MainWindow;

namespace {

template<typename T> T *child(const QObject &parent, const char *objectName)
{
    T *found = parent.findChild<T *>(QString::fromLatin1(objectName));
    EXPECT_NE(found, nullptr) << "no child named " << objectName;
    return found;
}

} // namespace

TEST(Workbench, CtrlEnterSendsToTheRunningEndpointAndBothSidesAreRecorded)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    MainWindow window(workspace::builtinSampleWorkspace(), {},
                      windowtest::liveWindowOptions(directory, "whsec_workbench"));
    QSignalSpy appended(window.endpoint(), &ui::EndpointHost::historyAppended);
    window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.endpoint()->isRunning(); }, 5000));
    EXPECT_EQ(window.composer()->targetUrl(), window.endpoint()->url());

    QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.composer()->lastResult().has_value(); }, 10000));
    const composer::SendResult &result = *window.composer()->lastResult();
    ASSERT_TRUE(result.answered()) << result.transportError.toStdString();
    ASSERT_TRUE(result.outcome.has_value());

    // The endpoint's inbound row and the composer's outbound row, in one history.
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            qsizetype rows = 0;
            for (const QList<QVariant> &signal : std::as_const(appended))
                rows += signal.first().value<QList<qint64>>().size();
            return rows >= 2;
        },
        10000));
    history::HistoryReader reader;
    QString error;
    ASSERT_TRUE(reader.open(window.endpoint()->historyPath(), &error)) << error.toStdString();
    const QList<history::ExchangeSummary> rows = reader.page({}, 0, 10, Qt::AscendingOrder);
    ASSERT_EQ(rows.size(), 2);
    QStringList directions;
    for (const history::ExchangeSummary &row : rows) {
        directions.append(history::directionName(row.direction));
        EXPECT_EQ(row.eventType, QStringLiteral("assistant-request"));
    }
    directions.sort();
    EXPECT_EQ(directions, (QStringList {QStringLiteral("inbound"), QStringLiteral("outbound")}));
    // The composer signed with the secret and the endpoint checked it with the same one.
    for (const history::ExchangeSummary &row : rows) {
        if (row.direction == history::Direction::Inbound) {
            EXPECT_EQ(row.signatureStatus, QStringLiteral("valid"));
        }
    }
}

TEST(Workbench, ATakenPortSaysSoAndTheEndpointStartsOnceItIsFree)
{
    QTcpServer squatter;
    ASSERT_TRUE(squatter.listen(QHostAddress::LocalHost, 0));
    QTemporaryDir directory;
    ui::MainWindowOptions options = windowtest::liveWindowOptions(directory, "");
    options.port = squatter.serverPort();
    MainWindow window(workspace::builtinSampleWorkspace(), {}, options);
    QSignalSpy failed(window.endpoint(), &ui::EndpointHost::failed);
    ASSERT_TRUE(failed.wait(5000));
    EXPECT_FALSE(window.endpoint()->isRunning());
    const QString message = failed.first().first().toString();
    EXPECT_TRUE(message.contains(QString::number(squatter.serverPort()))) << message.toStdString();

    squatter.close();
    ASSERT_TRUE(windowtest::showActive(window));
    QTest::keyClick(&window, Qt::Key_F5);
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.endpoint()->isRunning(); }, 5000));
}

TEST(Workbench, UnsavedChangesAreNeverLostSilently)
{
    QTemporaryDir directory;
    ui::MainWindowOptions options;
    options.environmentSecret = QByteArray("");
    MainWindow window(workspace::builtinSampleWorkspace(), {}, options);
    window.show();
    workspace::ResponseTemplate changed = window.workspace().templates.first();
    changed.delayMs = 1234;
    window.document()->putTemplate(changed);
    EXPECT_TRUE(window.isWindowModified());

    int asked = 0;
    window.setUnsavedChangesPrompt([&](const QString &) {
        ++asked;
        return QMessageBox::Cancel;
    });
    EXPECT_FALSE(window.close());
    EXPECT_EQ(asked, 1);
    EXPECT_TRUE(window.isVisible());

    const QString fileName = directory.filePath(QStringLiteral("kept.dockside.json"));
    window.setUnsavedChangesPrompt([](const QString &) { return QMessageBox::Save; });
    window.setSaveFilePrompt([&](const QString &) { return fileName; });
    EXPECT_TRUE(window.close());
    const workspace::WorkspaceLoad load = workspace::loadWorkspaceFile(fileName);
    ASSERT_TRUE(load.workspace.has_value());
    EXPECT_EQ(load.workspace->templates.first().delayMs, 1234);
}

TEST(Workbench, TheComposerRefusesBadInputWithAReason)
{
    ui::WorkspaceDocument document(workspace::builtinSampleWorkspace());
    ui::ComposerPanel composer(&document);
    QString error;
    EXPECT_FALSE(composer.sendOptions(&error).has_value());
    EXPECT_TRUE(error.contains(QStringLiteral("URL"))) << error.toStdString();
    composer.setTargetUrl(QUrl(QStringLiteral("ftp://example.com/hook")));
    EXPECT_FALSE(composer.sendOptions(&error).has_value());
    EXPECT_TRUE(error.contains(QStringLiteral("http"))) << error.toStdString();
    composer.setTargetUrl(QUrl(QStringLiteral("http://127.0.0.1:1/hook")));
    const auto options = composer.sendOptions(&error);
    ASSERT_TRUE(options.has_value()) << error.toStdString();
    EXPECT_EQ(options->event.customerNumber, QStringLiteral("+31612345678"));
    EXPECT_EQ(options->defaultAssistant, document.workspace().defaultAssistant);
}

TEST(Workbench, TheComposersSdkChoiceShapesTheEventAndIsRemembered)
{
    ui::WorkspaceDocument document(workspace::builtinSampleWorkspace());
    ui::ComposerPanel composer(&document);
    composer.setTargetUrl(QUrl(QStringLiteral("http://127.0.0.1:1/hook")));
    auto *sdk = composer.findChild<QComboBox *>(QStringLiteral("composerSdkCombo"));
    ASSERT_NE(sdk, nullptr);
    EXPECT_TRUE(sdk->currentText().startsWith(QStringLiteral("1.0.1"))) << "the current SDK by default";
    EXPECT_FALSE(sdk->toolTip().isEmpty());
    QString error;
    EXPECT_EQ(composer.sendOptions(&error)->event.sdk, contract::SdkVersion::V1_0_1);

    sdk->setCurrentIndex(sdk->findText(QStringLiteral("1.0.0"), Qt::MatchStartsWith));
    const auto options = composer.sendOptions(&error);
    ASSERT_TRUE(options.has_value()) << error.toStdString();
    EXPECT_EQ(options->event.sdk, contract::SdkVersion::V1_0_0);
    EXPECT_TRUE(contract::buildEventPayload(options->event)
                    .value(QStringLiteral("message"))
                    .toObject()
                    .value(QStringLiteral("phone_number"))
                    .toObject()
                    .contains(QStringLiteral("id")));

    // Saved with the other composer settings and restored in a new window.
    const QByteArray state = composer.saveState();
    ui::ComposerPanel restored(&document);
    restored.restoreState(state);
    EXPECT_EQ(restored.findChild<QComboBox *>(QStringLiteral("composerSdkCombo"))->currentIndex(), sdk->currentIndex());
    EXPECT_EQ(restored.sendOptions(&error)->event.sdk, contract::SdkVersion::V1_0_0);

    // A state saved before the choice existed restores with the current SDK.
    QByteArray older;
    QDataStream stream(&older, QIODevice::WriteOnly);
    stream << quint32(1) << QStringLiteral("http://127.0.0.1:2/old") << 0 << QStringLiteral("+31600000000")
           << QStringLiteral("+3120") << QStringLiteral("Demo") << 0 << 0;
    restored.restoreState(older);
    EXPECT_EQ(restored.targetUrl(), QUrl(QStringLiteral("http://127.0.0.1:2/old")));
    EXPECT_EQ(restored.sendOptions(&error)->event.sdk, contract::SdkVersion::V1_0_1);
}

TEST(Workbench, AnUnreachableWebhookIsAnAnswerlessResultNotAHang)
{
    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    ui::WorkspaceDocument document(workspace::builtinSampleWorkspace());
    ui::ComposerPanel composer(&document);
    composer.setTargetUrl(QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(port)));
    composer.send();
    ASSERT_TRUE(QTest::qWaitFor([&] { return composer.lastResult().has_value(); }, 10000));
    EXPECT_FALSE(composer.lastResult()->answered());
    EXPECT_FALSE(composer.lastResult()->transportError.isEmpty());
    EXPECT_FALSE(composer.isBusy());
}

TEST(SecretController, TheEnvironmentVariableWinsAndAnEmptyOneMeansNoSecret)
{
    ui::SecretController fromEnvironment(QStringLiteral("Dockside tests"), QByteArrayLiteral("whsec_env"));
    fromEnvironment.load();
    EXPECT_EQ(fromEnvironment.state(), ui::SecretController::State::Ready);
    EXPECT_EQ(fromEnvironment.source(), ui::SecretController::Source::Environment);
    EXPECT_EQ(fromEnvironment.secret(), QByteArray("whsec_env"));

    ui::SecretController empty(QStringLiteral("Dockside tests"), QByteArray(""));
    empty.load();
    EXPECT_EQ(empty.state(), ui::SecretController::State::Missing);
    EXPECT_TRUE(empty.summary().contains(QStringLiteral("unsigned")));
}

TEST(SecretDialog, SetsReplacesAndClearsTheSecretInARealKeychain)
{
    if (!dockside::testing::isPrivateKeychainMode("keyring")) {
        QByteArray output;
        EXPECT_EQ(dockside::testing::runInPrivateKeychainSession(
                      "keyring", QStringLiteral("SecretDialog.SetsReplacesAndClearsTheSecretInARealKeychain"), &output),
                  0)
            << output.toStdString();
        return;
    }
    ui::SecretController controller(QStringLiteral("Dockside UI tests"), QByteArray());
    controller.load();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !controller.isBusy(); }, 10000));
    EXPECT_EQ(controller.state(), ui::SecretController::State::Missing) << controller.problem().toStdString();

    ui::SecretDialog dialog(&controller);
    auto *edit = dialog.findChild<QLineEdit *>();
    ASSERT_NE(edit, nullptr);
    QPushButton *saveButton = nullptr;
    QPushButton *clearButton = nullptr;
    for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
        if (button->text().contains(QStringLiteral("Keychain")))
            saveButton = button;
        if (button->text() == QStringLiteral("&Clear"))
            clearButton = button;
    }
    ASSERT_TRUE(saveButton && clearButton);
    EXPECT_FALSE(saveButton->isEnabled()) << "nothing to save yet";
    QTest::keyClicks(edit, QStringLiteral("whsec_from_the_dialog"));
    QSignalSpy changed(&controller, &ui::SecretController::secretChanged);
    QTest::mouseClick(saveButton, Qt::LeftButton);
    ASSERT_TRUE(changed.wait(10000)) << controller.problem().toStdString();
    EXPECT_EQ(controller.secret(), QByteArray("whsec_from_the_dialog"));
    EXPECT_EQ(controller.source(), ui::SecretController::Source::Keychain);
    EXPECT_TRUE(edit->text().isEmpty()) << "the typed secret does not linger in the dialog";

    // A fresh controller reads it back from the keychain, as the next start of the app would.
    ui::SecretController nextStart(QStringLiteral("Dockside UI tests"), QByteArray());
    nextStart.load();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !nextStart.isBusy(); }, 10000));
    EXPECT_EQ(nextStart.secret(), QByteArray("whsec_from_the_dialog"));

    ASSERT_TRUE(clearButton->isEnabled());
    QTest::mouseClick(clearButton, Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !controller.isBusy(); }, 10000));
    EXPECT_EQ(controller.state(), ui::SecretController::State::Missing);
    EXPECT_TRUE(controller.secret().isEmpty());
}

TEST(SecretDialog, WithoutAKeychainTheAppSaysSoAndExplainsTheVariable)
{
    if (!dockside::testing::isPrivateKeychainMode("none")) {
        QByteArray output;
        EXPECT_EQ(
            dockside::testing::runInPrivateKeychainSession(
                "none", QStringLiteral("SecretDialog.WithoutAKeychainTheAppSaysSoAndExplainsTheVariable"), &output),
            0)
            << output.toStdString();
        return;
    }
    // D-Bus may start a keyring on demand, but a locked one with no way to unlock it cannot store anything.
    ui::SecretController controller(QStringLiteral("Dockside UI tests"), QByteArray());
    controller.load();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !controller.isBusy(); }, 30000));
    ui::SecretDialog dialog(&controller);
    auto *edit = dialog.findChild<QLineEdit *>();
    ASSERT_NE(edit, nullptr);
    QTest::keyClicks(edit, QStringLiteral("whsec_nowhere"));
    QSignalSpy finished(&controller, &ui::SecretController::operationFinished);
    for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
        if (button->text().contains(QStringLiteral("Keychain")))
            QTest::mouseClick(button, Qt::LeftButton);
    }
    ASSERT_TRUE(finished.wait(30000));
    EXPECT_FALSE(finished.first().first().toBool());
    EXPECT_TRUE(controller.problem().contains(QStringLiteral("DOCKSIDE_WEBHOOK_SECRET")))
        << controller.problem().toStdString();
    EXPECT_NE(controller.source(), ui::SecretController::Source::Keychain);
    bool explained = false;
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        explained = explained ||
            (label->isVisibleTo(&dialog) && label->text().contains(QStringLiteral("DOCKSIDE_WEBHOOK_SECRET")));
    EXPECT_TRUE(explained);
}

TEST(Workbench, AWholeCallPlaysTheAnswersToolsAndSaysWhereTheyCameFrom)
{
    const workspace::WorkspaceLoad load = workspace::parseWorkspace(R"({"version": 1, "templates": [{"id": "tools",
        "body": {"assistant": {"llm_config": {"tools": [{"type": "function", "function": {"name": "check_order",
        "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}}},
        "server": {"url": "https://tools.example.com/orders"}}]}}}}]})");
    ASSERT_TRUE(load.workspace);
    QTemporaryDir directory;
    MainWindow window(*load.workspace, {}, windowtest::liveWindowOptions(directory, ""));
    window.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.endpoint()->isRunning(); }, 5000));
    auto *steps = child<QPlainTextEdit>(*window.composer(), "composerCallSteps");
    ASSERT_NE(steps, nullptr);
    window.findChild<QAction *>(QStringLiteral("playCallAction"))->trigger();
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return steps->toPlainText().contains(QStringLiteral("end-of-call-report")); }, 10000))
        << steps->toPlainText().toStdString();
    const QString text = steps->toPlainText();
    EXPECT_TRUE(text.contains(QStringLiteral("tool-calls: check_order (from the assistant's llm_config.tools)")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("note: check_order: the assistant names its own server "
                                             "https://tools.example.com/orders")))
        << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("tool-calls (1)"))) << "the composer's own tool only stands in";
}
