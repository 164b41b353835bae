// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QStringList>
#include <QWidget>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace dockside::ui {

// A short list of texts (caller numbers for an "is one of" condition): type and press Enter or Add to append,
// double-click to change an entry, Del or Remove to drop the selected ones.
class StringListEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StringListEditor)

public:
    explicit StringListEditor(QWidget *parent = nullptr);
    ~StringListEditor() override;

    void setItems(const QStringList &items);
    QStringList items() const;
    void setPlaceholderText(const QString &text);

Q_SIGNALS:
    // Only for the user's changes, not for setItems.
    void itemsChanged();

private:
    void addTyped();
    void removeSelected();

    QListWidget *m_list = nullptr;
    QLineEdit *m_input = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    bool m_loading = false;
};

} // namespace dockside::ui
