// SPDX-License-Identifier: GPL-3.0-or-later

#include "jsonview.h"

#include <QColor>
#include <QEvent>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QKeyEvent>
#include <QKeySequence>
#include <QShortcut>
#include <QVBoxLayout>

#include <algorithm>

// QScintilla's headers use the Qt keywords that QT_NO_KEYWORDS switches off.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>
#include <Qsci/qscistyle.h>
#undef signals
#undef slots

namespace dockside::ui {

namespace {

// Lexers use indicators 0 to 7.
constexpr int kErrorIndicator = 8;
constexpr int kWarningIndicator = 9;
constexpr int kPlaceholderList = 1;

QColor mixed(const QColor &base, const QColor &tint, double amount)
{
    return QColor::fromRgbF(static_cast<float>(base.redF() + (tint.redF() - base.redF()) * amount),
                            static_cast<float>(base.greenF() + (tint.greenF() - base.greenF()) * amount),
                            static_cast<float>(base.blueF() + (tint.blueF() - base.blueF()) * amount));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QColor errorColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x6b, 0x6b) : QColor(0xd0, 0x1b, 0x1b);
}

QColor warningColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xf0, 0xc0, 0x4a) : QColor(0xb0, 0x6a, 0x00);
}

bool endsToken(char c)
{
    return c == ',' || c == '}' || c == ']' || c == ':' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

} // namespace

JsonView::JsonView(QWidget *parent)
    : QWidget(parent)
    , m_editor(new QsciScintilla(this))
    , m_errorStyle(std::make_unique<QsciStyle>())
    , m_warningStyle(std::make_unique<QsciStyle>())
{
    m_editor->setObjectName(QStringLiteral("jsonEditor"));
    m_editor->setAccessibleName(tr("JSON"));

    const QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto *lexer = new QsciLexerJSON(m_editor);
    lexer->setDefaultFont(font);
    lexer->setFont(font);
    lexer->setFoldCompact(false);
    m_editor->setLexer(lexer);

    m_editor->setUtf8(true);
    m_editor->setReadOnly(true);
    m_editor->setFolding(QsciScintilla::BoxedTreeFoldStyle);
    m_editor->setMarginLineNumbers(0, true);
    m_editor->setMarginsFont(font);
    m_editor->setMarginWidth(0, QStringLiteral("0000"));
    m_editor->setBraceMatching(QsciScintilla::SloppyBraceMatch);
    m_editor->setIndentationGuides(true);
    m_editor->setIndentationWidth(4);
    m_editor->setTabWidth(4);
    m_editor->setIndentationsUseTabs(false);
    m_editor->setAutoIndent(true);
    m_editor->setWrapMode(QsciScintilla::WrapNone);
    // Scintilla assumes 2000 px wide lines; track the real width so short bodies show no scroll bar.
    m_editor->setScrollWidth(1);
    m_editor->setScrollWidthTracking(true);
    m_editor->setCaretLineVisible(false);

    m_editor->indicatorDefine(QsciScintilla::SquiggleLowIndicator, kErrorIndicator);
    m_editor->indicatorDefine(QsciScintilla::SquiggleLowIndicator, kWarningIndicator);
    m_editor->setAnnotationDisplay(QsciScintilla::AnnotationIndented);
    m_errorStyle->setFont(font);
    m_warningStyle->setFont(font);
    // The list stays open while a placeholder's dots and underscores are typed, and picks the closest name.
    m_editor->setAutoCompletionCaseSensitivity(false);
    applyPalette();

    connect(m_editor, &QsciScintilla::textChanged, this, &JsonView::textChanged);
    connect(m_editor, &QsciScintilla::SCN_CHARADDED, this, &JsonView::charAdded);
    connect(m_editor, &QsciScintilla::userListActivated, this, &JsonView::completionChosen);
    auto *complete = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space), m_editor);
    complete->setContext(Qt::WidgetShortcut);
    complete->setWhatsThis(tr("Complete a placeholder"));
    connect(complete, &QShortcut::activated, this, &JsonView::showPlaceholderCompletion);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor);
    setFocusProxy(m_editor);
    m_editor->installEventFilter(this);
}

JsonView::~JsonView() = default;

void JsonView::setText(const QString &text)
{
    m_editor->setText(text);
    if (!m_editor->isReadOnly())
        m_editor->SendScintilla(QsciScintilla::SCI_EMPTYUNDOBUFFER);
}

void JsonView::replaceText(const QString &text)
{
    if (text == m_editor->text())
        return;
    // Keep the view where it was: a form edit far below must not scroll the JSON to its end.
    const int firstLine = m_editor->firstVisibleLine();
    m_editor->beginUndoAction();
    m_editor->selectAll(true);
    m_editor->replaceSelectedText(text);
    m_editor->endUndoAction();
    m_editor->setFirstVisibleLine(std::min(firstLine, std::max(0, m_editor->lines() - 1)));
}

void JsonView::undo()
{
    m_editor->undo();
}

void JsonView::redo()
{
    m_editor->redo();
}

bool JsonView::isUndoAvailable() const
{
    return m_editor->isUndoAvailable();
}

bool JsonView::isRedoAvailable() const
{
    return m_editor->isRedoAvailable();
}

void JsonView::setJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error == QJsonParseError::NoError && !document.isNull())
        setText(QString::fromUtf8(document.toJson(QJsonDocument::Indented)));
    else
        setText(QString::fromUtf8(json));
}

QString JsonView::text() const
{
    return m_editor->text();
}

bool JsonView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool tab = key->key() == Qt::Key_Tab || key->key() == Qt::Key_Backtab;
        const bool control = key->modifiers().testFlag(Qt::ControlModifier);
        if (tab && (control || m_editor->isReadOnly())) {
            const bool backwards = key->key() == Qt::Key_Backtab || key->modifiers().testFlag(Qt::ShiftModifier);
            focusNextPrevChild(!backwards);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

bool JsonView::isReadOnly() const
{
    return m_editor->isReadOnly();
}

void JsonView::setReadOnly(bool readOnly)
{
    m_editor->setReadOnly(readOnly);
    m_editor->setCaretLineVisible(!readOnly);
}

void JsonView::setLineWrapping(bool wrap)
{
    m_editor->setWrapMode(wrap ? QsciScintilla::WrapWord : QsciScintilla::WrapNone);
    m_editor->setWrapIndentMode(QsciScintilla::WrapIndentIndented);
}

bool JsonView::isFoldingEnabled() const
{
    return m_editor->folding() != QsciScintilla::NoFoldStyle;
}

void JsonView::setMarks(const QList<JsonMark> &marks)
{
    if (marks == m_marks)
        return;
    m_marks = marks;
    applyMarks();
}

int JsonView::positionOf(int line, int column) const
{
    const int lineCount = m_editor->lines();
    const int lineIndex = std::clamp(line, 1, std::max(lineCount, 1)) - 1;
    const int lineLength = static_cast<int>(m_editor->text(lineIndex).size());
    // Past the end of the line (a parse error at the end of the text) falls back to the line's last character.
    return m_editor->positionFromLineIndex(lineIndex, std::clamp(column - 1, 0, std::max(lineLength, 0)));
}

void JsonView::applyMarks()
{
    const int end = static_cast<int>(m_editor->SendScintilla(QsciScintilla::SCI_GETLENGTH));
    for (const int indicator : {kErrorIndicator, kWarningIndicator}) {
        m_editor->SendScintilla(QsciScintilla::SCI_SETINDICATORCURRENT, indicator);
        m_editor->SendScintilla(QsciScintilla::SCI_INDICATORCLEARRANGE, 0, end);
    }
    m_editor->clearAnnotations();

    QMap<int, QStringList> messagesByLine;
    QMap<int, bool> lineHasError;
    for (const JsonMark &mark : m_marks) {
        if (mark.line < 1 || mark.line > m_editor->lines())
            continue;
        int start = positionOf(mark.line, mark.column);
        // The squiggle covers the token that starts there: a string with its quotes, a number, a literal, or one
        // bracket; at the end of a line it covers the character before.
        const auto charAt = [this](int position) {
            return static_cast<char>(
                m_editor->SendScintilla(QsciScintilla::SCI_GETCHARAT, static_cast<unsigned long>(position)));
        };
        int stop = start;
        if (start >= end || charAt(start) == '\n' || charAt(start) == '\r') {
            start = std::max(0, start - 1);
            stop = start + 1;
        } else if (charAt(start) == '"') {
            stop = start + 1;
            while (stop < end && charAt(stop) != '\n') {
                if (charAt(stop) == '\\') {
                    stop += 2;
                    continue;
                }
                if (charAt(stop++) == '"')
                    break;
            }
        } else if (charAt(start) == '{' || charAt(start) == '[') {
            stop = start + 1;
        } else {
            while (stop < end && !endsToken(charAt(stop)))
                ++stop;
            stop = std::max(stop, start + 1);
        }
        const bool isError = mark.severity == JsonMark::Severity::Error;
        m_editor->SendScintilla(QsciScintilla::SCI_SETINDICATORCURRENT, isError ? kErrorIndicator : kWarningIndicator);
        m_editor->SendScintilla(QsciScintilla::SCI_INDICATORFILLRANGE, static_cast<unsigned long>(start),
                                static_cast<long>(std::min(stop, end) - start));
        messagesByLine[mark.line].append(mark.message);
        lineHasError[mark.line] = lineHasError.value(mark.line) || isError;
    }
    for (auto it = messagesByLine.cbegin(); it != messagesByLine.cend(); ++it)
        m_editor->annotate(it.key() - 1, it.value().join(QLatin1Char('\n')),
                           lineHasError.value(it.key()) ? *m_errorStyle : *m_warningStyle);
}

bool JsonView::isMarkedAt(int line, int column) const
{
    if (line < 1 || line > m_editor->lines())
        return false;
    const int position = positionOf(line, column);
    for (const int indicator : {kErrorIndicator, kWarningIndicator}) {
        if (m_editor->SendScintilla(QsciScintilla::SCI_INDICATORVALUEAT, static_cast<unsigned long>(indicator),
                                    position) != 0)
            return true;
    }
    return false;
}

QString JsonView::annotationOfLine(int line) const
{
    return line < 1 ? QString() : m_editor->annotation(line - 1);
}

void JsonView::setPlaceholderNames(const QStringList &names)
{
    m_placeholderNames = names;
    // Scintilla matches typed text against a sorted list.
    std::sort(m_placeholderNames.begin(), m_placeholderNames.end(),
              [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    m_placeholderNames.removeDuplicates();
}

void JsonView::charAdded(int character)
{
    if (character != '{' || m_placeholderNames.isEmpty() || m_editor->isReadOnly())
        return;
    const int position = static_cast<int>(m_editor->SendScintilla(QsciScintilla::SCI_GETCURRENTPOS));
    if (position < 2 ||
        m_editor->SendScintilla(QsciScintilla::SCI_GETCHARAT, static_cast<unsigned long>(position - 2)) != '{')
        return;
    m_completionStart = position;
    m_editor->showUserList(kPlaceholderList, m_placeholderNames);
}

bool JsonView::showPlaceholderCompletion()
{
    if (m_placeholderNames.isEmpty() || m_editor->isReadOnly())
        return false;
    int line = 0;
    int index = 0;
    m_editor->getCursorPosition(&line, &index);
    const QString before = m_editor->text(line).left(index);
    const qsizetype open = before.lastIndexOf(QLatin1String("{{"));
    if (open < 0 || before.indexOf(QLatin1String("}}"), open) >= 0)
        return false;
    const QString typed = before.mid(open + 2).trimmed();
    QStringList candidates;
    for (const QString &name : m_placeholderNames) {
        if (name.startsWith(typed, Qt::CaseInsensitive))
            candidates.append(name);
    }
    if (candidates.isEmpty())
        return false;
    m_completionStart = m_editor->positionFromLineIndex(line, static_cast<int>(open) + 2);
    m_editor->showUserList(kPlaceholderList, candidates);
    return true;
}

bool JsonView::isCompletionListActive() const
{
    return m_editor->isListActive();
}

void JsonView::completionChosen(int listId, const QString &name)
{
    if (listId != kPlaceholderList || m_completionStart < 0)
        return;
    const int position = static_cast<int>(m_editor->SendScintilla(QsciScintilla::SCI_GETCURRENTPOS));
    const int end = static_cast<int>(m_editor->SendScintilla(QsciScintilla::SCI_GETLENGTH));
    QByteArray following;
    for (int i = position; i < std::min(position + 2, end); ++i)
        following.append(
            static_cast<char>(m_editor->SendScintilla(QsciScintilla::SCI_GETCHARAT, static_cast<unsigned long>(i))));
    const QString insertion = following == "}}" ? name : name + QLatin1String("}}");
    m_editor->SendScintilla(QsciScintilla::SCI_SETSEL, static_cast<unsigned long>(m_completionStart), position);
    m_editor->replaceSelectedText(insertion);
    m_completionStart = -1;
}

void JsonView::goTo(int line, int column)
{
    const int position = positionOf(line, column);
    int lineIndex = 0;
    int index = 0;
    m_editor->lineIndexFromPosition(position, &lineIndex, &index);
    m_editor->setCursorPosition(lineIndex, index);
    m_editor->ensureLineVisible(lineIndex);
    m_editor->setFocus(Qt::OtherFocusReason);
}

int JsonView::cursorLine() const
{
    int line = 0;
    int index = 0;
    m_editor->getCursorPosition(&line, &index);
    return line + 1;
}

int JsonView::cursorColumn() const
{
    int line = 0;
    int index = 0;
    m_editor->getCursorPosition(&line, &index);
    return index + 1;
}

void JsonView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyPalette();
}

QList<JsonSyntaxColor> JsonView::syntaxColors(const QPalette &colors)
{
    const bool dark = isDark(colors);
    const auto accent = [dark](QRgb light, QRgb onDark) { return QColor::fromRgb(dark ? onDark : light); };
    return {{QsciLexerJSON::Property, QStringLiteral("property"), accent(0x1a5fb4, 0x8ab4f8)},
            {QsciLexerJSON::String, QStringLiteral("string"), accent(0x2a7a32, 0x9ccc65)},
            {QsciLexerJSON::Number, QStringLiteral("number"), accent(0xa3470e, 0xf5a97f)},
            {QsciLexerJSON::Keyword, QStringLiteral("keyword"), accent(0x7b2fb0, 0xd7a8ff)},
            {QsciLexerJSON::EscapeSequence, QStringLiteral("escape"), accent(0x9a6700, 0xffcb6b)},
            {QsciLexerJSON::UnclosedString, QStringLiteral("unclosed string"), errorColor(colors)},
            {QsciLexerJSON::Error, QStringLiteral("error"), errorColor(colors)},
            {QsciLexerJSON::Operator, QStringLiteral("punctuation"),
             mixed(colors.color(QPalette::Text), colors.color(QPalette::Base), 0.35)}};
}

void JsonView::applyPalette()
{
    const QPalette colors = palette();
    const bool dark = isDark(colors);
    const QColor text = colors.color(QPalette::Text);
    const QColor base = colors.color(QPalette::Base);

    auto *lexer = qobject_cast<QsciLexerJSON *>(m_editor->lexer());
    if (lexer != nullptr) {
        lexer->setDefaultColor(text);
        lexer->setDefaultPaper(base);
        lexer->setPaper(base, -1);
        lexer->setColor(text, -1);
        for (const JsonSyntaxColor &syntax : syntaxColors(colors))
            lexer->setColor(syntax.color, syntax.lexerStyle);
    }
    const QColor marginColor = colors.color(QPalette::Window);
    m_editor->setMarginsBackgroundColor(marginColor);
    m_editor->setMarginsForegroundColor(colors.color(QPalette::PlaceholderText));
    m_editor->setFoldMarginColors(marginColor, marginColor);
    m_editor->setCaretForegroundColor(text);
    m_editor->setCaretLineBackgroundColor(mixed(base, text, 0.06));
    m_editor->setSelectionBackgroundColor(colors.color(QPalette::Highlight));
    m_editor->setSelectionForegroundColor(colors.color(QPalette::HighlightedText));
    m_editor->setMatchedBraceBackgroundColor(mixed(base, colors.color(QPalette::Highlight), 0.3));
    m_editor->setMatchedBraceForegroundColor(text);
    m_editor->setUnmatchedBraceForegroundColor(errorColor(colors));
    m_editor->setIndentationGuidesForegroundColor(mixed(base, text, 0.2));
    m_editor->setIndentationGuidesBackgroundColor(base);
    m_editor->setIndicatorForegroundColor(errorColor(colors), kErrorIndicator);
    m_editor->setIndicatorForegroundColor(warningColor(colors), kWarningIndicator);

    m_errorStyle->setColor(text);
    m_errorStyle->setPaper(mixed(base, errorColor(colors), dark ? 0.25 : 0.12));
    m_warningStyle->setColor(text);
    m_warningStyle->setPaper(mixed(base, warningColor(colors), dark ? 0.25 : 0.14));
    applyMarks();
}

void JsonView::setEditorAccessibleName(const QString &name)
{
    m_editor->setAccessibleName(name);
}

} // namespace dockside::ui
