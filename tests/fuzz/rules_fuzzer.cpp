// SPDX-License-Identifier: GPL-3.0-or-later

#include "fuzzmain.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return dockside::fuzz::runOne(&dockside::fuzz::rulesEntry, data, size);
}
