// SPDX-License-Identifier: GPL-3.0-or-later

#include "secretoption.h"

namespace dockside::cli {

QCommandLineOption secretVariableOption()
{
    return QCommandLineOption(QStringLiteral("secret-env"),
                              QStringLiteral("Environment variable that holds the webhook secret (default %1).")
                                  .arg(QLatin1String(kDefaultSecretVariable)),
                              QStringLiteral("NAME"), QLatin1String(kDefaultSecretVariable));
}

} // namespace dockside::cli
