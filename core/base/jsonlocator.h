// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArrayView>
#include <QList>
#include <QStringView>

#include <optional>

namespace dockside::base {

struct LoadError;

// 1-based; columns count characters (UTF-8 code points), not bytes, so they match what an editor shows.
struct TextPosition {
    int line = 1;
    int column = 1;

    friend bool operator==(const TextPosition &, const TextPosition &) = default;
};

struct JsonLocation {
    TextPosition position;
    bool exact = true; // false: the path names nothing, and position is where its nearest existing ancestor starts
};

TextPosition textPositionOfOffset(QByteArrayView utf8, qsizetype offset);

// Where the value that jsonPath ("$.rules[2].conditions[0].zone", "$[\"odd key\"]") names starts in the JSON text.
// nullopt when jsonPath is not such a path or the text is not JSON.
std::optional<JsonLocation> locateJsonPath(QByteArrayView json, QStringView jsonPath);

// Fills line and column of every error that has no line yet and whose path starts with "$".
void locateLoadErrors(QByteArrayView json, QList<LoadError> &errors);

} // namespace dockside::base
