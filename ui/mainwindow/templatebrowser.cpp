#include "templatebrowser.h"

#include "workspace/workspacedocument.h"

#include "editor/jsonview.h"
#include "templates/templatefiltermodel.h"
#include "templates/templatelistmodel.h"
#include "templates/templateoutcome.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStringList>
#include <QTreeView>
#include <QVBoxLayout>

namespace dockside::ui {

namespace {

QString faultDescription(workspace::Fault fault)
{
    switch (fault) {
    case workspace::Fault::None:
        return QCoreApplication::translate("dockside::ui::TemplateBrowser", "none: answers normally");
    case workspace::Fault::Hang:
        return QCoreApplication::translate("dockside::ui::TemplateBrowser",
                                           "hang: never answers, closes after the platform's deadline");
    case workspace::Fault::CloseWithoutAnswer:
        return QCoreApplication::translate("dockside::ui::TemplateBrowser", "close: drops the connection unanswered");
    case workspace::Fault::BrokenJson:
        return QCoreApplication::translate("dockside::ui::TemplateBrowser", "broken_json: sends half of the body");
    }
    return {};
}

struct ToneColors {
    const char *text;
    const char *background;
    const char *accent;
};

ToneColors colorsFor(OutcomeTone tone)
{
    switch (tone) {
    case OutcomeTone::DefaultAssistant:
        return {"#1b5e20", "#e8f5e9", "#43a047"};
    case OutcomeTone::Overrides:
        return {"#0d47a1", "#e3f2fd", "#1e88e5"};
    case OutcomeTone::Rejected:
        return {"#b71c1c", "#ffebee", "#e53935"};
    case OutcomeTone::Problem:
        return {"#7a4100", "#fff3e0", "#fb8c00"};
    }
    return {"#000000", "#ffffff", "#808080"};
}

QLabel *makeValueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

TemplateBrowser::TemplateBrowser(WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_templateModel(new TemplateListModel(this))
    , m_filterModel(new TemplateFilterModel(this))
{
    m_filterModel->setSourceModel(m_templateModel);
    createWidgets();
    connect(m_document, &WorkspaceDocument::workspaceReset, this, &TemplateBrowser::reload);
    connect(m_document, &WorkspaceDocument::templatesChanged, this, [this] {
        const QString current = currentTemplateId();
        reload();
        selectTemplate(current);
    });
    reload();
}

TemplateBrowser::~TemplateBrowser() = default;

const workspace::Workspace &TemplateBrowser::workspace() const
{
    return m_document->workspace();
}

void TemplateBrowser::reload()
{
    m_templateModel->setTemplates(workspace().templates);
    if (m_filterModel->rowCount() > 0)
        m_templateView->setCurrentIndex(m_filterModel->index(0, TemplateListModel::NameColumn));
    else
        showTemplate({});
    updateStatus();
}

void TemplateBrowser::focusFilter()
{
    m_filterEdit->setFocus(Qt::ShortcutFocusReason);
    m_filterEdit->selectAll();
}

void TemplateBrowser::createWidgets()
{
    auto *listPane = new QWidget(this);
    listPane->setObjectName(QStringLiteral("templateListPane"));
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(8, 8, 4, 8);

    m_filterEdit = new QLineEdit(listPane);
    m_filterEdit->setObjectName(QStringLiteral("templateFilterEdit"));
    m_filterEdit->setPlaceholderText(tr("Filter templates (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &TemplateBrowser::applyFilter);

    m_templateView = new QTreeView(listPane);
    m_templateView->setObjectName(QStringLiteral("templateView"));
    m_templateView->setModel(m_filterModel);
    m_templateView->setRootIsDecorated(false);
    m_templateView->setUniformRowHeights(true);
    m_templateView->setAlternatingRowColors(true);
    m_templateView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_templateView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_templateView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_templateView->setStyleSheet(QStringLiteral("QTreeView::item { padding: 3px 2px; }"));
    m_templateView->header()->setStretchLastSection(false);
    m_templateView->header()->setSectionResizeMode(TemplateListModel::NameColumn, QHeaderView::Stretch);
    m_templateView->header()->setSectionResizeMode(TemplateListModel::StatusColumn, QHeaderView::ResizeToContents);
    m_templateView->header()->setSectionResizeMode(TemplateListModel::DelayColumn, QHeaderView::ResizeToContents);
    connect(m_templateView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showTemplate(current); });

    listLayout->addWidget(m_filterEdit);
    listLayout->addWidget(m_templateView);

    auto *detailPage = new QWidget(this);
    detailPage->setObjectName(QStringLiteral("templateDetailPage"));
    auto *detailLayout = new QVBoxLayout(detailPage);
    detailLayout->setContentsMargins(12, 8, 12, 8);
    detailLayout->setSpacing(8);

    m_nameLabel = makeValueLabel(QStringLiteral("templateNameLabel"), detailPage);
    QFont nameFont = m_nameLabel->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.4);
    nameFont.setBold(true);
    m_nameLabel->setFont(nameFont);
    m_idLabel = makeValueLabel(QStringLiteral("templateIdLabel"), detailPage);
    m_idLabel->setForegroundRole(QPalette::PlaceholderText);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_nameLabel);
    titleRow->addWidget(m_idLabel, 0, Qt::AlignBaseline);
    titleRow->addStretch(1);

    m_descriptionLabel = makeValueLabel(QStringLiteral("templateDescriptionLabel"), detailPage);
    m_descriptionLabel->setWordWrap(true);

    m_outcomeFrame = new QFrame(detailPage);
    m_outcomeFrame->setObjectName(QStringLiteral("outcomeFrame"));
    auto *outcomeLayout = new QVBoxLayout(m_outcomeFrame);
    outcomeLayout->setContentsMargins(12, 8, 12, 8);
    outcomeLayout->setSpacing(4);
    m_outcomeLabel = makeValueLabel(QStringLiteral("outcomeLabel"), m_outcomeFrame);
    m_outcomeLabel->setWordWrap(true);
    QFont outcomeFont = m_outcomeLabel->font();
    outcomeFont.setBold(true);
    m_outcomeLabel->setFont(outcomeFont);
    m_outcomeDetailLabel = makeValueLabel(QStringLiteral("outcomeDetailLabel"), m_outcomeFrame);
    m_outcomeDetailLabel->setWordWrap(true);
    outcomeLayout->addWidget(m_outcomeLabel);
    outcomeLayout->addWidget(m_outcomeDetailLabel);

    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    form->setHorizontalSpacing(12);
    m_statusValue = makeValueLabel(QStringLiteral("templateStatusValue"), detailPage);
    m_delayValue = makeValueLabel(QStringLiteral("templateDelayValue"), detailPage);
    m_headersValue = makeValueLabel(QStringLiteral("templateHeadersValue"), detailPage);
    m_headersValue->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    form->addRow(tr("HTTP status:"), m_statusValue);
    form->addRow(tr("Delay:"), m_delayValue);
    m_faultValue = makeValueLabel(QStringLiteral("templateFaultValue"), detailPage);
    form->addRow(tr("Fault:"), m_faultValue);
    form->addRow(tr("Headers:"), m_headersValue);

    auto *bodyHeading = new QLabel(tr("Body"), detailPage);
    bodyHeading->setObjectName(QStringLiteral("bodyHeading"));
    QFont headingFont = bodyHeading->font();
    headingFont.setBold(true);
    bodyHeading->setFont(headingFont);
    m_bodyView = new JsonView(detailPage);
    m_bodyView->setObjectName(QStringLiteral("templateBodyView"));

    detailLayout->addLayout(titleRow);
    detailLayout->addWidget(m_descriptionLabel);
    detailLayout->addWidget(m_outcomeFrame);
    detailLayout->addLayout(form);
    detailLayout->addWidget(bodyHeading);
    detailLayout->addWidget(m_bodyView, 1);

    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setObjectName(QStringLiteral("templateEmptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->setWordWrap(true);

    m_detailStack = new QStackedWidget(this);
    m_detailStack->setObjectName(QStringLiteral("templateDetailStack"));
    m_detailStack->addWidget(detailPage);
    m_detailStack->addWidget(m_emptyLabel);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(listPane);
    splitter->addWidget(m_detailStack);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({380, 820});
    listPane->setMinimumWidth(260);
    m_detailStack->setMinimumWidth(420);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
}

bool TemplateBrowser::selectTemplate(const QString &id)
{
    const QModelIndex proxyIndex = m_filterModel->mapFromSource(m_templateModel->indexOfId(id));
    if (!proxyIndex.isValid())
        return false;
    m_templateView->setCurrentIndex(proxyIndex);
    return true;
}

QString TemplateBrowser::currentTemplateId() const
{
    return m_templateView->currentIndex().data(TemplateListModel::IdRole).toString();
}

void TemplateBrowser::applyFilter(const QString &text)
{
    m_filterModel->setFilterText(text);
    if (!m_templateView->currentIndex().isValid() && m_filterModel->rowCount() > 0)
        m_templateView->setCurrentIndex(m_filterModel->index(0, TemplateListModel::NameColumn));
    showTemplate(m_templateView->currentIndex());
    updateStatus();
}

void TemplateBrowser::showTemplate(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid()) {
        m_emptyLabel->setText(workspace().templates.isEmpty()
                                  ? tr("This workspace has no templates.")
                                  : tr("No template matches “%1”.").arg(m_filterModel->filterText()));
        m_detailStack->setCurrentWidget(m_emptyLabel);
        return;
    }
    const workspace::ResponseTemplate responseTemplate =
        m_templateModel->templateAt(m_filterModel->mapToSource(proxyIndex).row());

    m_nameLabel->setText(responseTemplate.name);
    m_idLabel->setText(responseTemplate.id);
    m_descriptionLabel->setText(responseTemplate.description);
    m_descriptionLabel->setVisible(!responseTemplate.description.isEmpty());

    const TemplateOutcome outcome = describeTemplateOutcome(responseTemplate, workspace().defaultAssistant);
    const ToneColors colors = colorsFor(outcome.tone);
    m_outcomeFrame->setStyleSheet(
        QStringLiteral("QFrame#outcomeFrame { background: %1; border: 1px solid %2; border-left: 5px solid %2; "
                       "border-radius: 4px; } QFrame#outcomeFrame QLabel { color: %3; background: transparent; "
                       "border: none; }")
            .arg(QLatin1String(colors.background), QLatin1String(colors.accent), QLatin1String(colors.text)));
    m_outcomeFrame->setProperty("tone", static_cast<int>(outcome.tone));
    m_outcomeLabel->setText(outcome.headline);
    m_outcomeDetailLabel->setText(outcome.detail);

    m_statusValue->setText(QString::number(responseTemplate.status));
    m_delayValue->setText(tr("%1 ms").arg(responseTemplate.delayMs));
    m_faultValue->setText(faultDescription(responseTemplate.fault));
    QStringList headers;
    for (const auto &[name, value] : responseTemplate.headers)
        headers.append(QString::fromUtf8(name) + QStringLiteral(": ") + QString::fromUtf8(value));
    m_headersValue->setText(headers.isEmpty() ? tr("(none)") : headers.join(QLatin1Char('\n')));

    if (responseTemplate.bodyIsJson)
        m_bodyView->setJson(responseTemplate.body);
    else
        m_bodyView->setText(QString::fromUtf8(responseTemplate.body));
    m_detailStack->setCurrentIndex(0);
}

void TemplateBrowser::updateStatus()
{
    const int total = m_templateModel->rowCount();
    const int shown = m_filterModel->rowCount();
    const QString count = total == 1 ? tr("1 template") : tr("%1 templates").arg(total);
    const QString templates = shown == total ? count : tr("%1 of %2 shown").arg(shown).arg(count);
    m_summary = workspace().name + QStringLiteral(" · ") + templates;
    Q_EMIT summaryChanged(m_summary);
}

} // namespace dockside::ui
