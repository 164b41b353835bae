// SPDX-License-Identifier: GPL-3.0-or-later

#include "abouttext.h"

#include "base/projectinfo.h"
#include "history/historylibraries.h"
#include "http/httpparserversion.h"
#include "secrets/keychainversion.h"

#include <Qsci/qsciglobal.h>

#include <QCoreApplication>

namespace dockside::ui {

QList<LibraryVersion> libraryVersions()
{
    return {
        {QStringLiteral("Qt"), QString::fromLatin1(qVersion())},
        {QStringLiteral("QScintilla"), QStringLiteral(QSCINTILLA_VERSION_STR)},
        {QStringLiteral("QtKeychain"), secrets::keychainLibraryVersion()},
        {QStringLiteral("SQLite"), history::sqliteLibraryVersion()},
        {QStringLiteral("zlib"), history::zlibLibraryVersion()},
        {QStringLiteral("http_parser"), http::httpParserLibraryVersion()},
    };
}

QString aboutText(const QString &version, const QList<LibraryVersion> &libraries)
{
    QString libraryList;
    for (const LibraryVersion &library : libraries)
        libraryList +=
            library.name.toHtmlEscaped() + QLatin1Char(' ') + library.version.toHtmlEscaped() + QStringLiteral("<br>");
    const QString url = base::projectUrl().toHtmlEscaped();
    return QCoreApplication::translate(
               "AboutText",
               "<h3>Dockside %1</h3>"
               "<p>A desktop workbench for VoiceDock webhooks: mock the webhook, send signed events, "
               "and see what the platform would do with each answer.</p>"
               "<p>Licence: %2, the GNU General Public License version 3 or (at your option) any later version. "
               "Dockside is free software: you may share and change it under those terms. "
               "It comes with NO WARRANTY, to the extent permitted by law.</p>"
               "<p>The full licence text is the file LICENSE in the source tree, "
               "/usr/share/common-licenses/GPL-3 on Debian, and "
               "<a href=\"https://www.gnu.org/licenses/gpl-3.0.html\">gnu.org/licenses/gpl-3.0.html</a>.</p>"
               "<p>Libraries in use:<br>%3</p>"
               "<p>Project page: <a href=\"%4\">%4</a></p>")
        .arg(version.toHtmlEscaped(), QLatin1String(base::kLicenceSpdx), libraryList, url);
}

} // namespace dockside::ui
