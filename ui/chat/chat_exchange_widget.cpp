#include "ui/chat/chat_exchange_widget.h"

#include "service/segment_spec.h"
#include "ui/chat/chat_frame_strip.h"
#include "ui/time_text.h"

#include <QAccessible>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace gitvqa {

namespace {

QString stageText(const QString& stage)
{
    if (stage == QLatin1String("opening"))
        return ChatExchangeWidget::tr("Opening the video…");
    if (stage == QLatin1String("sampling"))
        return ChatExchangeWidget::tr("Reading frames…");
    if (stage == QLatin1String("encoding"))
        return ChatExchangeWidget::tr("Looking at the frames…");
    if (stage == QLatin1String("prefill") || stage == QLatin1String("generating"))
        return ChatExchangeWidget::tr("Answering…");
    return ChatExchangeWidget::tr("Waiting for the model…");
}

// An earlier answer as the chat shows it: its text and, when it did not finish, why.
QString earlierText(const AnswerVersion& v)
{
    if (v.status == exchange_status::Failed)
        return ChatExchangeWidget::tr("⚠ %1").arg(v.error);
    if (v.status == exchange_status::Done)
        return v.answer.isEmpty() ? ChatExchangeWidget::tr("(the model gave an empty answer)") : v.answer;
    return v.answer.isEmpty() ? ChatExchangeWidget::tr("(stopped before the first word)")
                              : ChatExchangeWidget::tr("%1 … (stopped)").arg(v.answer);
}

} // namespace

QString ChatExchangeWidget::statsText(const ChatEntry& e)
{
    QStringList parts;
    if (e.timeToFirstTokenMs >= 0)
        parts << tr("first word after %1 s").arg(e.timeToFirstTokenMs / 1000.0, 0, 'f', 2);
    if (e.tokensPerSecond > 0)
        parts << tr("%1 tokens/s").arg(e.tokensPerSecond, 0, 'f', 1);
    if (e.contextReused)
        parts << tr("frames already encoded");
    if (!e.device.isEmpty() && !e.isActive()) {
        // Which model answered: after File → Models… the transcript may mix answers from several.
        if (!e.model.isEmpty())
            parts << e.model;
        parts << QStringLiteral("%1 · %2").arg(e.device, e.dtype);
    }
    return parts.join(QStringLiteral(" · "));
}

ChatExchangeWidget::ChatExchangeWidget(const ChatEntry& entry, QWidget* parent) : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    setAccessibleName(tr("Question and answer"));

    m_question = new QLabel(this);
    m_question->setWordWrap(true);
    m_question->setTextFormat(Qt::PlainText);
    m_question->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_question->font();
    bold.setBold(true);
    m_question->setFont(bold);
    m_question->setAccessibleName(tr("Question"));

    m_chip = new QToolButton(this);
    m_chip->setObjectName(QStringLiteral("timeChip"));
    m_chip->setCursor(Qt::PointingHandCursor);
    // A rounded chip drawn from palette roles only, so it follows the light or dark look.
    m_chip->setStyleSheet(QStringLiteral("QToolButton#timeChip { border: 1px solid palette(highlight); border-radius: 9px;"
                                         " padding: 1px 8px; } QToolButton#timeChip:hover { background: palette(highlight);"
                                         " color: palette(highlighted-text); }"));
    m_chip->setAccessibleName(tr("Segment"));
    m_chip->setAccessibleDescription(tr("The part of the video this question is about; activate to jump there"));
    connect(m_chip, &QToolButton::clicked, this, [this] { Q_EMIT seekRequested(m_entry.start); });

    m_frames = new ChatFrameStrip(this);
    connect(m_frames, &ChatFrameStrip::frameActivated, this, &ChatExchangeWidget::seekRequested);
    auto* top = new QHBoxLayout;
    top->addWidget(m_chip, 0, Qt::AlignVCenter);
    top->addWidget(m_frames, 1);

    m_answer = new QLabel(this);
    m_answer->setWordWrap(true);
    m_answer->setTextFormat(Qt::PlainText);
    m_answer->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont larger = m_answer->font();
    larger.setPointSizeF(larger.pointSizeF() * 1.15);
    m_answer->setFont(larger);
    m_answer->setAccessibleName(tr("Answer"));

    m_stats = new QLabel(this);
    m_stats->setForegroundRole(QPalette::PlaceholderText);
    m_stats->setWordWrap(true);
    QFont small = m_stats->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_stats->setFont(small);
    m_stats->setAccessibleName(tr("Timing"));
    m_stats->setAccessibleDescription(tr("How long the first word took and how fast the answer came"));

    m_stop = makeButton(tr("Stop"), tr("Stop answering"), tr("Stop this answer now; the words so far are kept"));
    m_regenerate = makeButton(tr("Regenerate"), tr("Regenerate"), tr("Ask the same question about the same segment again"));
    m_copy = makeButton(tr("Copy"), tr("Copy answer"), tr("Copy the answer text to the clipboard"));
    m_delete = makeButton(tr("Delete"), tr("Delete"), tr("Remove this question and answer from the transcript"));
    m_edit = makeButton(tr("Edit"), tr("Edit question"),
                        tr("Put this question back into the question box to change it and ask again"));
    m_previous = makeButton(QStringLiteral("‹"), tr("Previous answer"), tr("Show the answer given before this one"));
    m_next = makeButton(QStringLiteral("›"), tr("Next answer"), tr("Show the answer given after this one"));
    m_versionLabel = new QLabel(this);
    m_versionLabel->setAccessibleName(tr("Answer version"));
    connect(m_previous, &QToolButton::clicked, this, [this] { showVersion(shownVersion() - 1); });
    connect(m_next, &QToolButton::clicked, this, [this] { showVersion(shownVersion() + 1); });
    connect(m_edit, &QToolButton::clicked, this, [this] { Q_EMIT editRequested(m_entry.id); });
    connect(m_stop, &QToolButton::clicked, this, [this] { Q_EMIT stopRequested(m_entry.id); });
    connect(m_regenerate, &QToolButton::clicked, this, [this] { Q_EMIT regenerateRequested(m_entry.id); });
    connect(m_copy, &QToolButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(answerText()); });
    connect(m_delete, &QToolButton::clicked, this, [this] { Q_EMIT deleteRequested(m_entry.id); });

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_stats, 1);
    bottom->addWidget(m_previous);
    bottom->addWidget(m_versionLabel);
    bottom->addWidget(m_next);
    for (QToolButton* b : {m_stop, m_regenerate, m_copy, m_edit, m_delete})
        bottom->addWidget(b);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 6);
    layout->setSpacing(4);
    layout->addWidget(m_question);
    layout->addLayout(top);
    layout->addWidget(m_answer);
    layout->addLayout(bottom);

    setEntry(entry);
}

QToolButton* ChatExchangeWidget::makeButton(const QString& text, const QString& name, const QString& description)
{
    auto* b = new QToolButton(this);
    b->setText(text);
    b->setAutoRaise(true);
    b->setAccessibleName(name);
    b->setAccessibleDescription(description);
    b->setToolTip(description);
    return b;
}

QString ChatExchangeWidget::answerText() const
{
    const int shown = shownVersion();
    return shown < m_entry.earlier.size() ? m_entry.earlier.at(shown).answer : m_entry.answer;
}

int ChatExchangeWidget::defaultVersion(const ChatEntry& e)
{
    const int latest = int(e.earlier.size());
    const bool fellShort = e.state == ChatEntry::State::Failed
        || (e.state == ChatEntry::State::Stopped && e.answer.isEmpty());
    if (latest == 0 || !fellShort)
        return latest;
    for (int i = latest - 1; i >= 0; --i) {
        if (e.earlier.at(i).status == exchange_status::Done || !e.earlier.at(i).answer.isEmpty())
            return i;
    }
    return latest;
}

int ChatExchangeWidget::shownVersion() const
{
    return m_shown >= 0 && m_shown < versionCount() ? m_shown : defaultVersion(m_entry);
}

void ChatExchangeWidget::showVersion(int index)
{
    if (index < 0 || index >= versionCount())
        return;
    m_shown = index;
    showAnswer();
}

void ChatExchangeWidget::setEntry(const ChatEntry& entry)
{
    const bool answerMoved = entry.answer != m_entry.answer;
    const bool framesMoved = entry.thumbnails.size() != m_entry.thumbnails.size() || entry.frameTimes != m_entry.frameTimes
                             || entry.clampedFrom != m_entry.clampedFrom || m_frames->frameCount() != entry.thumbnails.size();
    // Announced once when an answer comes to an end (not for answers restored from the transcript, which were
    // never active here, and not per token).
    const bool finished = m_entry.isActive() && !entry.isActive() && m_entry.id == entry.id;
    if (entry.earlier.size() != m_entry.earlier.size())
        m_shown = -1; // a new answer is coming: show it
    m_entry = entry;

    m_question->setText(entry.question);
    m_chip->setText(timeSpan(entry.start, entry.end));
    m_chip->setToolTip(tr("Jump to %1").arg(formatTimestamp(entry.start)));
    showAnswer();

    if (framesMoved)
        m_frames->setFrames(entry.thumbnails, entry.frameTimes, entry.clampedFrom);
    if (answerMoved)
        Q_EMIT answerChanged(entry.answer);
    if (finished) {
        m_answer->setAccessibleName(tr("Answer: %1").arg(m_answer->text()));
        QAccessibleEvent announce(m_answer, QAccessible::Alert);
        QAccessible::updateAccessibility(&announce);
        Q_EMIT announced(m_answer->accessibleName());
    }
}

void ChatExchangeWidget::showAnswer()
{
    const ChatEntry& entry = m_entry;
    const int shown = shownVersion();
    QString text;
    QString stats;
    if (shown < entry.earlier.size()) {
        const AnswerVersion& v = entry.earlier.at(shown);
        text = earlierText(v);
        ChatEntry as;
        as.model = v.model;
        as.device = v.device;
        as.dtype = v.dtype;
        as.state = ChatEntry::State::Done;
        stats = statsText(as);
    } else {
        text = entry.answer;
        switch (entry.state) {
        case ChatEntry::State::Queued:
            if (text.isEmpty())
                text = tr("Waiting for the model…");
            break;
        case ChatEntry::State::Running:
            text = text.isEmpty() ? stageText(entry.stage) : text + QStringLiteral(" ▍");
            break;
        case ChatEntry::State::Stopped:
            text = text.isEmpty() ? tr("(stopped before the first word)") : tr("%1 … (stopped)").arg(text);
            break;
        case ChatEntry::State::Failed:
            text = tr("⚠ %1").arg(entry.error);
            break;
        case ChatEntry::State::Done:
            if (text.isEmpty())
                text = tr("(the model gave an empty answer)");
            break;
        }
        stats = statsText(entry);
    }
    m_answer->setText(text);
    // While streaming the description stays put: a screen reader hears the answer once, when it is complete.
    if (!entry.isActive())
        m_answer->setAccessibleDescription(text);
    m_stats->setText(stats);
    m_stats->setVisible(!stats.isEmpty());

    const bool active = entry.isActive();
    m_stop->setVisible(active);
    m_regenerate->setVisible(!active);
    m_copy->setVisible(!active && !answerText().isEmpty());
    m_delete->setEnabled(true);
    const int count = versionCount();
    for (QWidget* w : {static_cast<QWidget*>(m_previous), static_cast<QWidget*>(m_next),
                       static_cast<QWidget*>(m_versionLabel)})
        w->setVisible(count > 1);
    m_versionLabel->setText(QStringLiteral("%1/%2").arg(shown + 1).arg(count));
    m_previous->setEnabled(shown > 0);
    m_next->setEnabled(shown < count - 1);
}

} // namespace gitvqa
