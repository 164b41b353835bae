// SPDX-License-Identifier: GPL-3.0-or-later

#include "workspaceshapes.h"

namespace dockside::workspace {

using base::JsonShape;
using namespace Qt::StringLiterals;

const base::JsonShape &templateShape()
{
    static const base::JsonShape header {{"name"_L1, "value"_L1}, {}};
    static const base::JsonShape shape {{"id"_L1, "name"_L1, "description"_L1, "status"_L1, "headers"_L1, "delay_ms"_L1,
                                         "fault"_L1, "body"_L1, "raw_body"_L1},
                                        {{"headers"_L1, &header}}};
    return shape;
}

const base::JsonShape &workspaceShape()
{
    static const base::JsonShape span {{"days"_L1, "windows"_L1}, {}};
    static const base::JsonShape condition {{"kind"_L1, "negate"_L1, "name"_L1, "field"_L1, "pointer"_L1, "equals"_L1,
                                             "prefix"_L1, "contains"_L1, "in"_L1, "regex"_L1, "exists"_L1, "zone"_L1,
                                             "hours"_L1},
                                            {{"hours"_L1, &span}}};
    static const base::JsonShape arm {{"template"_L1, "weight"_L1}, {}};
    static const base::JsonShape forward {{"url"_L1, "late"_L1, "fallback_template"_L1}, {}};
    static const base::JsonShape rule {
        {"id"_L1, "name"_L1, "enabled"_L1, "conditions"_L1, "template"_L1, "split"_L1, "forward"_L1},
        {{"conditions"_L1, &condition}, {"split"_L1, &arm}, {"forward"_L1, &forward}}};
    static const base::JsonShape contact {
        {"number"_L1, "name"_L1, "customer_since"_L1, "notes"_L1, "language"_L1, "vip"_L1}, {}};
    static const base::JsonShape clock {{"pinned"_L1, "offset_seconds"_L1, "allow_header"_L1}, {}};
    static const base::JsonShape shape {{"version"_L1, "name"_L1, "fallback_template"_L1, "default_forward"_L1,
                                         "clock"_L1, "templates"_L1, "rules"_L1, "contacts"_L1, "default_assistant"_L1,
                                         "scenarios"_L1},
                                        {{"clock"_L1, &clock},
                                         {"templates"_L1, &templateShape()},
                                         {"rules"_L1, &rule},
                                         {"contacts"_L1, &contact},
                                         {"default_forward"_L1, &forward}}};
    return shape;
}

} // namespace dockside::workspace
