// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "jsonview.h"

#include "base/loaderror.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace dockside::ui {

// One thing wrong (or doubtful) in a JSON text, where the core's parser put it.
struct JsonProblem {
    QString path; // "$.status"; "$" for the whole text
    int line = 0; // 1-based, 0 when the problem has no place in the text
    int column = 0;
    QString message;
    JsonMark::Severity severity = JsonMark::Severity::Error;

    static JsonProblem fromLoadError(const base::LoadError &error,
                                     JsonMark::Severity severity = JsonMark::Severity::Error);
    JsonMark mark() const;
    bool isError() const { return severity == JsonMark::Severity::Error; }

    friend bool operator==(const JsonProblem &, const JsonProblem &) = default;
};

// The problems listed beneath an editor, errors first.
class JsonProblemModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonProblemModel)

public:
    enum Columns { PlaceColumn, MessageColumn, NUM_COLUMNS };
    enum Roles { LineRole = Qt::UserRole, ColumnRole, PathRole, IsErrorRole };

    explicit JsonProblemModel(QObject *parent = nullptr);
    ~JsonProblemModel() override;

    void setProblems(const QList<JsonProblem> &problems);
    const QList<JsonProblem> &problems() const { return m_problems; }
    int errorCount() const;
    int warningCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<JsonProblem> m_problems;
};

} // namespace dockside::ui
