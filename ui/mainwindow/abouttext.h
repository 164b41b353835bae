// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QString>

namespace dockside::ui {

struct LibraryVersion {
    QString name;
    QString version;
};

// The libraries Dockside runs on, with the versions loaded now; QScintilla and QtKeychain report none at run
// time, so theirs are the versions Dockside was built against.
QList<LibraryVersion> libraryVersions();

// Help ▸ About Dockside as rich text: version, licence and warranty, the libraries, the project URL.
QString aboutText(const QString &version, const QList<LibraryVersion> &libraries);

} // namespace dockside::ui
