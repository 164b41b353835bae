// SPDX-License-Identifier: GPL-3.0-or-later

#include "privatefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dockside::base {

namespace {

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

bool createOwnerOnlyFile(const QString &path, QString *error)
{
    const QByteArray name = QFile::encodeName(path);
    const int descriptor = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (descriptor < 0) {
        if (errno == EEXIST)
            return true;
        if (error)
            *error = QStringLiteral("Cannot create %1: %2.").arg(QDir::toNativeSeparators(path), systemError());
        return false;
    }
    // open() applies the umask, which can only take bits away; fchmod makes the mode exact anyway.
    const bool ok = ::fchmod(descriptor, 0600) == 0;
    if (!ok && error)
        *error = QStringLiteral("Cannot make %1 private: %2.").arg(QDir::toNativeSeparators(path), systemError());
    ::close(descriptor);
    return ok;
}

bool ensureOwnerOnlyFolder(const QString &path, QString *error)
{
    if (!QFileInfo(path).isDir() && !QDir().mkpath(path)) {
        if (error)
            *error = QStringLiteral("Cannot create the folder %1.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    if (!QFile::setPermissions(path, kOwnerOnlyFolder)) {
        if (error)
            *error = QStringLiteral("Cannot make the folder %1 private.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    return true;
}

bool isSharedWithOthers(const QString &path)
{
    struct stat status { };
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return false;
    return (status.st_mode & 077) != 0;
}

bool restrictToOwner(const QString &path, bool *changed, QString *error)
{
    if (changed)
        *changed = false;
    const QByteArray name = QFile::encodeName(path);
    struct stat status { };
    if (::stat(name.constData(), &status) != 0)
        return true; // nothing to narrow
    if ((status.st_mode & 077) == 0)
        return true;
    if (::chmod(name.constData(), status.st_mode & 07700) != 0) {
        if (error)
            *error = QStringLiteral("Cannot make %1 private: %2.").arg(QDir::toNativeSeparators(path), systemError());
        return false;
    }
    if (changed)
        *changed = true;
    return true;
}

QString permissionText(const QString &path)
{
    struct stat status { };
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return QString();
    const char *const letters = "rwxrwxrwx";
    QString text(10, QChar(u'-'));
    if (S_ISDIR(status.st_mode))
        text[0] = QChar(u'd');
    for (int bit = 0; bit < 9; ++bit) {
        if (status.st_mode & (0400 >> bit))
            text[bit + 1] = QLatin1Char(letters[bit]);
    }
    return text;
}

} // namespace dockside::base
