// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/orderedjson.h"

namespace dockside::workspace {

// The key order of a template and of the workspace file, as the sample workspace lays them out.
const base::JsonShape &templateShape();
const base::JsonShape &workspaceShape();

} // namespace dockside::workspace
