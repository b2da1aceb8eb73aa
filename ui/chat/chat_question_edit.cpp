#include "ui/chat/chat_question_edit.h"

#include <QKeyEvent>
#include <QTextDocument>

namespace gitvqa {

ChatQuestionEdit::ChatQuestionEdit(QWidget* parent) : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setPlaceholderText(tr("Ask about the video… (Enter sends, Shift+Enter for a new line)"));
    setAccessibleName(tr("Question"));
    setAccessibleDescription(tr("Type a question about the marked segment or the moment at the playhead. Enter asks; "
                                "Shift+Enter starts a new line; Up in an empty box brings back the last question."));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        if (toPlainText().isEmpty())
            m_historyIndex = -1;
    });
}

QSize ChatQuestionEdit::sizeHint() const
{
    const int lines = 3;
    const int h = fontMetrics().lineSpacing() * lines + int(document()->documentMargin() * 2) + frameWidth() * 2;
    return {QPlainTextEdit::sizeHint().width(), h};
}

QString ChatQuestionEdit::question() const { return toPlainText().trimmed(); }

void ChatQuestionEdit::rememberQuestion(const QString& question)
{
    if (question.isEmpty())
        return;
    m_history.removeAll(question);
    m_history.append(question);
    m_historyIndex = -1;
}

bool ChatQuestionEdit::event(QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        // Plain and shifted keys are text or editing here; Ctrl/Alt combinations (Ctrl+O, Ctrl+Q, …) stay shortcuts.
        const Qt::KeyboardModifiers mods = key->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
        if (mods == Qt::NoModifier) {
            event->accept();
            return true;
        }
        // Ctrl+Z undoes typing while there is typing to undo; otherwise it is the window's Undo (a deleted question).
        if ((key->matches(QKeySequence::Undo) && document()->isUndoAvailable())
            || (key->matches(QKeySequence::Redo) && document()->isRedoAvailable())) {
            event->accept();
            return true;
        }
        // QPlainTextEdit claims Ctrl+Z whenever it is editable, with or without history: leave it to the window.
        if ((key->matches(QKeySequence::Undo) && !document()->isUndoAvailable())
            || (key->matches(QKeySequence::Redo) && !document()->isRedoAvailable())) {
            event->ignore();
            return false;
        }
    }
    return QPlainTextEdit::event(event);
}

void ChatQuestionEdit::keyPressEvent(QKeyEvent* event)
{
    const bool plain = !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (event->modifiers() & Qt::ShiftModifier) {
            insertPlainText(QStringLiteral("\n"));
        } else if (plain) {
            Q_EMIT submitted();
        }
        return;
    case Qt::Key_Escape:
        Q_EMIT escapePressed();
        return;
    case Qt::Key_Up:
        if (plain && !m_history.isEmpty() && (toPlainText().isEmpty() || m_historyIndex >= 0)) {
            m_historyIndex = m_historyIndex < 0 ? int(m_history.size()) - 1 : std::max(0, m_historyIndex - 1);
            const int keep = m_historyIndex;
            setPlainText(m_history.at(m_historyIndex));
            m_historyIndex = keep;
            moveCursor(QTextCursor::End);
            return;
        }
        break;
    case Qt::Key_Down:
        if (plain && m_historyIndex >= 0) {
            const int next = m_historyIndex + 1;
            if (next >= m_history.size()) {
                clear();
                m_historyIndex = -1;
            } else {
                setPlainText(m_history.at(next));
                m_historyIndex = next;
                moveCursor(QTextCursor::End);
            }
            return;
        }
        break;
    default:
        break;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace gitvqa
