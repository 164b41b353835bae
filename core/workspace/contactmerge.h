// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "workspace.h"

#include "contacts/contactbook.h"

namespace dockside::workspace {

enum class ContactMergeMode {
    Add, // a number already in the workspace is updated in place (the import is the fresher copy); others appended
    Replace, // the workspace's contacts become exactly the imported ones
};

struct ContactMerge {
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    int removed = 0; // only when replacing
};

ContactMerge mergeContacts(Workspace &workspace, const contacts::ContactBook &imported, ContactMergeMode mode);

} // namespace dockside::workspace
