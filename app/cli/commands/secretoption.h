// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QCommandLineOption>

namespace dockside::cli {

inline constexpr auto kDefaultSecretVariable = "DOCKSIDE_WEBHOOK_SECRET";

// --secret-env NAME: which environment variable holds the webhook secret.
QCommandLineOption secretVariableOption();

} // namespace dockside::cli
