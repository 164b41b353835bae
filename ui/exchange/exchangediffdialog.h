// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "history/exchangerecord.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace dockside::ui {

class DiffFilterModel;
class DiffTableModel;

// Any two exchanges compared field by field: request line, status, each header and both bodies flattened to JSON
// pointers, with changed, added and removed rows highlighted and a switch to show only the differences.
// The comparison runs off the GUI thread: large bodies never freeze the window.
class ExchangeDiffDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExchangeDiffDialog)

public:
    explicit ExchangeDiffDialog(QWidget *parent = nullptr);
    ~ExchangeDiffDialog() override;

    void setExchanges(const history::ExchangeRecord &left, const history::ExchangeRecord &right);
    bool isComparing() const { return m_comparing; }

    DiffTableModel *model() const { return m_model; }
    DiffFilterModel *filterModel() const { return m_filter; }
    void setOnlyDifferences(bool only);
    bool onlyDifferences() const;

Q_SIGNALS:
    // The rows of the last setExchanges() are in the model.
    void comparisonFinished();

private:
    void updateCounts();

    DiffTableModel *m_model = nullptr;
    DiffFilterModel *m_filter = nullptr;
    QLabel *m_leftCaption = nullptr;
    QLabel *m_rightCaption = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QCheckBox *m_onlyDifferences = nullptr;
    QLabel *m_counts = nullptr;
    QTableView *m_table = nullptr;
    quint64 m_generation = 0;
    bool m_comparing = false;
};

} // namespace dockside::ui
