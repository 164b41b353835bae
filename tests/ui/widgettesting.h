// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QLineEdit>
#include <QObject>
#include <QRadioButton>
#include <QString>
#include <QTest>

#include <gtest/gtest.h>

// What UI tests do to widgets as a user would, found by object name.
namespace dockside::testing {

template<typename T> T *child(const QObject &parent, const char *objectName)
{
    T *found = parent.findChild<T *>(QString::fromLatin1(objectName));
    EXPECT_NE(found, nullptr) << "no child named " << objectName;
    return found;
}

// On its indicator: a radio button laid out across the full width only reacts to clicks on its indicator and label.
inline void clickRadio(QAbstractButton *radio)
{
    ASSERT_NE(radio, nullptr);
    QTest::mouseClick(radio, Qt::LeftButton, {}, QPoint(6, radio->height() / 2));
}

// Select all, delete, type: what a user does to replace a field's text.
inline void replaceText(QWidget *field, const QString &text)
{
    ASSERT_NE(field, nullptr);
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(field, Qt::Key_Delete);
    QTest::keyClicks(field, text);
}

} // namespace dockside::testing
