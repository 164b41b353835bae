#include "jsonview.h"

#include <QColor>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QVBoxLayout>

// QScintilla's headers use the Qt keywords that QT_NO_KEYWORDS switches off.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>
#undef signals
#undef slots

namespace dockside::ui {

JsonView::JsonView(QWidget *parent)
    : QWidget(parent)
    , m_editor(new QsciScintilla(this))
{
    m_editor->setObjectName(QStringLiteral("jsonEditor"));

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
    const QColor marginColor = palette().color(QPalette::Window);
    m_editor->setMarginsBackgroundColor(marginColor);
    m_editor->setMarginsForegroundColor(palette().color(QPalette::PlaceholderText));
    m_editor->setFoldMarginColors(marginColor, marginColor);
    m_editor->setBraceMatching(QsciScintilla::SloppyBraceMatch);
    m_editor->setIndentationGuides(true);
    m_editor->setIndentationWidth(4);
    m_editor->setTabWidth(4);
    m_editor->setWrapMode(QsciScintilla::WrapNone);
    // Scintilla assumes 2000 px wide lines; track the real width so short bodies show no scroll bar.
    m_editor->setScrollWidth(1);
    m_editor->setScrollWidthTracking(true);
    m_editor->setCaretLineVisible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor);
    setFocusProxy(m_editor);
}

JsonView::~JsonView() = default;

void JsonView::setText(const QString &text)
{
    m_editor->setText(text);
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

bool JsonView::isReadOnly() const
{
    return m_editor->isReadOnly();
}

bool JsonView::isFoldingEnabled() const
{
    return m_editor->folding() != QsciScintilla::NoFoldStyle;
}

} // namespace dockside::ui
