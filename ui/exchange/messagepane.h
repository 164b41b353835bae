// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "preparedmessage.h"

#include "workspace/responsetemplate.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace dockside::ui {

class SearchFilterModel;
class HeaderTableModel;
class JsonView;

// One side of an exchange (the request or the answer): its body (pretty JSON, text, or a hex dump), its headers
// as a filterable table, and the raw message.
class MessagePane final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessagePane)

public:
    // name prefixes the object names of the parts ("request" gives "requestBodyJson", "requestHeaderTable", ...).
    MessagePane(const QString &name, const QString &title, QWidget *parent = nullptr);
    ~MessagePane() override;

    void showMessage(const PreparedMessage &message, const base::HeaderList &headers);
    // The headers at once, the body when it is ready: says that it is being formatted.
    void showPreparing(const QString &startLine, const base::HeaderList &headers, qsizetype bodySize);
    // No message on this side (no answer was sent): says why in every tab.
    void showNothing(const QString &why);
    void clear();

    BodyKind bodyKind() const { return m_bodyKind; }
    QString subtitle() const;
    // What the Body and Raw tabs show, as text; the note says what was left out, if anything.
    QString bodyText() const;
    QString bodyNote() const;
    QString rawText() const;
    QTabWidget *tabs() const { return m_tabs; }

private:
    QWidget *createBodyTab(const QString &name);
    QWidget *createHeadersTab(const QString &name);
    void showHeaders(const base::HeaderList &headers);

    BodyKind m_bodyKind = BodyKind::Empty;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QTabWidget *m_tabs = nullptr;
    QStackedWidget *m_bodyStack = nullptr;
    JsonView *m_json = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QLabel *m_bodyPage = nullptr;
    QLabel *m_bodyBanner = nullptr;
    HeaderTableModel *m_headerModel = nullptr;
    SearchFilterModel *m_headerFilter = nullptr;
    QLineEdit *m_headerFilterEdit = nullptr;
    QTableView *m_headerTable = nullptr;
    QPlainTextEdit *m_raw = nullptr;
};

} // namespace dockside::ui
