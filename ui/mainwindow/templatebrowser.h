#pragma once

#include "workspace/workspace.h"

#include <QModelIndex>
#include <QString>
#include <QWidget>

class QFrame;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTreeView;

namespace dockside::ui {

class JsonView;
class TemplateFilterModel;
class TemplateListModel;
class WorkspaceDocument;

// The workspace's templates with a filter, and for the selected one its answer and the outcome it causes.
class TemplateBrowser final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TemplateBrowser)

public:
    explicit TemplateBrowser(WorkspaceDocument *document, QWidget *parent = nullptr);
    ~TemplateBrowser() override;

    bool selectTemplate(const QString &id);
    QString currentTemplateId() const;
    void focusFilter();
    // "Seed answers · 7 templates", for the status bar.
    QString summary() const { return m_summary; }

Q_SIGNALS:
    void summaryChanged(const QString &summary);

private:
    const workspace::Workspace &workspace() const;
    void reload();
    void createWidgets();
    void applyFilter(const QString &text);
    void showTemplate(const QModelIndex &proxyIndex);
    void updateStatus();

    WorkspaceDocument *m_document = nullptr;
    TemplateListModel *m_templateModel = nullptr;
    TemplateFilterModel *m_filterModel = nullptr;
    QString m_summary;

    QLineEdit *m_filterEdit = nullptr;
    QTreeView *m_templateView = nullptr;
    QStackedWidget *m_detailStack = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLabel *m_idLabel = nullptr;
    QLabel *m_descriptionLabel = nullptr;
    QFrame *m_outcomeFrame = nullptr;
    QLabel *m_outcomeLabel = nullptr;
    QLabel *m_outcomeDetailLabel = nullptr;
    QLabel *m_statusValue = nullptr;
    QLabel *m_delayValue = nullptr;
    QLabel *m_faultValue = nullptr;
    QLabel *m_headersValue = nullptr;
    JsonView *m_bodyView = nullptr;
};

} // namespace dockside::ui
