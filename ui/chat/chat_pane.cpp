#include "ui/chat/chat_pane.h"

#include "ui/chat/chat_exchange_widget.h"
#include "ui/chat/chat_no_model_panel.h"
#include "ui/chat/chat_question_edit.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace gitvqa {

ChatPane::ChatPane(QWidget* parent) : QWidget(parent)
{
    setAccessibleName(tr("Chat"));
    setAccessibleDescription(tr("Questions about the video and their answers"));

    // Notices: errors and warnings in plain words, dismissable, never modal.
    m_notice = new QFrame(this);
    m_notice->setObjectName(QStringLiteral("notice"));
    m_notice->setStyleSheet(QStringLiteral("QFrame#notice { border: 1px solid palette(highlight); border-radius: 4px;"
                                           " background: palette(tool-tip-base); }"));
    m_noticeText = new QLabel(m_notice);
    m_noticeText->setWordWrap(true);
    m_noticeText->setTextFormat(Qt::PlainText);
    m_noticeText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_noticeText->setForegroundRole(QPalette::ToolTipText);
    m_noticeText->setAccessibleName(tr("Notice"));
    auto* dismiss = new QToolButton(m_notice);
    dismiss->setText(tr("Dismiss"));
    dismiss->setAutoRaise(true);
    dismiss->setAccessibleName(tr("Dismiss notice"));
    dismiss->setAccessibleDescription(tr("Hide this message"));
    connect(dismiss, &QToolButton::clicked, this, &ChatPane::clearNotice);
    auto* noticeLayout = new QHBoxLayout(m_notice);
    noticeLayout->setContentsMargins(8, 6, 4, 6);
    auto* icon = new QLabel(m_notice);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(20, 20));
    noticeLayout->addWidget(icon, 0, Qt::AlignTop);
    noticeLayout->addWidget(m_noticeText, 1);
    noticeLayout->addWidget(dismiss, 0, Qt::AlignTop);
    m_notice->hide();

    m_noModel = new ChatNoModelPanel(this);
    connect(m_noModel, &ChatNoModelPanel::chooseFolderRequested, this, &ChatPane::chooseModelFolderRequested);

    auto* content = new QWidget;
    content->setBackgroundRole(QPalette::Base);
    m_list = new QVBoxLayout(content);
    m_list->setContentsMargins(6, 6, 6, 6);
    m_list->setSpacing(8);
    m_starters = makeStarters();
    m_list->addWidget(m_starters);
    m_list->addStretch(1);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setAccessibleName(tr("Conversation"));
    m_scroll->setAccessibleDescription(tr("Every question asked about this video, newest last"));
    // Follow a streaming answer unless the reader scrolled up to read something else.
    QScrollBar* bar = m_scroll->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int v) { m_stickToBottom = v >= bar->maximum() - 24; });
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int max) {
        if (m_stickToBottom)
            bar->setValue(max);
    });

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_scroll);
    m_stack->addWidget(m_noModel);

    m_scope = new QLabel(this);
    m_scope->setForegroundRole(QPalette::PlaceholderText);
    m_scope->setWordWrap(true);
    m_scope->setAccessibleName(tr("What the next question is about"));

    m_edit = new ChatQuestionEdit(this);
    connect(m_edit, &ChatQuestionEdit::submitted, this, [this] { submit(m_edit->question()); });
    connect(m_edit, &ChatQuestionEdit::escapePressed, this, &ChatPane::leaveQuestionRequested);
    m_send = new QPushButton(tr("Ask"), this);
    m_send->setAccessibleName(tr("Ask"));
    m_send->setAccessibleDescription(tr("Send the question"));
    m_send->setDefault(false);
    m_send->setAutoDefault(false);
    connect(m_send, &QPushButton::clicked, this, [this] { submit(m_edit->question()); });
    auto* askRow = new QHBoxLayout;
    askRow->addWidget(m_edit, 1);
    askRow->addWidget(m_send, 0, Qt::AlignBottom);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(m_notice);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_scope);
    layout->addLayout(askRow);

    setTabOrder(m_edit, m_send);
    setCanAsk(false, tr("Open a video first (File → Open Video…)."));
}

QStringList ChatPane::starterQuestions()
{
    return {tr("what is happening?"), tr("what is the person holding?"), tr("where is this?")};
}

QWidget* ChatPane::makeStarters()
{
    auto* box = new QWidget;
    box->setAccessibleName(tr("Suggested questions"));
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 24, 0, 0);
    auto* hint = new QLabel(tr("Pause on a moment or mark a segment with I and O, then ask. Try:"), box);
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignCenter);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);
    for (const QString& q : starterQuestions()) {
        auto* b = new QPushButton(q, box);
        b->setAccessibleName(tr("Ask: %1").arg(q));
        b->setAccessibleDescription(tr("Ask this suggested question about the current segment"));
        b->setAutoDefault(false);
        connect(b, &QPushButton::clicked, this, [this, q] { submit(q); });
        layout->addWidget(b, 0, Qt::AlignHCenter);
        m_starterButtons.append(b);
    }
    return box;
}

bool ChatPane::isNoModelPanelShown() const { return m_stack->currentWidget() == m_noModel; }

void ChatPane::setNoModel(bool missing, const QString& reason)
{
    if (!reason.isEmpty())
        m_noModel->setReason(reason);
    m_stack->setCurrentWidget(missing ? static_cast<QWidget*>(m_noModel) : m_scroll);
}

void ChatPane::setCanAsk(bool can, const QString& whyNot)
{
    m_canAsk = can;
    m_whyNot = whyNot;
    m_send->setEnabled(can);
    for (QPushButton* b : m_starterButtons)
        b->setEnabled(can);
    m_send->setToolTip(can ? tr("Ask (Enter)") : whyNot);
}

void ChatPane::setScope(const QString& text) { m_scope->setText(text); }

QString ChatPane::scopeText() const { return m_scope->text(); }

void ChatPane::submit(const QString& question)
{
    if (question.isEmpty())
        return;
    if (!m_canAsk) {
        showNotice(m_whyNot);
        return;
    }
    m_edit->rememberQuestion(question);
    if (m_edit->question() == question)
        m_edit->clear();
    m_stickToBottom = true;
    Q_EMIT askRequested(question);
}

ChatExchangeWidget* ChatPane::addEntry(const ChatEntry& entry)
{
    auto* w = new ChatExchangeWidget(entry, m_scroll->widget());
    connect(w, &ChatExchangeWidget::seekRequested, this, &ChatPane::seekRequested);
    connect(w, &ChatExchangeWidget::stopRequested, this, &ChatPane::stopRequested);
    connect(w, &ChatExchangeWidget::regenerateRequested, this, &ChatPane::regenerateRequested);
    connect(w, &ChatExchangeWidget::deleteRequested, this, &ChatPane::deleteRequested);
    m_list->insertWidget(m_list->count() - 1, w); // before the stretch
    m_exchanges.append(w);
    updateEmptyState();
    return w;
}

void ChatPane::updateEntry(const ChatEntry& entry)
{
    if (ChatExchangeWidget* w = exchangeWidget(entry.id))
        w->setEntry(entry);
}

void ChatPane::removeEntry(const QString& id)
{
    if (ChatExchangeWidget* w = exchangeWidget(id)) {
        m_exchanges.removeOne(w);
        w->deleteLater();
        w->hide();
    }
    updateEmptyState();
}

void ChatPane::clearEntries()
{
    for (ChatExchangeWidget* w : m_exchanges) {
        w->hide();
        w->deleteLater();
    }
    m_exchanges.clear();
    updateEmptyState();
}

ChatExchangeWidget* ChatPane::exchangeWidget(const QString& id) const
{
    for (ChatExchangeWidget* w : m_exchanges)
        if (w->entry().id == id)
            return w;
    return nullptr;
}

void ChatPane::updateEmptyState() { m_starters->setVisible(m_exchanges.isEmpty()); }

void ChatPane::showNotice(const QString& text)
{
    m_noticeText->setText(text);
    m_notice->setAccessibleDescription(text);
    m_notice->show();
}

void ChatPane::clearNotice()
{
    m_noticeText->clear();
    m_notice->hide();
}

QString ChatPane::noticeText() const { return m_noticeText->text(); }

bool ChatPane::isNoticeShown() const { return !m_notice->isHidden(); }

void ChatPane::focusQuestion() { m_edit->setFocus(Qt::ShortcutFocusReason); }

void ChatPane::revealEntry(const QString& id)
{
    if (ChatExchangeWidget* w = exchangeWidget(id)) {
        m_stickToBottom = false;
        m_scroll->ensureWidgetVisible(w);
    }
}

} // namespace gitvqa
