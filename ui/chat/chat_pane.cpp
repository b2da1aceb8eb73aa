#include "ui/chat/chat_pane.h"

#include "ui/chat/chat_exchange_widget.h"
#include "ui/chat/chat_no_model_panel.h"
#include "ui/chat/chat_question_edit.h"

#include <QApplication>
#include <QTextCursor>
#include <QClipboard>
#include <QHBoxLayout>
#include <QPointer>
#include <QTimer>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

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
    m_undo = new QToolButton(m_notice);
    m_undo->setText(tr("Undo"));
    m_undo->setAutoRaise(true);
    m_undo->setAccessibleName(tr("Undo"));
    m_undo->setAccessibleDescription(tr("Bring back what was just removed"));
    m_undo->hide();
    connect(m_undo, &QToolButton::clicked, this, [this] {
        clearNotice();
        Q_EMIT undoRequested();
    });
    auto* noticeLayout = new QHBoxLayout(m_notice);
    noticeLayout->setContentsMargins(8, 6, 4, 6);
    auto* icon = new QLabel(m_notice);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(20, 20));
    noticeLayout->addWidget(icon, 0, Qt::AlignTop);
    noticeLayout->addWidget(m_noticeText, 1);
    noticeLayout->addWidget(m_undo, 0, Qt::AlignTop);
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
    // Layout: starters, "earlier" button, the exchange widgets of the window, "later" button, stretch.
    m_earlier = new QPushButton(content);
    m_earlier->setFlat(true);
    m_earlier->setAccessibleName(tr("Show earlier questions"));
    m_earlier->hide();
    connect(m_earlier, &QPushButton::clicked, this, &ChatPane::extendUp);
    m_list->addWidget(m_earlier);
    m_later = new QPushButton(content);
    m_later->setFlat(true);
    m_later->setAccessibleName(tr("Show later questions"));
    m_later->hide();
    connect(m_later, &QPushButton::clicked, this, &ChatPane::extendDown);
    m_list->addWidget(m_later);
    m_list->addStretch(1);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setAccessibleName(tr("Conversation"));
    m_scroll->setAccessibleDescription(tr("Every question asked about this video, newest last"));
    // Follow a streaming answer unless the reader scrolled up to read something else.
    QScrollBar* bar = m_scroll->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int v) {
        if (m_moving)
            return;
        m_stickToBottom = v >= bar->maximum() - 24;
        onScrolled(v);
    });
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int max) {
        if (m_anchor) {
            const bool moving = m_moving;
            m_moving = true;
            bar->setValue(m_anchor->y() - m_anchorOffset);
            m_moving = moving;
        } else if (m_stickToBottom) {
            bar->setValue(max);
        }
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

ChatExchangeWidget* ChatPane::makeWidget(const ChatEntry& entry)
{
    auto* w = new ChatExchangeWidget(entry, m_scroll->widget());
    connect(w, &ChatExchangeWidget::seekRequested, this, &ChatPane::seekRequested);
    connect(w, &ChatExchangeWidget::stopRequested, this, &ChatPane::stopRequested);
    connect(w, &ChatExchangeWidget::regenerateRequested, this, &ChatPane::regenerateRequested);
    connect(w, &ChatExchangeWidget::deleteRequested, this, &ChatPane::deleteRequested);
    connect(w, &ChatExchangeWidget::editRequested, this, &ChatPane::editQuestion);
    return w;
}

void ChatPane::reindex(int from)
{
    for (int i = from; i < m_model.size(); ++i)
        m_index.insert(m_model[i].id, i);
}

namespace {

// Out of the layout at once (positions in it must stay right), deleted later: the widget may be the sender of
// the signal being handled (its Delete button).
void dispose(QVBoxLayout* list, ChatExchangeWidget* w)
{
    list->removeWidget(w);
    w->hide();
    w->deleteLater();
}

} // namespace

void ChatPane::setWindow(int lo, int hi)
{
    lo = std::clamp(lo, 0, int(m_model.size()));
    hi = std::clamp(hi, lo, int(m_model.size()));
    while (m_lo < lo && m_lo < m_hi) {
        dispose(m_list, m_exchanges.takeFirst());
        ++m_lo;
    }
    while (m_hi > hi && m_hi > m_lo) {
        dispose(m_list, m_exchanges.takeLast());
        --m_hi;
    }
    if (m_lo >= m_hi)
        m_lo = m_hi = lo; // nothing kept: start afresh at lo
    const int first = m_list->indexOf(m_earlier) + 1;
    while (m_lo > lo) {
        --m_lo;
        ChatExchangeWidget* w = makeWidget(m_model[m_lo]);
        m_list->insertWidget(first, w);
        m_exchanges.prepend(w);
    }
    while (m_hi < hi) {
        ChatExchangeWidget* w = makeWidget(m_model[m_hi]);
        m_list->insertWidget(first + int(m_exchanges.size()), w);
        m_exchanges.append(w);
        ++m_hi;
    }
    updateLoaders();
    updateEmptyState();
}

void ChatPane::updateLoaders()
{
    m_earlier->setVisible(m_lo > 0);
    m_earlier->setText(tr("Show earlier questions (%n more)", nullptr, m_lo));
    const int after = int(m_model.size()) - m_hi;
    m_later->setVisible(after > 0);
    m_later->setText(tr("Show later questions (%n more)", nullptr, after));
}

void ChatPane::keepInPlace(QWidget* anchor)
{
    // Lay out now so the new range is known at once; the range-change handler puts the anchor back where it was
    // (also when the scroll area settles its size a moment later).
    QScrollBar* bar = m_scroll->verticalScrollBar();
    m_anchor = anchor;
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    if (anchor)
        bar->setValue(anchor->y() - m_anchorOffset);
    QTimer::singleShot(0, this, [this] { m_anchor = nullptr; });
}

void ChatPane::extendUp()
{
    if (m_lo == 0)
        return;
    QWidget* anchor = m_exchanges.isEmpty() ? nullptr : m_exchanges.first();
    m_anchorOffset = anchor ? anchor->y() - m_scroll->verticalScrollBar()->value() : 0;
    m_moving = true;
    const int lo = std::max(0, m_lo - kBatch);
    setWindow(lo, std::min(m_hi, lo + kMaxWidgets));
    keepInPlace(anchor);
    m_moving = false;
}

void ChatPane::extendDown()
{
    if (m_hi >= m_model.size())
        return;
    QWidget* anchor = m_exchanges.isEmpty() ? nullptr : m_exchanges.last();
    m_anchorOffset = anchor ? anchor->y() - m_scroll->verticalScrollBar()->value() : 0;
    m_moving = true;
    const int hi = std::min(int(m_model.size()), m_hi + kBatch);
    setWindow(std::max(m_lo, hi - kMaxWidgets), hi);
    keepInPlace(anchor);
    m_moving = false;
}

void ChatPane::onScrolled(int value)
{
    // Near an end of the widgets that exist: bring in the next batch, the way chat apps load history.
    QScrollBar* bar = m_scroll->verticalScrollBar();
    const int margin = m_scroll->viewport()->height() / 2;
    if (value <= margin && m_lo > 0)
        QTimer::singleShot(0, this, &ChatPane::extendUp);
    else if (value >= bar->maximum() - margin && m_hi < m_model.size())
        QTimer::singleShot(0, this, &ChatPane::extendDown);
}

void ChatPane::setEntries(const QVector<ChatEntry>& entries)
{
    clearEntries();
    m_model = entries;
    reindex();
    m_stickToBottom = true;
    setWindow(int(m_model.size()) - kInitialWidgets, int(m_model.size()));
}

ChatExchangeWidget* ChatPane::addEntry(const ChatEntry& entry)
{
    // A new question is shown, wherever the reader had scrolled to.
    if (m_hi != m_model.size())
        setWindow(int(m_model.size()) - kInitialWidgets, int(m_model.size()));
    return insertEntry(int(m_model.size()), entry);
}

ChatExchangeWidget* ChatPane::insertEntry(int index, const ChatEntry& entry)
{
    index = std::clamp(index, 0, int(m_model.size()));
    m_model.insert(index, entry);
    reindex(index);
    ChatExchangeWidget* w = nullptr;
    if (index < m_lo || (index == m_lo && m_lo > 0 && m_hi > m_lo)) {
        ++m_lo; // before the window: it moves down by one
        ++m_hi;
    } else if (index <= m_hi) {
        w = makeWidget(entry);
        m_list->insertWidget(m_list->indexOf(m_earlier) + 1 + (index - m_lo), w);
        m_exchanges.insert(index - m_lo, w);
        ++m_hi;
        if (m_exchanges.size() > kMaxWidgets) {
            if (index - m_lo > m_exchanges.size() / 2)
                setWindow(m_lo + 1, m_hi);
            else
                setWindow(m_lo, m_hi - 1);
        }
    }
    updateLoaders();
    updateEmptyState();
    return w;
}

void ChatPane::updateEntry(const ChatEntry& entry)
{
    const int i = m_index.value(entry.id, -1);
    if (i < 0)
        return;
    m_model[i] = entry;
    if (ChatExchangeWidget* w = exchangeWidget(entry.id))
        w->setEntry(entry);
}

void ChatPane::removeEntry(const QString& id)
{
    const int i = m_index.value(id, -1);
    if (i < 0)
        return;
    if (i >= m_lo && i < m_hi) {
        dispose(m_list, m_exchanges.takeAt(i - m_lo));
        --m_hi;
    } else if (i < m_lo) {
        --m_lo;
        --m_hi;
    }
    m_model.removeAt(i);
    m_index.remove(id);
    reindex(i);
    if (m_exchanges.isEmpty() && !m_model.isEmpty())
        setWindow(i - kBatch, i + kBatch);
    updateLoaders();
    updateEmptyState();
}

void ChatPane::clearEntries()
{
    for (ChatExchangeWidget* w : std::as_const(m_exchanges))
        dispose(m_list, w);
    m_exchanges.clear();
    m_model.clear();
    m_index.clear();
    m_lo = m_hi = 0;
    updateLoaders();
    updateEmptyState();
}

ChatExchangeWidget* ChatPane::exchangeWidget(const QString& id) const
{
    const int i = m_index.value(id, -1);
    return i >= m_lo && i < m_hi ? m_exchanges.at(i - m_lo) : nullptr;
}

QString ChatPane::currentEntryId() const
{
    for (QWidget* w = QApplication::focusWidget(); w; w = w->parentWidget()) {
        if (auto* x = qobject_cast<ChatExchangeWidget*>(w))
            return m_index.contains(x->entry().id) ? x->entry().id : QString();
        if (w == this)
            break;
    }
    return m_model.isEmpty() ? QString() : m_model.last().id;
}

void ChatPane::copyAnswer(const QString& id)
{
    const int i = m_index.value(id, -1);
    if (i < 0)
        return;
    const ChatEntry& e = m_model[i];
    QString text;
    if (ChatExchangeWidget* w = exchangeWidget(id)) {
        text = w->answerText();
    } else {
        const int v = ChatExchangeWidget::defaultVersion(e);
        text = v < e.earlier.size() ? e.earlier.at(v).answer : e.answer;
    }
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

void ChatPane::editQuestion(const QString& id)
{
    const int i = m_index.value(id, -1);
    if (i < 0)
        return;
    m_edit->setPlainText(m_model[i].question);
    m_edit->moveCursor(QTextCursor::End);
    focusQuestion();
}

void ChatPane::updateEmptyState() { m_starters->setVisible(m_model.isEmpty()); }

void ChatPane::showNotice(const QString& text)
{
    m_undo->hide();
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

void ChatPane::showUndoNotice(const QString& text)
{
    showNotice(text);
    m_undo->show();
}

void ChatPane::revealEntry(const QString& id)
{
    const int i = m_index.value(id, -1);
    if (i < 0)
        return;
    m_stickToBottom = false;
    if (i < m_lo || i >= m_hi) {
        // Far from the widgets that exist: move the window there instead of creating everything in between.
        m_moving = true;
        const int lo = std::max(0, i - kBatch);
        setWindow(lo, std::min(int(m_model.size()), lo + 2 * kBatch));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        m_moving = false;
    }
    QPointer<ChatExchangeWidget> w = exchangeWidget(id);
    if (!w)
        return;
    m_moving = true;
    m_scroll->ensureWidgetVisible(w);
    m_moving = false;
    m_stickToBottom = i == m_model.size() - 1;
    // Again once the scroll area has settled the new content size.
    QTimer::singleShot(0, this, [this, w] {
        if (w)
            m_scroll->ensureWidgetVisible(w);
    });
}

} // namespace gitvqa
