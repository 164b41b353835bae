// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFileDevice>
#include <QString>

// Files that hold callers' numbers, names and transcripts are personal data: they are created readable by their owner
// only (0600, folders 0700) whatever the umask, and a wider one found later is narrowed.
namespace dockside::base {

inline constexpr QFileDevice::Permissions kOwnerOnlyFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
inline constexpr QFileDevice::Permissions kOwnerOnlyFolder =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

/*! Creates an empty file with mode 0600 (independent of the umask) unless it exists; false with a message when it
    cannot. */
bool createOwnerOnlyFile(const QString &path, QString *error);
/*! Creates the folder (and its parents) when missing and makes the folder itself 0700. */
bool ensureOwnerOnlyFolder(const QString &path, QString *error);
/*! Whether other users can read or write the file (any group or other bit). False for a missing file. */
bool isSharedWithOthers(const QString &path);
/*! Takes the group and other bits away from an existing file; *changed says whether it had any. */
bool restrictToOwner(const QString &path, bool *changed, QString *error);
/*! "-rw-r--r--" for a file's mode, as ls shows it. */
QString permissionText(const QString &path);

} // namespace dockside::base
