// SPDX-License-Identifier: GPL-3.0-or-later

#include "exchange/difffiltermodel.h"
#include "exchange/difftablemodel.h"
#include "exchange/exchangediff.h"
#include "exchange/exchangediffdialog.h"
#include "loopbackexchanges.h"
#include "qtprinters.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>

#include <gtest/gtest.h>

using namespace dockside;
using dockside::contract::LeafChange;
using dockside::ui::DiffRow;

namespace {

const DiffRow *findRow(const QList<DiffRow> &rows, const QString &part, const QString &field)
{
    for (const DiffRow &row : rows) {
        if (row.part == part && row.field == field)
            return &row;
    }
    ADD_FAILURE() << "no row " << part.toStdString() << " / " << field.toStdString();
    return nullptr;
}

QString describe(const QList<DiffRow> &rows)
{
    QStringList lines;
    for (const DiffRow &row : rows)
        lines.append(row.part + QLatin1Char('|') + row.field + QLatin1Char('|') + contract::leafChangeName(row.change) +
                     QLatin1Char('|') + row.left + QLatin1Char('|') + row.right);
    return lines.join(QLatin1Char('\n'));
}

history::ExchangeRecord textRecord(const QByteArray &body)
{
    history::ExchangeRecord record;
    record.request.method = "POST";
    record.request.target = "/hook";
    record.request.body = body;
    return record;
}

} // namespace

TEST(ExchangeDiff, TwoRealExchangesDifferFieldByField)
{
    loopback::Loopback loopback;
    const history::ExchangeRecord greeted = loopback.send(loopback::kKnownCaller).received;
    const history::ExchangeRecord rejected = loopback.send(loopback::kRejectedCaller).received;
    const QList<DiffRow> rows = ui::diffExchanges(greeted, rejected);
    const QString all = describe(rows);

    const DiffRow *method = findRow(rows, QStringLiteral("Exchange"), QStringLiteral("Method"));
    ASSERT_NE(method, nullptr);
    EXPECT_EQ(method->change, LeafChange::Same);
    EXPECT_EQ(method->left, QStringLiteral("POST"));
    const DiffRow *path = findRow(rows, QStringLiteral("Exchange"), QStringLiteral("Path"));
    ASSERT_NE(path, nullptr);
    EXPECT_EQ(path->change, LeafChange::Same);
    const DiffRow *status = findRow(rows, QStringLiteral("Answer"), QStringLiteral("Status"));
    ASSERT_NE(status, nullptr);
    EXPECT_EQ(status->change, LeafChange::Same);
    const DiffRow *caller = findRow(rows, QStringLiteral("Exchange"), QStringLiteral("Caller"));
    ASSERT_NE(caller, nullptr);
    EXPECT_EQ(caller->change, LeafChange::Changed);
    EXPECT_EQ(caller->right, loopback::kRejectedCaller);

    // Each header by name: the signature differs, the event header does not.
    const DiffRow *event = findRow(rows, QStringLiteral("Request header"), QStringLiteral("X-Webhook-Event"));
    ASSERT_NE(event, nullptr);
    EXPECT_EQ(event->change, LeafChange::Same);
    const DiffRow *signature = findRow(rows, QStringLiteral("Request header"), QStringLiteral("X-Webhook-Signature"));
    ASSERT_NE(signature, nullptr);
    EXPECT_EQ(signature->change, LeafChange::Changed);

    // Both bodies flattened to JSON pointers, values as JSON.
    const DiffRow *number = findRow(rows, QStringLiteral("Request body"), QStringLiteral("/message/customer/number"));
    ASSERT_NE(number, nullptr);
    EXPECT_EQ(number->change, LeafChange::Changed);
    EXPECT_EQ(number->left, QStringLiteral("\"+31611111111\"")) << all.toStdString();
    const DiffRow *type = findRow(rows, QStringLiteral("Request body"), QStringLiteral("/message/type"));
    ASSERT_NE(type, nullptr);
    EXPECT_EQ(type->change, LeafChange::Same);
    const DiffRow *greeting = findRow(rows, QStringLiteral("Answer body"), QStringLiteral("/assistant/first_message"));
    ASSERT_NE(greeting, nullptr);
    EXPECT_EQ(greeting->change, LeafChange::Removed);
    const DiffRow *error = findRow(rows, QStringLiteral("Answer body"), QStringLiteral("/error"));
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->change, LeafChange::Added);
    EXPECT_EQ(error->right, QStringLiteral("\"Sorry, we are closed. Please call back tomorrow.\""));
    const DiffRow *outcome = findRow(rows, QStringLiteral("Answer"), QStringLiteral("Outcome"));
    ASSERT_NE(outcome, nullptr);
    EXPECT_EQ(outcome->left, QStringLiteral("answered · override"));
    EXPECT_EQ(outcome->right, QStringLiteral("rejected · rejected"));
}

TEST(ExchangeDiff, RepeatedHeadersPairByOccurrenceIgnoringCase)
{
    history::ExchangeRecord left = textRecord("a");
    history::ExchangeRecord right = textRecord("a");
    left.request.headers = {{"Accept", "text/plain"}, {"Accept", "application/json"}, {"X-Old", "1"}};
    right.request.headers = {{"accept", "text/plain"}, {"ACCEPT", "application/xml"}, {"X-New", "2"}};
    const QList<DiffRow> rows = ui::diffExchanges(left, right);
    const QString header = QStringLiteral("Request header");
    ASSERT_NE(findRow(rows, header, QStringLiteral("Accept")), nullptr);
    EXPECT_EQ(findRow(rows, header, QStringLiteral("Accept"))->change, LeafChange::Same);
    ASSERT_NE(findRow(rows, header, QStringLiteral("Accept #2")), nullptr);
    EXPECT_EQ(findRow(rows, header, QStringLiteral("Accept #2"))->right, QStringLiteral("application/xml"));
    EXPECT_EQ(findRow(rows, header, QStringLiteral("X-Old"))->change, LeafChange::Removed);
    EXPECT_EQ(findRow(rows, header, QStringLiteral("X-New"))->change, LeafChange::Added);
}

TEST(ExchangeDiff, TextBodiesCompareLineByLineAndBinaryAsAWhole)
{
    const QList<DiffRow> text = ui::diffExchanges(textRecord("one\ntwo\nthree"), textRecord("one\n2\nthree\nfour"));
    const QString body = QStringLiteral("Request body");
    EXPECT_EQ(findRow(text, body, QStringLiteral("line 1"))->change, LeafChange::Same);
    EXPECT_EQ(findRow(text, body, QStringLiteral("line 2"))->change, LeafChange::Changed);
    EXPECT_EQ(findRow(text, body, QStringLiteral("line 4"))->change, LeafChange::Added);

    const QList<DiffRow> binary =
        ui::diffExchanges(textRecord(QByteArray("\x89PNG\0\1", 6)), textRecord(QByteArray("\x89PNG\0\2", 6)));
    const DiffRow *bytes = findRow(binary, body, QStringLiteral("(bytes)"));
    ASSERT_NE(bytes, nullptr);
    EXPECT_EQ(bytes->change, LeafChange::Changed);
    EXPECT_TRUE(bytes->left.startsWith(QStringLiteral("6 B, SHA-256 "))) << bytes->left.toStdString();
    EXPECT_NE(bytes->left, bytes->right);
}

TEST(ExchangeDiff, ModelAndFilterPassTheModelTester)
{
    loopback::Loopback loopback;
    const QList<DiffRow> rows = ui::diffExchanges(loopback.send(loopback::kKnownCaller).received,
                                                  loopback.send(loopback::kCrashCaller).received);
    ui::DiffTableModel model;
    ui::DiffFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRows(rows);
    EXPECT_EQ(model.rowCount(), rows.size());

    filter.setOnlyDifferences(true);
    const int differences =
        model.count(LeafChange::Changed) + model.count(LeafChange::Added) + model.count(LeafChange::Removed);
    EXPECT_EQ(filter.rowCount(), differences);
    for (int row = 0; row < filter.rowCount(); ++row)
        EXPECT_NE(filter.index(row, 0).data(ui::DiffTableModel::ChangeRole).toInt(),
                  static_cast<int>(LeafChange::Same));

    // A JSON answer against an HTML one: compared line by line, and the filter finds the line by its text.
    filter.setFilterText(QStringLiteral("service unavailable"));
    ASSERT_EQ(filter.rowCount(), 1);
    EXPECT_EQ(filter.index(0, ui::DiffTableModel::PartColumn).data().toString(), QStringLiteral("Answer body"));
    EXPECT_EQ(filter.index(0, ui::DiffTableModel::FieldColumn).data().toString(), QStringLiteral("line 2"));
    EXPECT_EQ(filter.index(0, ui::DiffTableModel::ChangeColumn).data().toString(), QStringLiteral("changed"));
    EXPECT_EQ(filter.index(0, ui::DiffTableModel::RightColumn).data().toString(),
              QStringLiteral("<body>Service unavailable</body>"));
    // The greeting's template has no answer headers of its own beyond Content-Type; the HTML one says text/html.
    filter.setFilterText(QStringLiteral("text/html"));
    ASSERT_EQ(filter.rowCount(), 1);
    EXPECT_EQ(filter.index(0, ui::DiffTableModel::FieldColumn).data().toString(), QStringLiteral("Content-Type"));
    EXPECT_EQ(filter.index(0, ui::DiffTableModel::ChangeColumn).data().toString(), QStringLiteral("changed"));
    filter.setFilterText({});
    filter.setOnlyDifferences(false);
    EXPECT_EQ(filter.rowCount(), rows.size());
    model.setSideTitles(QStringLiteral("#1"), QStringLiteral("#2"));
    EXPECT_EQ(model.headerData(ui::DiffTableModel::LeftColumn, Qt::Horizontal).toString(), QStringLiteral("#1"));
    model.setRows({});
    EXPECT_EQ(filter.rowCount(), 0);
}

TEST(ExchangeDiffDialog, ComparesOffTheGuiThreadAndFilters)
{
    loopback::Loopback loopback;
    history::ExchangeRecord left = loopback.send(loopback::kKnownCaller).received;
    history::ExchangeRecord right = loopback.send(loopback::kInvalidCaller).received;
    left.id = 12;
    right.id = 15;

    ui::ExchangeDiffDialog dialog;
    QSignalSpy finished(&dialog, &ui::ExchangeDiffDialog::comparisonFinished);
    dialog.setExchanges(left, right);
    EXPECT_EQ(dialog.windowTitle(), QStringLiteral("Compare exchanges #12 and #15"));
    ASSERT_TRUE(finished.wait(5000));
    EXPECT_FALSE(dialog.isComparing());
    EXPECT_TRUE(dialog.findChild<QLabel *>(QStringLiteral("leftCaption"))
                    ->text()
                    .startsWith(QStringLiteral("#12 · inbound · POST /webhook · 200 · assistant-request · ")));

    const auto *table = dialog.findChild<QTableView *>(QStringLiteral("diffTable"));
    ASSERT_NE(table, nullptr);
    // Only the differences by default; the counts say how many of each.
    EXPECT_TRUE(dialog.onlyDifferences());
    const ui::DiffTableModel *model = dialog.model();
    const int differences =
        model->count(LeafChange::Changed) + model->count(LeafChange::Added) + model->count(LeafChange::Removed);
    EXPECT_EQ(table->model()->rowCount(), differences);
    EXPECT_EQ(dialog.findChild<QLabel *>(QStringLiteral("diffCounts"))->text(),
              QStringLiteral("%1 changed · %2 added · %3 removed · %4 the same")
                  .arg(model->count(LeafChange::Changed))
                  .arg(model->count(LeafChange::Added))
                  .arg(model->count(LeafChange::Removed))
                  .arg(model->count(LeafChange::Same)));

    auto *only = dialog.findChild<QCheckBox *>(QStringLiteral("onlyDifferences"));
    ASSERT_NE(only, nullptr);
    only->click();
    EXPECT_EQ(table->model()->rowCount(), model->rowCount());

    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("diffFilter")), QStringLiteral("max_duration"));
    ASSERT_EQ(table->model()->rowCount(), 1);
    EXPECT_EQ(table->model()->index(0, ui::DiffTableModel::FieldColumn).data().toString(),
              QStringLiteral("/max_duration_seconds"));
    EXPECT_EQ(table->model()->index(0, ui::DiffTableModel::RightColumn).data().toString(), QStringLiteral("\"300\""));

    // A newer comparison replaces the older one.
    dialog.setExchanges(left, left);
    ASSERT_TRUE(finished.wait(5000));
    EXPECT_EQ(model->count(LeafChange::Changed) + model->count(LeafChange::Added) + model->count(LeafChange::Removed),
              0);
}

TEST(ExchangeDiffDialog, RendersInLightAndDarkPalettes)
{
    const QString shots = qEnvironmentVariable("DOCKSIDE_UI_SHOTS");
    loopback::Loopback loopback;
    const history::ExchangeRecord left = loopback.send(loopback::kKnownCaller).received;
    const history::ExchangeRecord right = loopback.send(loopback::kRejectedCaller).received;
    for (const bool dark : {false, true}) {
        QPalette palette = QApplication::style()->standardPalette();
        if (dark) {
            palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
            palette.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
            palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
            palette.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
            palette.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
            palette.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        }
        ui::ExchangeDiffDialog dialog;
        dialog.setPalette(palette);
        QSignalSpy finished(&dialog, &ui::ExchangeDiffDialog::comparisonFinished);
        dialog.setExchanges(left, right);
        ASSERT_TRUE(finished.wait(5000));
        dialog.setOnlyDifferences(false);
        const QImage image = dialog.grab().toImage();
        ASSERT_EQ(image.size(), dialog.size());
        // The dialog follows the palette: a dark window in the dark one, a light window in the light one.
        const int gray = qGray(image.pixel(3, image.height() - 3));
        if (dark)
            EXPECT_LT(gray, 80);
        else
            EXPECT_GT(gray, 180);
        if (!shots.isEmpty())
            image.save(QDir(shots).filePath(
                QStringLiteral("diff-%1.png").arg(dark ? QStringLiteral("dark") : QStringLiteral("light"))));
    }
}

TEST(ExchangeDiff, BodiesOverHalfAMebibyteCompareAsAWhole)
{
    const QByteArray big = "[" + QByteArray(600 * 1024, '1') + "]";
    QByteArray other = big;
    other[10] = '2';
    const QList<DiffRow> rows = ui::diffExchanges(textRecord(big), textRecord(other));
    qsizetype bodyRows = 0;
    for (const DiffRow &row : rows)
        bodyRows += row.part == QStringLiteral("Request body") ? 1 : 0;
    EXPECT_EQ(bodyRows, 1);
    const DiffRow *whole = findRow(rows, QStringLiteral("Request body"),
                                   QStringLiteral("(whole body: over 512.0 KiB, not compared field by field)"));
    ASSERT_NE(whole, nullptr);
    EXPECT_EQ(whole->change, LeafChange::Changed);
    EXPECT_TRUE(whole->left.startsWith(QStringLiteral("600.0 KiB, SHA-256 "))) << whole->left.toStdString();
}
