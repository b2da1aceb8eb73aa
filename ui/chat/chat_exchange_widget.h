#pragma once
// One question and its answer in the chat: the question, the segment as a time chip that seeks there, the frames
// the model saw, the answer as it streams in, how fast it came, and Stop / Regenerate / Copy / Edit / Delete. An
// exchange Regenerate has answered more than once shows "1/2 ‹ ›" to browse its answers. A finished answer is
// announced to screen readers once (QAccessible::Alert on the answer label), never token by token.

#include "ui/chat/chat_entry.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace gitvqa {

class ChatFrameStrip;

class ChatExchangeWidget : public QFrame {
    Q_OBJECT
public:
    explicit ChatExchangeWidget(const ChatEntry& entry, QWidget* parent = nullptr);

    void setEntry(const ChatEntry& entry);
    const ChatEntry& entry() const { return m_entry; }
    // The answer shown: the latest, or the earlier version being browsed.
    QString answerText() const;
    int versionCount() const { return int(m_entry.earlier.size()) + 1; }
    int shownVersion() const;                 // 0-based, oldest first
    void showVersion(int index);
    // Which version is shown before the user picks one: the latest, unless it failed or was stopped before its
    // first word and an earlier answer exists (a failed Regenerate must not hide the good answer).
    static int defaultVersion(const ChatEntry& entry);
    QLabel* answerLabel() const { return m_answer; }
    QLabel* versionLabel() const { return m_versionLabel; }
    QToolButton* previousVersionButton() const { return m_previous; }
    QToolButton* nextVersionButton() const { return m_next; }
    QToolButton* editButton() const { return m_edit; }

    QToolButton* timeChip() const { return m_chip; }
    QToolButton* stopButton() const { return m_stop; }
    QToolButton* regenerateButton() const { return m_regenerate; }
    QToolButton* copyButton() const { return m_copy; }
    QToolButton* deleteButton() const { return m_delete; }
    ChatFrameStrip* frameStrip() const { return m_frames; }

    // "first token 0.42 s · 12.3 tokens/s · 6 frames reused"
    static QString statsText(const ChatEntry& entry);

Q_SIGNALS:
    void seekRequested(double seconds);
    void stopRequested(const QString& id);
    void regenerateRequested(const QString& id);
    void deleteRequested(const QString& id);
    void editRequested(const QString& id);
    void answerChanged(const QString& answerSoFar); // each streamed update that reached the widget
    // The finished answer was handed to screen readers (a QAccessible::Alert on the answer label), once per answer.
    // Qt delivers the event only while an assistive tool has switched accessibility on, so tests watch this.
    void announced(const QString& text);

private:
    QToolButton* makeButton(const QString& text, const QString& name, const QString& description);
    void showAnswer();

    ChatEntry m_entry;
    QLabel* m_question = nullptr;
    QToolButton* m_chip = nullptr;
    ChatFrameStrip* m_frames = nullptr;
    QLabel* m_answer = nullptr;
    QLabel* m_stats = nullptr;
    QToolButton* m_stop = nullptr;
    QToolButton* m_regenerate = nullptr;
    QToolButton* m_copy = nullptr;
    QToolButton* m_delete = nullptr;
    QToolButton* m_edit = nullptr;
    QToolButton* m_previous = nullptr;
    QToolButton* m_next = nullptr;
    QLabel* m_versionLabel = nullptr;
    int m_shown = -1; // the version the user picked; -1: defaultVersion()
};

} // namespace gitvqa
