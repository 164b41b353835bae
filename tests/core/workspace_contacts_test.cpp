// SPDX-License-Identifier: GPL-3.0-or-later

#include "workspace/contactmerge.h"

#include "contacts/contactimport.h"

#include "fixtures.h"
#include "qtprinters.h"

#include <gtest/gtest.h>

namespace {

using namespace dockside::workspace;
using dockside::contacts::Contact;
using dockside::contacts::ContactBook;

Contact contact(const char *number, const char *name, bool vip = false)
{
    Contact result;
    result.number = QLatin1String(number);
    result.name = QLatin1String(name);
    result.vip = vip;
    return result;
}

Workspace workspaceWith(const QList<Contact> &contacts)
{
    Workspace workspace;
    for (const Contact &entry : contacts)
        workspace.contacts.add(entry);
    return workspace;
}

QStringList namesOf(const ContactBook &book)
{
    QStringList names;
    for (const Contact &entry : book.contacts())
        names.append(entry.name);
    return names;
}

TEST(ContactMerge, AddUpdatesKnownNumbersInPlaceAndAppendsNewOnes)
{
    Workspace workspace =
        workspaceWith({contact("+31611111111", "Ann"), contact("+31622222222", "Bob"), contact("+31633333333", "Cem")});
    ContactBook imported;
    imported.add(contact("+31644444444", "Dee"));
    imported.add(contact("+31622222222", "Bob", true));
    imported.add(contact("+31633333333", "Cem"));

    const ContactMerge merge = mergeContacts(workspace, imported, ContactMergeMode::Add);
    EXPECT_EQ(merge.added, 1);
    EXPECT_EQ(merge.updated, 1);
    EXPECT_EQ(merge.unchanged, 1);
    EXPECT_EQ(merge.removed, 0);
    EXPECT_EQ(
        namesOf(workspace.contacts),
        (QStringList {QStringLiteral("Ann"), QStringLiteral("Bob"), QStringLiteral("Cem"), QStringLiteral("Dee")}));
    EXPECT_TRUE(workspace.contacts.find(u"+31622222222")->vip);
    EXPECT_TRUE(workspace.contacts.contains(u"+31 6 4444 4444"));
}

TEST(ContactMerge, ReplaceKeepsExactlyTheImportedContacts)
{
    Workspace workspace = workspaceWith({contact("+31611111111", "Ann"), contact("+31622222222", "Bob")});
    const auto imported =
        dockside::contacts::importContactsFile(QStringLiteral(DOCKSIDE_TEST_DATA_DIR "/contacts/six-contacts.json"));
    ASSERT_TRUE(imported.problems.isEmpty());

    const ContactMerge merge = mergeContacts(workspace, imported.book, ContactMergeMode::Replace);
    EXPECT_EQ(merge.added, 6);
    EXPECT_EQ(merge.removed, 2);
    EXPECT_EQ(workspace.contacts, imported.book);
}

} // namespace
