// SPDX-License-Identifier: GPL-3.0-or-later

#include "projectinfo.h"

namespace dockside::base {

QString projectUrl()
{
    return QStringLiteral(DOCKSIDE_HOMEPAGE);
}

QString licenceNotice()
{
    return QStringLiteral("License GPL-3.0-or-later: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
                          "This is free software: you are free to change and redistribute it.\n"
                          "There is NO WARRANTY, to the extent permitted by law.\n");
}

} // namespace dockside::base
