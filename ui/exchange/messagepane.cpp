// SPDX-License-Identifier: GPL-3.0-or-later

#include "messagepane.h"

#include "common/elidedlabel.h"

#include "headertablemodel.h"

#include "common/searchfiltermodel.h"
#include "editor/jsonview.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTableView>
#include <QTabWidget>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {

enum BodyPage { JsonPage, TextPage, NotePage };
enum Tab { BodyTab, HeadersTab, RawTab };

QPlainTextEdit *makeTextView(const QString &objectName, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    return view;
}

QLabel *makeNote(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

MessagePane::MessagePane(const QString &name, const QString &title, QWidget *parent)
    : QWidget(parent)
    , m_headerModel(new HeaderTableModel(this))
    , m_headerFilter(new SearchFilterModel(this))
{
    setObjectName(name + QStringLiteral("Pane"));
    m_headerFilter->setSourceModel(m_headerModel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *titleRow = new QHBoxLayout;
    titleRow->setContentsMargins(4, 0, 4, 0);
    m_title = new QLabel(title, this);
    m_title->setObjectName(name + QStringLiteral("Title"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    // One line beside the title; in a narrow pane it ends with "…" and its tooltip says it whole.
    m_subtitle = new ElidedLabel(this);
    m_subtitle->setObjectName(name + QStringLiteral("Subtitle"));
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_subtitle, 1);
    layout->addLayout(titleRow);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(name + QStringLiteral("Tabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(createBodyTab(name), tr("Body"));
    m_tabs->addTab(createHeadersTab(name), tr("Headers"));
    m_raw = makeTextView(name + QStringLiteral("Raw"), this);
    m_raw->setToolTip(tr("The head as recorded (names and values as they came), then the body byte for byte"));
    m_tabs->addTab(m_raw, tr("Raw"));
    layout->addWidget(m_tabs, 1);
    // Names for a screen reader: the pane's title says whose body, headers and bytes these are.
    m_json->setEditorAccessibleName(tr("%1 body").arg(title));
    m_text->setAccessibleName(tr("%1 body").arg(title));
    m_headerFilterEdit->setAccessibleName(tr("Filter %1 headers").arg(title));
    m_headerTable->setAccessibleName(tr("%1 headers").arg(title));
    m_raw->setAccessibleName(tr("%1 raw bytes").arg(title));
    clear();
}

MessagePane::~MessagePane() = default;

QWidget *MessagePane::createBodyTab(const QString &name)
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_bodyBanner = makeNote(name + QStringLiteral("BodyLimit"), tab);
    m_bodyBanner->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_bodyBanner);
    m_bodyStack = new QStackedWidget(tab);
    m_json = new JsonView(tab);
    m_json->setObjectName(name + QStringLiteral("BodyJson"));
    m_text = makeTextView(name + QStringLiteral("BodyText"), tab);
    m_bodyPage = makeNote(name + QStringLiteral("BodyNote"), tab);
    m_bodyPage->setAlignment(Qt::AlignCenter);
    m_bodyStack->addWidget(m_json);
    m_bodyStack->addWidget(m_text);
    m_bodyStack->addWidget(m_bodyPage);
    layout->addWidget(m_bodyStack, 1);
    return tab;
}

QWidget *MessagePane::createHeadersTab(const QString &name)
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    m_headerFilterEdit = new QLineEdit(tab);
    m_headerFilterEdit->setObjectName(name + QStringLiteral("HeaderFilter"));
    m_headerFilterEdit->setPlaceholderText(tr("Filter headers by name or value"));
    installSearch(m_headerFilterEdit, m_headerFilter);
    layout->addWidget(m_headerFilterEdit);

    m_headerTable = new QTableView(tab);
    m_headerTable->setObjectName(name + QStringLiteral("HeaderTable"));
    m_headerTable->setModel(m_headerFilter);
    m_headerTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headerTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headerTable->setWordWrap(false);
    m_headerTable->verticalHeader()->hide();
    m_headerTable->verticalHeader()->setDefaultSectionSize(m_headerTable->fontMetrics().height() + 8);
    m_headerTable->horizontalHeader()->setHighlightSections(false);
    m_headerTable->horizontalHeader()->setSectionResizeMode(HeaderTableModel::NameColumn,
                                                            QHeaderView::ResizeToContents);
    m_headerTable->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_headerTable, 1);
    return tab;
}

void MessagePane::clear()
{
    m_bodyKind = BodyKind::Empty;
    m_subtitle->clear();
    m_json->setText({});
    m_text->clear();
    m_bodyPage->clear();
    m_bodyBanner->hide();
    m_bodyStack->setCurrentIndex(NotePage);
    showHeaders({});
    m_raw->clear();
}

void MessagePane::showHeaders(const base::HeaderList &headers)
{
    m_headerModel->setHeaders(headers);
    m_tabs->setTabText(HeadersTab, headers.isEmpty() ? tr("Headers") : tr("Headers (%1)").arg(headers.size()));
}

void MessagePane::showNothing(const QString &why)
{
    clear();
    m_subtitle->setText(why);
    m_bodyPage->setText(why);
    m_raw->setPlainText(why);
}

void MessagePane::showPreparing(const QString &startLine, const base::HeaderList &headers, qsizetype bodySize)
{
    clear();
    showHeaders(headers);
    const QString preparing = tr("Formatting %1 of body…").arg(byteSize(bodySize));
    m_subtitle->setText(startLine + QStringLiteral(" · ") + byteSize(bodySize));
    m_bodyPage->setText(preparing);
    m_raw->setPlainText(preparing);
}

void MessagePane::showMessage(const PreparedMessage &message, const base::HeaderList &headers)
{
    showHeaders(headers);
    m_bodyKind = message.kind;
    m_subtitle->setText(message.subtitle);
    m_raw->setPlainText(message.rawText);
    m_bodyBanner->setText(message.bodyNote);
    m_bodyBanner->setVisible(message.kind != BodyKind::Empty && !message.bodyNote.isEmpty());
    switch (message.kind) {
    case BodyKind::Empty:
        m_json->setText({});
        m_text->clear();
        m_bodyPage->setText(message.bodyNote);
        m_bodyStack->setCurrentIndex(NotePage);
        break;
    case BodyKind::Json:
        m_json->setText(message.bodyText);
        m_text->clear();
        m_bodyStack->setCurrentIndex(JsonPage);
        break;
    case BodyKind::Text:
    case BodyKind::Binary:
        m_json->setText({});
        m_text->setPlainText(message.bodyText);
        m_bodyStack->setCurrentIndex(TextPage);
        break;
    }
}

QString MessagePane::subtitle() const
{
    return m_subtitle->text();
}

QString MessagePane::bodyText() const
{
    switch (m_bodyStack->currentIndex()) {
    case JsonPage:
        return m_json->text();
    case TextPage:
        return m_text->toPlainText();
    default:
        return m_bodyPage->text();
    }
}

QString MessagePane::bodyNote() const
{
    return m_bodyBanner->isHidden() ? QString() : m_bodyBanner->text();
}

QString MessagePane::rawText() const
{
    return m_raw->toPlainText();
}

} // namespace dockside::ui
