#include "ui/scan/scan_summary_widget.h"

#include "ui/time_text.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace gitvqa {

ScanSummaryWidget::ScanSummaryWidget(const QString& id, const QString& question, bool describe, QWidget* parent)
    : QFrame(parent), m_id(id)
{
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Scan"));
    auto* title = new QLabel(describe ? tr("Describe every window") : tr("Scan: %1").arg(question), this);
    title->setWordWrap(true);
    title->setTextFormat(Qt::PlainText);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);

    m_status = new QLabel(this);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Scan progress"));

    m_rangesBox = new QWidget(this);
    m_rangesLayout = new QVBoxLayout(m_rangesBox);
    m_rangesLayout->setContentsMargins(0, 0, 0, 0);
    m_rangesLayout->setSpacing(2);

    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setAccessibleDescription(tr("Stop the scan; the windows done so far are kept"));
    m_stop->setAutoDefault(false);
    connect(m_stop, &QPushButton::clicked, this, [this] { Q_EMIT stopRequested(m_id); });
    m_resume = new QPushButton(tr("Resume"), this);
    m_resume->setAccessibleDescription(tr("Scan the windows that are still missing"));
    m_resume->setAutoDefault(false);
    m_resume->hide();
    connect(m_resume, &QPushButton::clicked, this, [this] { Q_EMIT resumeRequested(m_id); });
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_resume);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(title);
    layout->addWidget(m_rangesBox);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
}

void ScanSummaryWidget::setRanges(const QVector<AnswerRange>& ranges)
{
    m_rangesText = describeAnswerRanges(ranges);
    for (QToolButton* b : m_rangeButtons)
        b->deleteLater();
    m_rangeButtons.clear();
    while (QLayoutItem* item = m_rangesLayout->takeAt(0)) {
        if (item->widget())
            item->widget()->deleteLater();
        delete item;
    }
    for (const AnswerRange& r : ranges) {
        auto* row = new QWidget(m_rangesBox);
        auto* rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        rowLayout->setSpacing(4);
        auto* answer = new QLabel(r.answer.isEmpty() ? tr("(no answer)") : r.answer, row);
        answer->setTextFormat(Qt::PlainText);
        answer->setWordWrap(true);
        rowLayout->addWidget(answer, 1);
        for (const TimeWindow& w : r.ranges) {
            auto* b = new QToolButton(row);
            b->setText(timeSpan(w.start, w.end));
            b->setAutoRaise(true);
            b->setCursor(Qt::PointingHandCursor);
            b->setAccessibleName(tr("Jump to %1").arg(timeSpan(w.start, w.end)));
            b->setToolTip(tr("Jump to %1").arg(timeSpan(w.start, w.end)));
            const double at = w.start;
            connect(b, &QToolButton::clicked, this, [this, at] { Q_EMIT seekRequested(at); });
            rowLayout->addWidget(b);
            m_rangeButtons.append(b);
        }
        m_rangesLayout->addWidget(row);
    }
}

void ScanSummaryWidget::setStatus(const QString& text) { m_status->setText(text); }
QString ScanSummaryWidget::statusText() const { return m_status->text(); }

void ScanSummaryWidget::setRunning(bool running, bool canResume)
{
    m_stop->setVisible(running);
    m_resume->setVisible(!running && canResume);
}

} // namespace gitvqa
