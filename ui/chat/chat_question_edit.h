#pragma once
// The question box. Enter asks, Shift+Enter starts a new line, ↑ in an empty box brings back earlier questions,
// Esc gives the keyboard back to the player. While it has the focus it takes every plain key for itself, so the
// player's one-key shortcuts (Space, I, O, J/K/L, arrows, ?) never fire while someone types.

#include <QPlainTextEdit>
#include <QStringList>

namespace gitvqa {

class ChatQuestionEdit : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit ChatQuestionEdit(QWidget* parent = nullptr);

    QString question() const;
    void rememberQuestion(const QString& question);
    const QStringList& history() const { return m_history; }

    QSize sizeHint() const override;

Q_SIGNALS:
    void submitted();
    void escapePressed();

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    QStringList m_history;
    int m_historyIndex = -1; // into m_history while browsing with ↑/↓, -1 otherwise
};

} // namespace gitvqa
