// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "fuzzentries.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace dockside::fuzz {

// libFuzzer's side of an entry: a broken invariant is a finding like a crash, so it aborts with the reason.
inline int runOne(Entry entry, const std::uint8_t *data, std::size_t size)
{
    const QString failure = entry(QByteArrayView(data, static_cast<qsizetype>(size)));
    if (failure.isEmpty())
        return 0;
    std::fprintf(stderr, "dockside fuzz invariant broken: %s\n", failure.toUtf8().constData());
    std::abort();
}

} // namespace dockside::fuzz
