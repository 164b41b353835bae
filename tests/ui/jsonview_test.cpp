// SPDX-License-Identifier: GPL-3.0-or-later

#include "editor/jsonview.h"
#include "qtprinters.h"

#include <gtest/gtest.h>

using dockside::ui::JsonView;

TEST(JsonView, IsReadOnlyWithFolding)
{
    JsonView view;
    EXPECT_TRUE(view.isReadOnly());
    EXPECT_TRUE(view.isFoldingEnabled());
}

TEST(JsonView, IndentsCompactJson)
{
    JsonView view;
    view.setJson(R"({"assistant":{"first_message":"Hi"}})");
    EXPECT_EQ(view.text(), QStringLiteral("{\n    \"assistant\": {\n        \"first_message\": \"Hi\"\n    }\n}\n"));
}

TEST(JsonView, ShowsInvalidJsonAsItIs)
{
    JsonView view;
    view.setJson("not json: {");
    EXPECT_EQ(view.text(), QStringLiteral("not json: {"));
    view.setText(QStringLiteral("héllo"));
    EXPECT_EQ(view.text(), QStringLiteral("héllo"));
}
