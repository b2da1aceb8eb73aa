#pragma once
// The right side of the window: the conversation about the open video. Shows exchanges, starter questions for an
// empty chat, the no-model panel, notices (errors in plain words), what the next question will be about, and the
// question box. A view: it asks through signals; the chat controller decides and tells it what to show.
//
// A long chat (10 000 exchanges) must open without freezing the window, so the pane holds every entry as data and
// creates exchange widgets only for a window of them around what is on screen (at most kMaxWidgets): scrolling to
// either end of that window, or revealing an exchange outside it, moves the window; "Show earlier/later questions"
// buttons say that more are there.

#include "ui/chat/chat_entry.h"

#include <QHash>
#include <QVector>
#include <QWidget>

class QFrame;
class QLabel;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QToolButton;
class QVBoxLayout;

namespace gitvqa {

class ChatExchangeWidget;
class ChatNoModelPanel;
class ChatQuestionEdit;

class ChatPane : public QWidget {
    Q_OBJECT
public:
    explicit ChatPane(QWidget* parent = nullptr);

    ChatQuestionEdit* questionEdit() const { return m_edit; }
    QPushButton* sendButton() const { return m_send; }
    ChatNoModelPanel* noModelPanel() const { return m_noModel; }
    bool isNoModelPanelShown() const;
    QWidget* startersWidget() const { return m_starters; }
    QList<QPushButton*> starterButtons() const { return m_starterButtons; }
    static QStringList starterQuestions();

    void setNoModel(bool missing, const QString& reason = QString());
    // Whether Enter asks now; when not, Enter keeps the text and shows `whyNot`.
    void setCanAsk(bool can, const QString& whyNot = QString());
    bool canAsk() const { return m_canAsk; }
    void setScope(const QString& text);
    QString scopeText() const;

    // Widgets exist for at most this many exchanges at once; a restore starts with kInitialWidgets of the newest.
    static constexpr int kMaxWidgets = 50;
    static constexpr int kInitialWidgets = 12;
    static constexpr int kBatch = 10;

    // Replaces every entry (a transcript restored); creates widgets only for the newest few.
    void setEntries(const QVector<ChatEntry>& entries);
    ChatExchangeWidget* addEntry(const ChatEntry& entry);
    ChatExchangeWidget* insertEntry(int index, const ChatEntry& entry);
    void updateEntry(const ChatEntry& entry);
    void removeEntry(const QString& id);
    void clearEntries();
    int entryCount() const { return int(m_model.size()); }
    // The widget of an exchange, or nullptr while it is far from the viewport (see above).
    ChatExchangeWidget* exchangeWidget(const QString& id) const;
    // The widgets that exist now, in order: a window of the entries.
    QList<ChatExchangeWidget*> exchangeWidgets() const { return m_exchanges; }
    // The exchange the keyboard focus is in, else the newest one; "" when the chat is empty.
    QString currentEntryId() const;
    // Copies the answer shown in that exchange (the version being browsed).
    void copyAnswer(const QString& id);
    // Puts the question back into the box to be changed and asked again (a new exchange).
    void editQuestion(const QString& id);

    void showNotice(const QString& text);
    // A notice with an "Undo" button (Delete, Clear): clicking it emits undoRequested().
    void showUndoNotice(const QString& text);
    QToolButton* undoButton() const { return m_undo; }
    void clearNotice();
    QString noticeText() const;
    bool isNoticeShown() const;

    void focusQuestion();
    void revealEntry(const QString& id); // scrolls the exchange into view (a timeline marker was clicked)

Q_SIGNALS:
    void askRequested(const QString& question);
    void stopRequested(const QString& id);
    void regenerateRequested(const QString& id);
    void deleteRequested(const QString& id);
    void undoRequested();
    void seekRequested(double seconds);
    void chooseModelFolderRequested();
    void leaveQuestionRequested();

private:
    void submit(const QString& question);
    void updateEmptyState();
    QWidget* makeStarters();
    ChatExchangeWidget* makeWidget(const ChatEntry& entry);
    void reindex(int from = 0);
    // Makes [lo, hi) the entries with widgets, creating and deleting only what changes.
    void setWindow(int lo, int hi);
    void extendUp();
    void extendDown();
    void updateLoaders();
    void onScrolled(int value);
    void keepInPlace(QWidget* anchor); // the window moved: keep `anchor` where the reader saw it

    QFrame* m_notice = nullptr;
    QLabel* m_noticeText = nullptr;
    QStackedWidget* m_stack = nullptr;
    ChatNoModelPanel* m_noModel = nullptr;
    QScrollArea* m_scroll = nullptr;
    QVBoxLayout* m_list = nullptr;
    QWidget* m_starters = nullptr;
    QList<QPushButton*> m_starterButtons;
    QList<ChatExchangeWidget*> m_exchanges;   // the widgets of m_model[m_lo, m_hi), in order
    QVector<ChatEntry> m_model;               // every entry, in order
    QHash<QString, int> m_index;              // id → position in m_model
    int m_lo = 0, m_hi = 0;
    QPushButton* m_earlier = nullptr;
    QPushButton* m_later = nullptr;
    QToolButton* m_undo = nullptr;
    bool m_moving = false;                    // the window is being moved: scroll signals are ours
    QWidget* m_anchor = nullptr;              // kept in place across the next range change (see keepInPlace)
    int m_anchorOffset = 0;
    QLabel* m_scope = nullptr;
    ChatQuestionEdit* m_edit = nullptr;
    QPushButton* m_send = nullptr;
    bool m_canAsk = false;
    QString m_whyNot;
    bool m_stickToBottom = true;
};

} // namespace gitvqa
