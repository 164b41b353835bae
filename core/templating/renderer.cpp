// SPDX-License-Identifier: GPL-3.0-or-later

#include "renderer.h"

#include "placeholder.h"

#include "base/parsing.h"
#include "contract/answervalidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace dockside::templating {

namespace {

struct Token {
    bool isPlaceholder = false;
    QString text; // literal text, or the trimmed name between the braces
    QStringView written; // the placeholder as written, braces included
};

// nullopt (and an error message) when a "{{" is never closed.
std::optional<QList<Token>> tokenize(QStringView text, QString &error)
{
    QList<Token> tokens;
    qsizetype position = 0;
    while (position < text.size()) {
        const qsizetype open = text.indexOf(QLatin1String("{{"), position);
        if (open < 0) {
            tokens.append({false, text.mid(position).toString(), {}});
            break;
        }
        if (open > position)
            tokens.append({false, text.mid(position, open - position).toString(), {}});
        const qsizetype close = text.indexOf(QLatin1String("}}"), open + 2);
        if (close < 0) {
            error = QStringLiteral("\"{{\" at character %1 is never closed with \"}}\"").arg(open + 1);
            return std::nullopt;
        }
        tokens.append(
            {true, text.mid(open + 2, close - open - 2).trimmed().toString(), text.mid(open, close + 2 - open)});
        position = close + 2;
    }
    return tokens;
}

QString scalarJsonText(const QJsonValue &value)
{
    // QJsonDocument writes only objects and arrays, so a scalar goes through a one-item array.
    const QByteArray json = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

class Renderer {
public:
    Renderer(const RenderContext &context, const RenderOptions &options)
        : m_context(context)
        , m_options(options)
    {
    }

    QList<RenderError> &errors() { return m_errors; }
    int placeholderCount() const { return m_placeholderCount; }
    bool overLimit() const { return m_overLimit; }

    QString renderString(QStringView text, const QString &location)
    {
        QString tokenError;
        const std::optional<QList<Token>> tokens = tokenize(text, tokenError);
        if (!tokens) {
            fail(QString(), location, tokenError);
            return QString();
        }
        QString result;
        for (const Token &token : *tokens) {
            if (!token.isPlaceholder) {
                result += token.text;
                continue;
            }
            ++m_placeholderCount;
            const PlaceholderValue resolved = resolvePlaceholder(token.text, m_context);
            switch (resolved.kind) {
            case PlaceholderValue::Kind::KeepVerbatim:
                result += token.written;
                break;
            case PlaceholderValue::Kind::Missing:
                fail(token.text, location, resolved.error);
                break;
            case PlaceholderValue::Kind::Value: {
                if (resolved.value.isNull()) {
                    fail(token.text, location,
                         QStringLiteral("the value is null in the request; a null cannot be written into text"));
                    break;
                }
                const QString piece = textOf(resolved.value);
                if (!spend(piece.size(), location))
                    return QString();
                result += piece;
                break;
            }
            }
        }
        return result;
    }

    QJsonValue renderJson(const QJsonValue &node, const QString &location)
    {
        if (m_overLimit)
            return node;
        if (node.isObject()) {
            QJsonObject object = node.toObject();
            for (auto it = object.begin(); it != object.end(); ++it)
                it.value() = renderJson(it.value(), base::parsing::child(location, it.key()));
            return object;
        }
        if (node.isArray()) {
            QJsonArray array = node.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                array[i] = renderJson(array.at(i), base::parsing::index(location, i));
            return array;
        }
        if (!node.isString())
            return node;
        const QString text = node.toString();
        QString tokenError;
        const std::optional<QList<Token>> tokens = tokenize(text, tokenError);
        if (tokens && tokens->size() == 1 && tokens->first().isPlaceholder) {
            // A string that is only a placeholder takes the value's own JSON type.
            ++m_placeholderCount;
            const PlaceholderValue resolved = resolvePlaceholder(tokens->first().text, m_context);
            if (resolved.kind == PlaceholderValue::Kind::KeepVerbatim)
                return node;
            if (resolved.kind == PlaceholderValue::Kind::Missing) {
                fail(tokens->first().text, location, resolved.error);
                return node;
            }
            spend(resolved.value.isString() ? resolved.value.toString().size() : textOf(resolved.value).size(),
                  location);
            return resolved.value;
        }
        return renderString(text, location);
    }

private:
    static QString textOf(const QJsonValue &value)
    {
        if (value.isString())
            return value.toString();
        if (value.isObject())
            return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        if (value.isArray())
            return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        return scalarJsonText(value);
    }

    bool spend(qsizetype characters, const QString &location)
    {
        m_produced += characters;
        if (m_produced <= m_options.maxOutputBytes || m_overLimit)
            return !m_overLimit;
        m_overLimit = true;
        fail(QString(), location,
             QStringLiteral("the rendered body would be larger than the limit of %1 bytes")
                 .arg(m_options.maxOutputBytes));
        return false;
    }

    void fail(const QString &placeholder, const QString &location, const QString &message)
    {
        m_errors.append({placeholder, location, message});
    }

    const RenderContext &m_context;
    const RenderOptions &m_options;
    QList<RenderError> m_errors;
    qsizetype m_produced = 0;
    int m_placeholderCount = 0;
    bool m_overLimit = false;
};

RenderResult finish(QByteArray body, Renderer &renderer, const RenderOptions &options)
{
    RenderResult result;
    if (!renderer.overLimit() && body.size() > options.maxOutputBytes)
        renderer.errors().append({QString(), QString(),
                                  QStringLiteral("the rendered body is %1 bytes, larger than the limit of %2 bytes")
                                      .arg(body.size())
                                      .arg(options.maxOutputBytes)});
    result.errors = renderer.errors();
    if (result.errors.isEmpty())
        result.body = std::move(body);
    return result;
}

} // namespace

QString RenderError::describe() const
{
    QString text;
    if (!location.isEmpty())
        text += location + QLatin1String(": ");
    if (!placeholder.isEmpty())
        text += QLatin1String("{{") + placeholder + QLatin1String("}}: ");
    return text + message;
}

RenderResult renderBody(const QByteArray &templateBody, bool bodyIsJson, const RenderContext &context,
                        const RenderOptions &options)
{
    // Most templates have no placeholders: they go out byte for byte without being parsed on the request path.
    if (!templateBody.contains("{{") && templateBody.size() <= options.maxOutputBytes)
        return {templateBody, {}};
    Renderer renderer(context, options);
    if (!bodyIsJson)
        return finish(renderer.renderString(QString::fromUtf8(templateBody), QString()).toUtf8(), renderer, options);
    if (templateBody.trimmed().isEmpty())
        return finish(templateBody, renderer, options);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(templateBody, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        renderer.errors().append({QString(), QStringLiteral("$"),
                                  QStringLiteral("the template body is not valid JSON (%1 at offset %2); use a raw "
                                                 "body for text")
                                      .arg(parseError.errorString())
                                      .arg(parseError.offset)});
        return finish({}, renderer, options);
    }
    const QJsonValue root = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    const QJsonValue rendered = renderer.renderJson(root, QStringLiteral("$"));
    if (renderer.placeholderCount() == 0)
        return finish(templateBody, renderer, options);
    const QJsonDocument output =
        rendered.isObject() ? QJsonDocument(rendered.toObject()) : QJsonDocument(rendered.toArray());
    return finish(output.toJson(QJsonDocument::Indented), renderer, options);
}

RenderResult renderText(QStringView text, const RenderContext &context, const RenderOptions &options)
{
    Renderer renderer(context, options);
    return finish(renderer.renderString(text, QString()).toUtf8(), renderer, options);
}

} // namespace dockside::templating
