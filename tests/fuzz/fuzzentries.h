// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace dockside::fuzz {

// One fuzz target's entry: runs the input through core and checks what must hold for any input. Returns an
// empty string when it holds, else which invariant broke; a crash is a finding too. The libFuzzer main and
// core_tests' regression test both call these, so every finding replays in the GCC build as well.
using Entry = QString (*)(QByteArrayView data);

// The raw HTTP body of an answer to an assistant-request: validator, call outcome and both renderings.
QString answerEntry(QByteArrayView data);
// A template body, then a NUL byte, then the request body: rendered as JSON and as raw text.
QString templateEntry(QByteArrayView data);
// The workspace's "rules" array, NUL, a request body, NUL, request headers as "Name: value" lines.
QString rulesEntry(QByteArrayView data);
// A whole workspace file: loaded, located errors formatted, and saved again when it loads.
QString workspaceEntry(QByteArrayView data);
// A contacts file, imported both as CSV and as JSON.
QString contactsEntry(QByteArrayView data);
// Bytes from a socket, fed to the mock endpoint's HTTP parser whole and in pieces.
QString httpRequestEntry(QByteArrayView data);

struct Target {
    const char *name; // tests/fuzz/<name>_fuzzer.cpp, corpus/<name>/, regressions/<name>/
    Entry entry;
};

const QList<Target> &targets();

} // namespace dockside::fuzz
