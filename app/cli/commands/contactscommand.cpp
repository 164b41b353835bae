// SPDX-License-Identifier: GPL-3.0-or-later

#include "contactscommand.h"

#include "commandline.h"
#include "inputfiles.h"
#include "subcommands.h"
#include "workspaceoption.h"

#include "base/jsonlocator.h"
#include "contacts/contactimport.h"
#include "workspace/contactmerge.h"
#include "workspace/workspacewriter.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>

namespace dockside::cli {

using namespace dockside::workspace;
using namespace dockside::base;

namespace {

class ListCommand final : public Command {
public:
    QString name() const override { return QStringLiteral("contacts list"); }
    QString summary() const override
    {
        return QStringLiteral("Lists the workspace's contacts: number, name, language, VIP and customer since.\n"
                              "--json prints them as a JSON array that 'contacts import' reads back.");
    }

    int run(const QStringList &arguments, Streams streams) const override
    {
        QCommandLineParser parser;
        parser.addOption(workspaceOption());
        const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the contacts as JSON."));
        parser.addOption(json);
        if (const auto exit = parseCommandLine(parser, *this, arguments, 0, QString(), streams))
            return *exit;
        const std::optional<Workspace> workspace = loadWorkspaceOption(parser, streams);
        if (!workspace)
            return kExitInput;
        if (parser.isSet(json)) {
            streams.out << QString::fromUtf8(
                QJsonDocument(workspace->contacts.toJson()).toJson(QJsonDocument::Indented));
            return kExitOk;
        }
        qsizetype nameWidth = 4;
        for (const contacts::Contact &contact : workspace->contacts.contacts())
            nameWidth = std::max(nameWidth, contact.name.size());
        streams.out << QStringLiteral("NUMBER").leftJustified(16) << "  "
                    << QStringLiteral("NAME").leftJustified(nameWidth) << "  LANG  VIP  SINCE\n";
        for (const contacts::Contact &contact : workspace->contacts.contacts())
            streams.out << contact.number.leftJustified(16) << "  " << contact.name.leftJustified(nameWidth) << "  "
                        << contact.language.leftJustified(4) << "  " << (contact.vip ? "yes" : "no ") << "  "
                        << contact.customerSince << '\n';
        return kExitOk;
    }
};

class ImportCommand final : public Command {
public:
    QString name() const override { return QStringLiteral("contacts import"); }
    QString summary() const override
    {
        return QStringLiteral(
            "Adds the contacts in a CSV or JSON file to the workspace file and saves it in place.\n"
            "A CSV file starts with a header row naming its columns (number, name, customer_since, notes, language,\n"
            "vip); only number is required. A JSON file holds an array of contact objects. A number already in the\n"
            "workspace is updated; --replace makes the imported contacts the only ones.\n"
            "Bad rows are printed on standard error with their line and left out; the good rows are saved and the\n"
            "exit code is 0. With --strict any problem saves nothing and exits 1.");
    }

    int run(const QStringList &arguments, Streams streams) const override
    {
        QCommandLineParser parser;
        parser.addOptions({
            {{QStringLiteral("w"), QStringLiteral("workspace")},
             QStringLiteral("The workspace file to add the contacts to (required; it is saved in place)."),
             QStringLiteral("FILE")},
            {QStringLiteral("replace"), QStringLiteral("Replace the workspace's contacts instead of adding to them.")},
            {QStringLiteral("strict"), QStringLiteral("Save nothing and exit 1 when any row has a problem.")},
        });
        if (const auto exit =
                parseCommandLine(parser, *this, arguments, 1, QStringLiteral("FILE.csv|FILE.json"), streams))
            return *exit;
        if (!requireWorkspaceFile(parser, QStringLiteral("contacts import"), streams))
            return kExitUsage;

        const QString fileName = parser.positionalArguments().constFirst();
        const std::optional<QByteArray> content = readInputFile(fileName, streams);
        if (!content)
            return kExitInput;
        const bool isJson = QFileInfo(fileName).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0;
        contacts::ContactImport imported;
        if (isJson) {
            QJsonParseError parseError;
            QJsonDocument::fromJson(*content, &parseError);
            if (parseError.error != QJsonParseError::NoError) {
                streams.err << positionInFile(fileName, *content, parseError.offset)
                            << ": not valid JSON: " << parseError.errorString() << '\n';
                return kExitInput;
            }
            imported = contacts::importContactsJson(*content);
            locateLoadErrors(*content, imported.problems);
        } else {
            imported = contacts::importContactsCsv(*content);
        }
        for (const LoadError &problem : imported.problems)
            streams.err << describeProblem(fileName, problem, isJson) << '\n';

        if (imported.book.isEmpty()) {
            streams.err << "dockside-cli contacts import: " << fileName << " holds no usable contacts; the workspace "
                        << "is unchanged.\n";
            return imported.problems.isEmpty() ? kExitOk : kExitInput;
        }
        if (!imported.problems.isEmpty() && parser.isSet(QStringLiteral("strict"))) {
            streams.err << "dockside-cli contacts import: " << imported.problems.size()
                        << " problem(s); nothing was saved (--strict).\n";
            return kExitCheckFailed;
        }

        std::optional<Workspace> workspace = loadWorkspaceOption(parser, streams);
        if (!workspace)
            return kExitInput;
        const QString workspaceFile = parser.value(QStringLiteral("workspace"));
        const ContactMergeMode mode =
            parser.isSet(QStringLiteral("replace")) ? ContactMergeMode::Replace : ContactMergeMode::Add;
        const ContactMerge merge = mergeContacts(*workspace, imported.book, mode);
        QString error;
        if (!saveWorkspaceFile(*workspace, workspaceFile, &error)) {
            streams.err << "dockside-cli contacts import: " << error << '\n';
            return kExitInput;
        }
        streams.out << "read " << imported.book.size() << " contact(s) from " << fileName;
        if (!imported.problems.isEmpty())
            streams.out << "; " << imported.problems.size() << " problem(s) printed on standard error";
        streams.out << '\n'
                    << "saved " << workspaceFile << ": " << merge.added << " added, " << merge.updated << " updated, "
                    << merge.unchanged << " unchanged";
        if (mode == ContactMergeMode::Replace)
            streams.out << ", " << merge.removed << " removed";
        streams.out << "; " << workspace->contacts.size() << " contact(s) in the workspace\n";
        return kExitOk;
    }

private:
    static QString describeProblem(const QString &fileName, const LoadError &problem, bool isJson)
    {
        if (isJson || problem.line == 0)
            return formatLoadError(fileName, problem);
        const QString where = QStringLiteral("%1:%2: ").arg(fileName).arg(problem.line);
        if (problem.path.isEmpty())
            return where + problem.message;
        return where + QStringLiteral("column \"%1\": %2").arg(problem.path, problem.message);
    }
};

} // namespace

QString ContactsCommand::summary() const
{
    return QStringLiteral("Lists the workspace's contacts (the mock CRM) and imports them from CSV or JSON.");
}

int ContactsCommand::run(const QStringList &arguments, Streams streams) const
{
    const ListCommand list;
    const ImportCommand importer;
    return runSubcommand(*this, {&list, &importer}, arguments, streams);
}

} // namespace dockside::cli
