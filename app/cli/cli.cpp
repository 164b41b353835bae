// SPDX-License-Identifier: GPL-3.0-or-later

#include "cli.h"

#include "commands/burstcommand.h"
#include "commands/callcommand.h"
#include "commands/checkcommand.h"
#include "commands/contactscommand.h"
#include "commands/historycommand.h"
#include "commands/outcomecommand.h"
#include "commands/routescommand.h"
#include "commands/sendcommand.h"
#include "commands/servecommand.h"
#include "commands/signcommand.h"
#include "commands/templatescommand.h"
#include "commands/validatecommand.h"
#include "commands/verifycommand.h"

#include "base/projectinfo.h"

#include <memory>
#include <vector>

namespace dockside::cli {

namespace {

std::vector<std::unique_ptr<Command>> allCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(std::make_unique<ValidateCommand>());
    commands.push_back(std::make_unique<OutcomeCommand>());
    commands.push_back(std::make_unique<SignCommand>());
    commands.push_back(std::make_unique<VerifyCommand>());
    commands.push_back(std::make_unique<ServeCommand>());
    commands.push_back(std::make_unique<SendCommand>());
    commands.push_back(std::make_unique<CheckCommand>());
    commands.push_back(std::make_unique<CallCommand>());
    commands.push_back(std::make_unique<BurstCommand>());
    commands.push_back(std::make_unique<HistoryCommand>());
    commands.push_back(std::make_unique<TemplatesCommand>());
    commands.push_back(std::make_unique<ContactsCommand>());
    commands.push_back(std::make_unique<RoutesCommand>());
    return commands;
}

void printUsage(QTextStream &stream, const std::vector<std::unique_ptr<Command>> &commands)
{
    stream << "Usage: dockside-cli COMMAND [options] [arguments]\n"
              "Dockside, headless: the VoiceDock webhook contract for scripts and CI.\n\n"
              "Commands:\n";
    for (const auto &command : commands)
        stream << "  " << command->name().leftJustified(10) << command->summary().section(QLatin1Char('\n'), 0, 0)
               << '\n';
    stream << "\nRun 'dockside-cli COMMAND --help' for a command's options.\n"
              "Options: --help, --version\n\n"
              "Exit codes: 0 success; 1 check failed (invalid answer, bad signature); 2 usage error;\n"
              "3 input error (unreadable file, invalid JSON input, missing secret);\n"
              "4 cannot start (port in use, history file unavailable); 5 send: no answer in time or unreachable.\n"
              "burst exits 1 when any request was late, unreachable or not answered 2xx.\n"
              "check exits 1 when any scenario's expectation fails.\n"
              "routes --against exits 1 when any cell differs.\n";
}

} // namespace

int runCli(const QStringList &arguments, Streams streams)
{
    const auto commands = allCommands();
    QStringList rest = arguments.mid(1);
    if (rest.isEmpty()) {
        printUsage(streams.err, commands);
        return kExitUsage;
    }
    const QString first = rest.takeFirst();
    if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("help")) {
        // "help COMMAND" reads better than "COMMAND --help" to some; both work.
        for (const auto &command : commands) {
            if (!rest.isEmpty() && command->name() == rest.constFirst())
                return command->run({QStringLiteral("--help")}, streams);
        }
        printUsage(streams.out, commands);
        return kExitOk;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        streams.out << "dockside-cli " << DOCKSIDE_VERSION << '\n' << base::licenceNotice();
        return kExitOk;
    }
    for (const auto &command : commands) {
        if (command->name() == first)
            return command->run(rest, streams);
    }
    streams.err << "dockside-cli: unknown command \"" << first << "\".\n";
    printUsage(streams.err, commands);
    return kExitUsage;
}

} // namespace dockside::cli
