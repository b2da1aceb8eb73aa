#pragma once
// The right side of the window: the conversation about the open video. Shows exchanges, starter questions for an
// empty chat, the no-model panel, notices (errors in plain words), what the next question will be about, and the
// question box. A view: it asks through signals; the chat controller decides and tells it what to show.

#include "ui/chat/chat_entry.h"

#include <QWidget>

class QFrame;
class QLabel;
class QPushButton;
class QScrollArea;
class QStackedWidget;
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

    ChatExchangeWidget* addEntry(const ChatEntry& entry);
    void updateEntry(const ChatEntry& entry);
    void removeEntry(const QString& id);
    void clearEntries();
    ChatExchangeWidget* exchangeWidget(const QString& id) const;
    QList<ChatExchangeWidget*> exchangeWidgets() const { return m_exchanges; }

    void showNotice(const QString& text);
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
    void seekRequested(double seconds);
    void chooseModelFolderRequested();
    void leaveQuestionRequested();

private:
    void submit(const QString& question);
    void updateEmptyState();
    QWidget* makeStarters();

    QFrame* m_notice = nullptr;
    QLabel* m_noticeText = nullptr;
    QStackedWidget* m_stack = nullptr;
    ChatNoModelPanel* m_noModel = nullptr;
    QScrollArea* m_scroll = nullptr;
    QVBoxLayout* m_list = nullptr;
    QWidget* m_starters = nullptr;
    QList<QPushButton*> m_starterButtons;
    QList<ChatExchangeWidget*> m_exchanges;
    QLabel* m_scope = nullptr;
    ChatQuestionEdit* m_edit = nullptr;
    QPushButton* m_send = nullptr;
    bool m_canAsk = false;
    QString m_whyNot;
    bool m_stickToBottom = true;
};

} // namespace gitvqa
