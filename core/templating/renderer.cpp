// SPDX-License-Identifier: GPL-3.0-or-later

#include "renderer.h"

#include "jsonstring.h"
#include "placeholder.h"

#include "base/parsing.h"
#include "contract/answervalidator.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <memory>
#include <optional>

namespace dockside::templating {

namespace {

struct Token {
    bool isPlaceholder = false;
    QString text; // literal text, or the trimmed name between the braces
    QString written; // the placeholder as written, braces included
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
        tokens.append({true, text.mid(open + 2, close - open - 2).trimmed().toString(),
                       text.mid(open, close + 2 - open).toString()});
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

// A JSON template as the request path needs it, made once per template: the parsed document, and the way down to
// each string that holds a placeholder with its tokens and location. Parsing, walking every node and tokenizing every
// string again on each request cost more than the rest of the answer.
struct PlaceholderSite {
    QString original; // the string as the template has it
    QString location; // "$.assistant.first_message"
    std::optional<QList<Token>> tokens; // nullopt: a "{{" is never closed
    QString tokenError;
};

struct CompiledNode {
    QString key; // the child's key in an object
    qsizetype index = -1; // or its position in an array
    QList<CompiledNode> children; // only the ones that lead to a placeholder, in document order
    std::optional<PlaceholderSite> site; // this node is a string with a placeholder
};

// The template as Qt writes it (indented), cut at each placeholder string: the answer is those pieces with each
// rendered value's JSON between them, so a request writes only its values, not the whole document again.
struct SplicePlan {
    struct Slot {
        const PlaceholderSite *site;
        int indent; // nesting depth, for an object or array a whole-value placeholder brings
    };
    QList<QByteArray> pieces; // one more than slots
    QList<Slot> slots;
};

struct CompiledTemplate {
    QJsonValue root;
    CompiledNode tree;
    std::optional<SplicePlan> splice; // nullopt: the template's own text held a marker, so the answer is rewritten
    QString parseError; // not empty: the template body is not valid JSON
};

CompiledNode compileNode(const QJsonValue &node, const QString &location)
{
    CompiledNode compiled;
    if (node.isObject()) {
        const QJsonObject object = node.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            CompiledNode child = compileNode(it.value(), base::parsing::child(location, it.key()));
            if (child.site || !child.children.isEmpty()) {
                child.key = it.key();
                compiled.children.append(std::move(child));
            }
        }
    } else if (node.isArray()) {
        const QJsonArray array = node.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            CompiledNode child = compileNode(array.at(i), base::parsing::index(location, i));
            if (child.site || !child.children.isEmpty()) {
                child.index = i;
                compiled.children.append(std::move(child));
            }
        }
    } else if (node.isString() && node.toString().contains(QLatin1String("{{"))) {
        PlaceholderSite site;
        site.original = node.toString();
        site.location = location;
        site.tokens = tokenize(node.toString(), site.tokenError);
        compiled.site = std::move(site);
    }
    return compiled;
}

QString siteMarker(qsizetype index)
{
    return QStringLiteral("\001dockside-site-%1\001").arg(index);
}

// A copy of the document with each placeholder string replaced by what replace gives for it, in document order.
template<typename Replace>
QJsonValue replaceSites(const QJsonValue &node, const CompiledNode &compiled, const Replace &replace)
{
    if (compiled.site)
        return replace(node, *compiled.site);
    if (node.isObject()) {
        QJsonObject object = node.toObject();
        for (const CompiledNode &child : compiled.children)
            object.insert(child.key, replaceSites(object.value(child.key), child, replace));
        return object;
    }
    QJsonArray array = node.toArray();
    for (const CompiledNode &child : compiled.children)
        array[child.index] = replaceSites(array.at(child.index), child, replace);
    return array;
}

QByteArray indentedJson(const QJsonValue &root)
{
    return root.isObject() ? QJsonDocument(root.toObject()).toJson(QJsonDocument::Indented)
                           : QJsonDocument(root.toArray()).toJson(QJsonDocument::Indented);
}

std::optional<SplicePlan> planSplice(const QJsonValue &root, const CompiledNode &tree)
{
    QList<const PlaceholderSite *> sites;
    const QByteArray text =
        indentedJson(replaceSites(root, tree, [&sites](const QJsonValue &, const PlaceholderSite &site) {
            sites.append(&site);
            return QJsonValue(siteMarker(sites.size() - 1));
        }));
    SplicePlan plan;
    qsizetype from = 0;
    for (qsizetype i = 0; i < sites.size(); ++i) {
        QByteArray marker;
        appendJsonString(marker, siteMarker(i));
        const qsizetype at = text.indexOf(marker, from);
        // Each marker once and in document order, or a template string that spells one would be cut wrongly.
        if (at < 0 || text.indexOf(marker, at + marker.size()) >= 0)
            return std::nullopt;
        const qsizetype lineStart = text.lastIndexOf('\n', at) + 1;
        qsizetype spaces = 0;
        while (text.at(lineStart + spaces) == ' ')
            ++spaces;
        plan.pieces.append(text.mid(from, at - from));
        plan.slots.append({sites.at(i), int(spaces / 4)});
        from = at + marker.size();
    }
    plan.pieces.append(text.mid(from));
    return plan;
}

std::shared_ptr<const CompiledTemplate> compileTemplate(const QByteArray &templateBody)
{
    auto compiled = std::make_shared<CompiledTemplate>();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(templateBody, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        compiled->parseError = QStringLiteral("the template body is not valid JSON (%1 at offset %2); use a raw "
                                              "body for text")
                                   .arg(parseError.errorString())
                                   .arg(parseError.offset);
        return compiled;
    }
    compiled->root = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    compiled->tree = compileNode(compiled->root, QStringLiteral("$"));
    compiled->splice = planSplice(compiled->root, compiled->tree);
    return compiled;
}

// Templates are few and change rarely, so each thread keeps the ones it rendered, keyed by their bytes: an edited
// template is a new key. Bounded, so a stream of generated templates cannot grow it without end.
std::shared_ptr<const CompiledTemplate> compiledTemplate(const QByteArray &templateBody)
{
    constexpr qsizetype kMaxTemplates = 64;
    constexpr qsizetype kMaxCachedBytes = 256 * 1024;
    thread_local QHash<QByteArray, std::shared_ptr<const CompiledTemplate>> cache;
    if (const auto known = cache.constFind(templateBody); known != cache.constEnd())
        return known.value();
    std::shared_ptr<const CompiledTemplate> compiled = compileTemplate(templateBody);
    if (templateBody.size() <= kMaxCachedBytes) {
        if (cache.size() >= kMaxTemplates)
            cache.clear();
        cache.insert(templateBody, compiled);
    }
    return compiled;
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
        return renderTokens(*tokens, location);
    }

    QString renderTokens(const QList<Token> &tokens, const QString &location)
    {
        // Room for the literal text and typical values up front: growing the string as it went cost a tenth of
        // rendering.
        qsizetype literal = 0;
        for (const Token &token : tokens)
            literal += token.isPlaceholder ? 32 : token.text.size();
        QString result;
        result.reserve(literal);
        for (const Token &token : tokens) {
            if (!token.isPlaceholder) {
                result += token.text;
                continue;
            }
            ++m_placeholderCount;
            // A contact's text goes straight in: through a QJsonValue each cost two allocations and two copies.
            if (const QString *text = contactText(token.text, m_context)) {
                if (!spend(text->size(), location))
                    return QString();
                result += *text;
                continue;
            }
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

    // Renders the compiled template's placeholders into a copy of its document, in document order.
    QJsonValue renderCompiled(const CompiledTemplate &compiled)
    {
        return replaceSites(compiled.root, compiled.tree, [this](const QJsonValue &node, const PlaceholderSite &site) {
            return m_overLimit ? node : renderSite(node, site);
        });
    }

    // Writes the plan's pieces with each site's rendered JSON between them: what renderCompiled and Qt's writer make.
    QByteArray renderSpliced(const SplicePlan &plan)
    {
        QByteArray out;
        qsizetype reserve = 0;
        for (const QByteArray &piece : plan.pieces)
            reserve += piece.size();
        out.reserve(reserve + 64 * plan.slots.size());
        for (qsizetype i = 0; i < plan.slots.size(); ++i) {
            out += plan.pieces.at(i);
            if (!m_overLimit)
                spliceSite(*plan.slots.at(i).site, plan.slots.at(i).indent, out);
        }
        out += plan.pieces.last();
        return out;
    }

private:
    void spliceSite(const PlaceholderSite &site, int indent, QByteArray &out)
    {
        if (!site.tokens) {
            fail(QString(), site.location, site.tokenError);
            return;
        }
        const QList<Token> &tokens = *site.tokens;
        if (tokens.size() == 1 && tokens.first().isPlaceholder) {
            const QJsonValue value = renderSite(site.original, site);
            if (value.isString())
                appendJsonString(out, value.toString());
            else if (value.isObject() || value.isArray())
                appendNested(out, indentedJson(value), indent);
            else
                out += scalarJsonText(value).toUtf8();
            return;
        }
        appendJsonString(out, renderTokens(tokens, site.location));
    }

    // An object or array as Qt writes it at this depth: its own lines indented by the depth, no final newline.
    static void appendNested(QByteArray &out, const QByteArray &ownDocument, int indent)
    {
        const QByteArray margin(4 * indent, ' ');
        const QByteArrayView text = QByteArrayView(ownDocument).chopped(1);
        qsizetype from = 0;
        for (qsizetype newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', from)) {
            out += text.sliced(from, newline + 1 - from);
            out += margin;
            from = newline + 1;
        }
        out += text.sliced(from);
    }

    QJsonValue renderSite(const QJsonValue &node, const PlaceholderSite &site)
    {
        if (!site.tokens) {
            fail(QString(), site.location, site.tokenError);
            return QString();
        }
        const QList<Token> &tokens = *site.tokens;
        if (tokens.size() == 1 && tokens.first().isPlaceholder) {
            // A string that is only a placeholder takes the value's own JSON type.
            ++m_placeholderCount;
            const PlaceholderValue resolved = resolvePlaceholder(tokens.first().text, m_context);
            if (resolved.kind == PlaceholderValue::Kind::KeepVerbatim)
                return node;
            if (resolved.kind == PlaceholderValue::Kind::Missing) {
                fail(tokens.first().text, site.location, resolved.error);
                return node;
            }
            spend(resolved.value.isString() ? resolved.value.toString().size() : textOf(resolved.value).size(),
                  site.location);
            return resolved.value;
        }
        return renderTokens(tokens, site.location);
    }

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

    const std::shared_ptr<const CompiledTemplate> compiled = compiledTemplate(templateBody);
    if (!compiled->parseError.isEmpty()) {
        renderer.errors().append({QString(), QStringLiteral("$"), compiled->parseError});
        return finish({}, renderer, options);
    }
    QByteArray rendered =
        compiled->splice ? renderer.renderSpliced(*compiled->splice) : indentedJson(renderer.renderCompiled(*compiled));
    if (renderer.placeholderCount() == 0)
        return finish(templateBody, renderer, options);
    return finish(std::move(rendered), renderer, options);
}

RenderResult renderText(QStringView text, const RenderContext &context, const RenderOptions &options)
{
    Renderer renderer(context, options);
    return finish(renderer.renderString(text, QString()).toUtf8(), renderer, options);
}

} // namespace dockside::templating
