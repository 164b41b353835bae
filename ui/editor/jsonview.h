// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>

class QsciScintilla;
class QsciStyle;

namespace dockside::ui {

// A problem to show in the text: line and column are 1-based, columns count characters (as the core's
// TextPosition does); line 0 means the problem has no place and is only listed, not marked.
struct JsonMark {
    enum class Severity { Error, Warning };

    int line = 0;
    int column = 0;
    QString message;
    Severity severity = Severity::Error;

    friend bool operator==(const JsonMark &, const JsonMark &) = default;
};

// One colour the JSON is drawn in: the lexer's style, what it marks ("property", "string"…) and the colour.
struct JsonSyntaxColor {
    int lexerStyle = 0;
    QString name;
    QColor color;
};

// Shows JSON with highlighting in the palette's colours, line numbers and folding. Read-only by default;
// setReadOnly(false) makes it an editor with marks (a squiggle at the place and the message beneath the line)
// and placeholder completion (typing "{{" offers placeholderNames()).
class JsonView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonView)

public:
    explicit JsonView(QWidget *parent = nullptr);
    ~JsonView() override;

    // The colours of keys, strings, numbers, keywords, escapes, errors and punctuation on a palette's base.
    static QList<JsonSyntaxColor> syntaxColors(const QPalette &palette);

    // What a screen reader calls the editor ("JSON" unless set): "Request body", "Template JSON".
    void setEditorAccessibleName(const QString &name);

    // Replaces the text; in an editor this also starts a new undo history.
    void setText(const QString &text);
    // Replaces the whole text as one step the editor's undo takes back (a form writing into the JSON).
    void replaceText(const QString &text);
    void undo();
    void redo();
    bool isUndoAvailable() const;
    bool isRedoAvailable() const;
    // Indents valid JSON; anything else is shown as it is.
    void setJson(const QByteArray &json);
    QString text() const;
    bool isReadOnly() const;
    void setReadOnly(bool readOnly);
    bool isFoldingEnabled() const;
    // Long lines (prompts, greetings) wrap at the view's edge, indented under their start.
    void setLineWrapping(bool wrap);

    void setMarks(const QList<JsonMark> &marks);
    const QList<JsonMark> &marks() const { return m_marks; }
    // Whether a mark's squiggle covers the character at 1-based line and column.
    bool isMarkedAt(int line, int column) const;
    // The message shown beneath a 1-based line, empty when there is none.
    QString annotationOfLine(int line) const;

    void setPlaceholderNames(const QStringList &names);
    const QStringList &placeholderNames() const { return m_placeholderNames; }
    // Offers the names that start with what follows the last open "{{" before the cursor (Ctrl+Space does this).
    bool showPlaceholderCompletion();
    bool isCompletionListActive() const;

    // Moves the cursor to a 1-based line and column and shows it.
    void goTo(int line, int column);
    int cursorLine() const;
    int cursorColumn() const;

Q_SIGNALS:
    void textChanged();

protected:
    void changeEvent(QEvent *event) override;
    // No keyboard trap: Ctrl+Tab (Ctrl+Shift+Tab) leaves the editor, where Tab indents; a read-only one Tab leaves.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyPalette();
    void applyMarks();
    void charAdded(int character);
    void completionChosen(int listId, const QString &name);
    int positionOf(int line, int column) const;

    QsciScintilla *m_editor = nullptr;
    std::unique_ptr<QsciStyle> m_errorStyle;
    std::unique_ptr<QsciStyle> m_warningStyle;
    QList<JsonMark> m_marks;
    QStringList m_placeholderNames;
    int m_completionStart = -1;
};

} // namespace dockside::ui
