// SPDX-License-Identifier: GPL-3.0-or-later

#include "templatescommand.h"

#include "commandline.h"
#include "inputfiles.h"
#include "subcommands.h"
#include "workspaceoption.h"

#include "base/atomicfile.h"
#include "workspace/templateexchange.h"
#include "workspace/workspacewriter.h"

#include <QSet>

namespace dockside::cli {

using namespace dockside::workspace;
using namespace dockside::base;

namespace {

QString workspaceLabel(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("workspace")) ? parser.value(QStringLiteral("workspace"))
                                                     : QStringLiteral("the built-in sample workspace");
}

QString delayText(const ResponseTemplate &responseTemplate)
{
    return responseTemplate.delayMs > 0 ? QString::number(responseTemplate.delayMs) + QStringLiteral(" ms")
                                        : QStringLiteral("-");
}

class ListCommand final : public Command {
public:
    QString name() const override { return QStringLiteral("templates list"); }
    QString summary() const override
    {
        return QStringLiteral("Lists the workspace's templates: id, status, delay, fault and name.");
    }

    int run(const QStringList &arguments, Streams streams) const override
    {
        QCommandLineParser parser;
        parser.addOption(workspaceOption());
        if (const auto exit = parseCommandLine(parser, *this, arguments, 0, QString(), streams))
            return *exit;
        const std::optional<Workspace> workspace = loadWorkspaceOption(parser, streams);
        if (!workspace)
            return kExitInput;

        qsizetype idWidth = 2;
        for (const ResponseTemplate &responseTemplate : workspace->templates)
            idWidth = std::max(idWidth, responseTemplate.id.size());
        streams.out << QStringLiteral("ID").leftJustified(idWidth) << "  STATUS  DELAY    FAULT        NAME\n";
        for (const ResponseTemplate &responseTemplate : workspace->templates) {
            const QString fault =
                responseTemplate.fault == Fault::None ? QStringLiteral("-") : faultName(responseTemplate.fault);
            streams.out << responseTemplate.id.leftJustified(idWidth) << "  "
                        << QString::number(responseTemplate.status).leftJustified(6) << "  "
                        << delayText(responseTemplate).leftJustified(7) << "  " << fault.leftJustified(11) << "  "
                        << responseTemplate.name << '\n';
        }
        return kExitOk;
    }
};

class ExportCommand final : public Command {
public:
    QString name() const override { return QStringLiteral("templates export"); }
    QString summary() const override
    {
        return QStringLiteral("Writes templates as a JSON file of their own, for another workspace to import.\n"
                              "Without IDs every template is exported; the JSON goes to standard output unless "
                              "--output names a file.");
    }

    int run(const QStringList &arguments, Streams streams) const override
    {
        QCommandLineParser parser;
        parser.addOption(workspaceOption());
        const QCommandLineOption output(
            {QStringLiteral("o"), QStringLiteral("output")},
            QStringLiteral("Write to FILE (replaced atomically) instead of standard output."), QStringLiteral("FILE"));
        parser.addOption(output);
        if (const auto exit =
                parseCommandLine(parser, *this, arguments, kAnyNumberOfArguments, QStringLiteral("[ID ...]"), streams))
            return *exit;
        const std::optional<Workspace> workspace = loadWorkspaceOption(parser, streams);
        if (!workspace)
            return kExitInput;

        QList<ResponseTemplate> chosen;
        QSet<QString> seen;
        for (const QString &id : parser.positionalArguments()) {
            if (seen.contains(id))
                continue;
            seen.insert(id);
            const ResponseTemplate *responseTemplate = workspace->findTemplate(id);
            if (!responseTemplate) {
                streams.err << "dockside-cli templates export: no template \"" << id << "\" in "
                            << workspaceLabel(parser) << "; 'dockside-cli templates list' shows the ids.\n";
                return kExitInput;
            }
            chosen.append(*responseTemplate);
        }
        if (parser.positionalArguments().isEmpty())
            chosen = workspace->templates;

        const QByteArray json = exportTemplates(chosen);
        if (!parser.isSet(output)) {
            streams.out << QString::fromUtf8(json);
            return kExitOk;
        }
        QString error;
        if (!writeFileAtomically(parser.value(output), json, &error)) {
            streams.err << "dockside-cli templates export: " << error << '\n';
            return kExitInput;
        }
        streams.out << "wrote " << chosen.size() << " template(s) to " << parser.value(output) << '\n';
        return kExitOk;
    }
};

class ImportCommand final : public Command {
public:
    QString name() const override { return QStringLiteral("templates import"); }
    QString summary() const override
    {
        return QStringLiteral("Adds the templates in FILE to the workspace file and saves it in place.\n"
                              "FILE holds a templates export, one template object or an array of them. An id the "
                              "workspace already uses gets a suffix (reject -> reject-2); a template identical to "
                              "the workspace's is skipped. When FILE has any error, nothing is imported.");
    }

    int run(const QStringList &arguments, Streams streams) const override
    {
        QCommandLineParser parser;
        parser.addOption({{QStringLiteral("w"), QStringLiteral("workspace")},
                          QStringLiteral("The workspace file to add the templates to (required; it is saved in "
                                         "place)."),
                          QStringLiteral("FILE")});
        if (const auto exit = parseCommandLine(parser, *this, arguments, 1, QStringLiteral("FILE"), streams))
            return *exit;
        if (!requireWorkspaceFile(parser, QStringLiteral("templates import"), streams))
            return kExitUsage;

        const QString fileName = parser.positionalArguments().constFirst();
        const std::optional<QByteArray> content = readInputFile(fileName, streams);
        if (!content)
            return kExitInput;
        const TemplateImport imported = importTemplates(*content);
        for (const LoadError &error : imported.errors)
            streams.err << formatLoadError(fileName, error) << '\n';
        if (!imported.errors.isEmpty()) {
            streams.err << "dockside-cli templates import: nothing was imported; fix " << fileName
                        << " and run the command again.\n";
            return kExitInput;
        }

        std::optional<Workspace> workspace = loadWorkspaceOption(parser, streams);
        if (!workspace)
            return kExitInput;
        const QString workspaceFile = parser.value(QStringLiteral("workspace"));
        const TemplateMerge merge = mergeTemplates(*workspace, imported.templates);
        for (const QString &id : merge.added) {
            streams.out << "added " << id;
            for (const TemplateMerge::Rename &rename : merge.renamed) {
                if (rename.to == id)
                    streams.out << " (renamed from " << rename.from << ": the workspace already has a template "
                                << "with that id)";
            }
            streams.out << '\n';
        }
        for (const QString &id : merge.unchanged)
            streams.out << "unchanged " << id << " (the workspace already has this template)\n";
        if (merge.added.isEmpty()) {
            streams.out << workspaceFile << " is unchanged: nothing to add.\n";
            return kExitOk;
        }
        QString error;
        if (!saveWorkspaceFile(*workspace, workspaceFile, &error)) {
            streams.err << "dockside-cli templates import: " << error << '\n';
            return kExitInput;
        }
        streams.out << "saved " << workspaceFile << ": " << merge.added.size() << " added (" << merge.renamed.size()
                    << " renamed), " << merge.unchanged.size() << " unchanged\n";
        return kExitOk;
    }
};

} // namespace

QString TemplatesCommand::summary() const
{
    return QStringLiteral("Lists the workspace's templates, and exports or imports them as JSON files of their own.");
}

int TemplatesCommand::run(const QStringList &arguments, Streams streams) const
{
    const ListCommand list;
    const ExportCommand exporter;
    const ImportCommand importer;
    return runSubcommand(*this, {&list, &exporter, &importer}, arguments, streams);
}

} // namespace dockside::cli
