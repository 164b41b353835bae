#pragma once

#include <QByteArray>
#include <QString>
#include <QWidget>

class QsciScintilla;

namespace dockside::ui {

// Shows JSON with highlighting, line numbers and folding; read-only until editing arrives.
class JsonView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonView)

public:
    explicit JsonView(QWidget *parent = nullptr);
    ~JsonView() override;

    void setText(const QString &text);
    // Indents valid JSON; anything else is shown as it is.
    void setJson(const QByteArray &json);
    QString text() const;
    bool isReadOnly() const;
    bool isFoldingEnabled() const;

private:
    QsciScintilla *m_editor = nullptr;
};

} // namespace dockside::ui
