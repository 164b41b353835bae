// SPDX-License-Identifier: GPL-3.0-or-later

#include "contactmerge.h"

namespace dockside::workspace {

ContactMerge mergeContacts(Workspace &workspace, const contacts::ContactBook &imported, ContactMergeMode mode)
{
    ContactMerge merge;
    const contacts::ContactBook &before = workspace.contacts;
    for (const contacts::Contact &contact : imported.contacts()) {
        const std::optional<contacts::Contact> existing = before.find(contact.number);
        if (!existing)
            ++merge.added;
        else if (*existing == contact)
            ++merge.unchanged;
        else
            ++merge.updated;
    }
    if (mode == ContactMergeMode::Replace) {
        for (const contacts::Contact &contact : before.contacts()) {
            if (!imported.contains(contact.number))
                ++merge.removed;
        }
        workspace.contacts = imported;
        return merge;
    }
    // ContactBook only appends, so the merged book is rebuilt in the workspace's order, new numbers last.
    contacts::ContactBook merged;
    for (const contacts::Contact &contact : before.contacts())
        merged.add(imported.find(contact.number).value_or(contact));
    for (const contacts::Contact &contact : imported.contacts())
        merged.add(contact);
    workspace.contacts = merged;
    return merge;
}

} // namespace dockside::workspace
