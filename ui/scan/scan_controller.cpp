#include "ui/scan/scan_controller.h"

#include "service/exchange_records.h"
#include "service/inference_service.h"
#include "ui/chat/chat_controller.h"
#include "ui/chat/chat_pane.h"
#include "ui/chat/chat_transcript.h"
#include "ui/models/model_controller.h"
#include "ui/player/player_pane.h"
#include "ui/scan/scan_lane.h"
#include "ui/scan/scan_summary_widget.h"
#include "ui/time_text.h"
#include "ui/player/timeline_widget.h"
#include "ui/player/video_player.h"

#include <QBoxLayout>
#include <QJsonObject>
#include <QPushButton>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace gitvqa {

struct ScanController::Run {
    QString id;
    ScanRequest request;
    QVector<ScanWindowResult> windows; // in index order
    int total = 0;
    bool running = false;
    bool cancelled = false;
    bool resumable = false; // false for scans read back from the transcript
    QString error;
    QPointer<ScanSummaryWidget> widget;
};

namespace {


QString secondsText(double s)
{
    if (s < 0)
        return QString();
    return timeSpan(0, s).section(QChar(0x2013), 1); // "mm:ss"
}

} // namespace

ScanController::ScanController(ModelController& models, ChatController& chat, ChatPane& pane, PlayerPane& player,
                               QObject* parent)
    : QObject(parent), m_models(models), m_chat(chat), m_pane(pane), m_player(player)
{
    TimelineWidget* timeline = player.timeline();
    m_lane = new ScanLane(timeline, timeline->parentWidget());
    if (auto* box = qobject_cast<QBoxLayout*>(timeline->parentWidget()->layout()))
        box->insertWidget(box->indexOf(timeline) + 1, m_lane);
    connect(m_lane, &ScanLane::seekRequested, player.player(), &VideoPlayer::seek);

    // The Scan toggle sits before the Ask button: while it is on, the question box starts a scan.
    m_toggle = new QToolButton(&pane);
    m_toggle->setText(tr("Scan"));
    m_toggle->setCheckable(true);
    m_toggle->setAccessibleName(tr("Scan"));
    m_toggle->setToolTip(tr("Ask the question about every window of the video (or of the marked segment)"));
    if (QLayout* top = pane.layout()) {
        for (int i = 0; i < top->count(); ++i) {
            auto* row = qobject_cast<QBoxLayout*>(top->itemAt(i)->layout());
            if (row && row->indexOf(pane.sendButton()) >= 0) {
                row->insertWidget(row->indexOf(pane.sendButton()), m_toggle, 0, Qt::AlignBottom);
                break;
            }
        }
    }
    connect(m_toggle, &QToolButton::toggled, this, [this](bool on) {
        m_pane.sendButton()->setText(on ? tr("Scan…") : ChatPane::tr("Ask"));
    });

    connect(&chat.transcript(), &ChatTranscript::opened, this, [this] { restoreSaved(); });
    connect(&chat.transcript(), &ChatTranscript::exchangesMergedFromDisk, this, [this] { restoreSaved(); });

    InferenceService* s = models.service();
    connect(s, &InferenceService::scanPlanned, this, &ScanController::onPlanned);
    connect(s, &InferenceService::scanWindowDone, this, &ScanController::onWindow);
    connect(s, &InferenceService::scanProgress, this, &ScanController::onProgress);
    connect(s, &InferenceService::scanFinished, this, &ScanController::onFinished);
    connect(s, &InferenceService::requestFailed, this, &ScanController::onFailed);
}

ScanController::~ScanController()
{
    if (!m_current.isEmpty()) {
        m_models.service()->cancel(m_request);
        Run& run = *m_runs[m_current];
        run.running = false;
        run.cancelled = true;
        save(run, true);
    }
}

void ScanController::stopRunningNow()
{
    if (m_current.isEmpty())
        return;
    // Ended here and now rather than when the service confirms: the confirmation carries the old request id, which
    // a later run has replaced, so waiting for it would leave this run "Scanning…" for ever.
    m_models.service()->cancel(m_request);
    Run& run = *m_runs[m_current];
    run.running = false;
    run.cancelled = true;
    endRun(run);
}

void ScanController::closeVideo() { stopRunningNow(); }

bool ScanController::scanMode() const { return m_toggle->isChecked(); }

ScanSummaryWidget* ScanController::summary(const QString& id) const
{
    const auto run = m_runs.value(id);
    return run ? run->widget.data() : nullptr;
}

int ScanController::windowCount(const QString& id) const
{
    const auto run = m_runs.value(id);
    return run ? int(run->windows.size()) : 0;
}

ScanOptions ScanController::defaultOptions(const QString& question) const
{
    ScanOptions o;
    o.question = question;
    o.window = m_settings.windowSeconds;
    o.stride = 0.0;
    return o;
}

void ScanController::showDialog(const QString& question)
{
    if (m_video.isEmpty()) {
        m_pane.showNotice(tr("Open a video first (File → Open Video…), then scan it."));
        return;
    }
    TimelineWidget* t = m_player.timeline();
    const QString range = t->hasSegment() ? tr("the marked segment %1").arg(timeSpan(t->segmentStart(), t->segmentEnd()))
                                          : tr("the whole video");
    ScanDialog dialog(defaultOptions(question), range, m_pane.window());
    if (dialog.exec() == QDialog::Accepted)
        start(dialog.options());
}

void ScanController::clearAll()
{
    stopRunningNow();
    for (const auto& run : std::as_const(m_runs))
        if (run->widget) {
            run->widget->hide();
            run->widget->deleteLater();
        }
    m_runs.clear();
    m_order.clear();
    m_lane->clear();
}

void ScanController::openVideo(const QString& path)
{
    clearAll();
    m_video = path;
    // The transcript opens on a worker: its scans come back when it arrives (ChatTranscript::opened).
    if (!m_chat.transcript().isOpening())
        restoreSaved();
}

void ScanController::restoreSaved()
{
    // Scans saved earlier come back as summaries; the last one is shown on the lane. One started while the
    // transcript was opening is here already.
    QStringList restored;
    for (const Exchange& x : m_chat.transcript().exchanges()) {
        if ((x.kind != exchange_kind::Scan && x.kind != exchange_kind::Describe) || m_runs.contains(x.id))
            continue;
        auto run = std::make_shared<Run>();
        run->id = x.id;
        run->request.videoPath = m_video;
        run->request.question = x.question;
        run->request.describe = x.kind == exchange_kind::Describe;
        run->cancelled = x.status != exchange_status::Done;
        // The range and window geometry the scan was started with, so a stopped one resumes where it stopped;
        // files written before the range was saved have no "to" and cannot tell their range, so they stay as read.
        const QJsonObject& d = x.decoding;
        run->request.window = d.value(QStringLiteral("window")).toDouble(m_settings.windowSeconds);
        run->request.stride = d.value(QStringLiteral("stride")).toDouble(run->request.window);
        run->request.from = d.value(QStringLiteral("from")).toDouble(x.segment.start);
        run->request.to = d.value(QStringLiteral("to")).toDouble(-1.0);
        run->request.generation = generationFrom(m_settings);
        run->resumable = run->cancelled && d.contains(QStringLiteral("to")) && run->request.window > 0;
        for (int i = 0; i < x.windows.size(); ++i) {
            ScanWindowResult w;
            w.index = scanWindowIndex(run->request.from, run->request.stride, x.windows[i].start);
            w.start = x.windows[i].start;
            w.end = x.windows[i].end;
            w.answer = x.windows[i].answer;
            w.yesProbability = x.windows[i].yesProbability;
            run->windows.append(w);
        }
        std::sort(run->windows.begin(), run->windows.end(),
                  [](const ScanWindowResult& a, const ScanWindowResult& b) { return a.index < b.index; });
        run->total = run->resumable ? 0 : int(run->windows.size()); // resumable: the plan says on Resume
        m_runs.insert(run->id, run);
        restored.append(run->id);
        addSummary(*run);
        refresh(*run);
    }
    m_order = restored + m_order; // saved ones are older than any started while the transcript was opening
    if (!m_order.isEmpty() && !isRunning())
        showOnLane(*m_runs.value(m_order.last()));
}

QString ScanController::start(const ScanOptions& options)
{
    if (m_video.isEmpty()) {
        m_pane.showNotice(tr("Open a video first (File → Open Video…), then scan it."));
        return {};
    }
    if (!m_models.hasModel()) {
        m_pane.showNotice(tr("There is no model to answer with. Choose the model folder first."));
        return {};
    }
    if (!options.describe && options.question.trimmed().isEmpty()) {
        m_pane.showNotice(tr("Type the question to ask about every window first."));
        return {};
    }
    // One scan at a time: the one running ends as stopped, with what it found saved and Resume offered.
    stopRunningNow();

    auto run = std::make_shared<Run>();
    ScanRequest& r = run->request;
    r.videoPath = m_video;
    r.question = options.describe ? QString() : options.question.trimmed();
    r.describe = options.describe;
    r.window = options.window > 0 ? options.window : m_settings.windowSeconds;
    r.stride = options.stride;
    TimelineWidget* t = m_player.timeline();
    if (t->hasSegment()) {
        r.from = t->segmentStart();
        r.to = t->segmentEnd();
    }
    r.generation = generationFrom(m_settings);
    run->resumable = true;

    Exchange x = exchangeFromScan(r, {}, m_models.model().name, m_models.model().device, m_models.model().dtype, false);
    x.status = exchange_status::Pending;
    run->id = m_chat.transcript().add(x);
    if (!m_chat.transcript().lastError().isEmpty())
        m_pane.showNotice(m_chat.transcript().lastError());
    m_runs.insert(run->id, run);
    m_order.append(run->id);
    addSummary(*run);
    showOnLane(*run);
    launch(*run);
    return run->id;
}

void ScanController::launch(Run& run)
{
    run.running = true;
    run.cancelled = false;
    run.error.clear();
    ScanRequest r = run.request;
    r.done.clear();
    for (const ScanWindowResult& w : std::as_const(run.windows))
        r.done.insert(w.index);
    m_current = run.id;
    m_request = m_models.service()->scan(r);
    refresh(run);
    Q_EMIT activity(run.request.describe ? tr("Describing the video") : tr("Scanning the video"), -1.0);
}

void ScanController::stop(const QString& id)
{
    if (!m_current.isEmpty() && (id.isEmpty() || id == m_current))
        m_models.service()->cancel(m_request);
}

bool ScanController::resume(const QString& id)
{
    const auto run = m_runs.value(id);
    if (!run || run->running || !run->cancelled || !run->resumable || isRunning())
        return false;
    if (!m_models.hasModel()) {
        m_pane.showNotice(tr("There is no model to answer with. Choose the model folder first."));
        return false;
    }
    showOnLane(*run);
    launch(*run);
    save(*run, false);
    return true;
}

void ScanController::addSummary(Run& run)
{
    auto* w = new ScanSummaryWidget(run.id, run.request.question, run.request.describe,
                                    m_pane.startersWidget()->parentWidget());
    connect(w, &ScanSummaryWidget::seekRequested, &m_pane, &ChatPane::seekRequested);
    connect(w, &ScanSummaryWidget::stopRequested, this, [this](const QString& id) { stop(id); });
    connect(w, &ScanSummaryWidget::resumeRequested, this, [this](const QString& id) { resume(id); });
    if (auto* list = qobject_cast<QBoxLayout*>(m_pane.startersWidget()->parentWidget()->layout()))
        list->insertWidget(list->count() - 1, w); // before the stretch, after the exchanges so far
    m_pane.startersWidget()->hide();
    run.widget = w;
}

void ScanController::refresh(Run& run)
{
    if (!run.widget)
        return;
    run.widget->setRanges(mergeScanAnswers(run.windows));
    const int done = int(run.windows.size());
    QString status;
    if (run.running)
        status = run.total > 0 ? tr("Scanning… %1 of %2 windows").arg(done).arg(run.total) : tr("Scanning…");
    else if (!run.error.isEmpty())
        status = tr("Failed: %1").arg(run.error);
    else if (run.cancelled)
        status = run.total > 0 ? tr("Stopped after %1 of %2 windows").arg(done).arg(run.total)
                               : tr("Stopped after %1 windows").arg(done);
    else
        status = tr("%1 windows").arg(done);
    run.widget->setStatus(status);
    run.widget->setRunning(run.running, run.cancelled && run.resumable && run.error.isEmpty());
}

void ScanController::save(Run& run, bool final)
{
    Exchange x = exchangeFromScan(run.request, run.windows, m_models.model().name, m_models.model().device,
                                  m_models.model().dtype, run.cancelled);
    if (const Exchange* saved = m_chat.transcript().find(run.id)) {
        x.created = saved->created;
        if (!saved->model.isEmpty() && run.windows.isEmpty())
            x.model = saved->model;
    }
    x.id = run.id;
    if (!run.error.isEmpty()) {
        x.status = exchange_status::Failed;
        x.error = run.error;
    } else if (!final) {
        x.status = exchange_status::Pending;
    }
    if (final)
        m_chat.transcript().update(x);
    else
        m_chat.transcript().updateStreaming(x);
    if (final && !m_chat.transcript().lastError().isEmpty())
        m_pane.showNotice(m_chat.transcript().lastError());
}

void ScanController::showOnLane(const Run& run)
{
    m_lane->begin(!run.request.describe && isYesNoQuestion(run.request.question), run.request.describe);
    for (const ScanWindowResult& w : run.windows)
        m_lane->setWindow({w.index, w.start, w.end, w.answer, w.yesShare ? w.yesShare : w.yesProbability});
}

void ScanController::onPlanned(quint64 request, int windows)
{
    if (request != m_request || m_current.isEmpty())
        return;
    Run& run = *m_runs[m_current];
    run.total = windows;
    refresh(run);
}

void ScanController::onWindow(quint64 request, const ScanWindowResult& window)
{
    if (request != m_request || m_current.isEmpty())
        return;
    Run& run = *m_runs[m_current];
    auto it = std::lower_bound(run.windows.begin(), run.windows.end(), window.index,
                               [](const ScanWindowResult& w, int index) { return w.index < index; });
    if (it != run.windows.end() && it->index == window.index)
        *it = window;
    else
        run.windows.insert(it, window);
    m_lane->setWindow({window.index, window.start, window.end, window.answer, window.yesShare});
    refresh(run);
    save(run, false);
    Q_EMIT windowDone(run.id, window.index);
}

void ScanController::onProgress(quint64 request, int done, int total, double secondsLeft)
{
    if (request != m_request || m_current.isEmpty())
        return;
    const double f = total > 0 ? double(done) / total : -1.0;
    const QString what = m_runs[m_current]->request.describe ? tr("Describing") : tr("Scanning");
    Q_EMIT activity(secondsLeft >= 0 && done < total
                        ? tr("%1: %2 of %3 windows, about %4 left").arg(what).arg(done).arg(total).arg(secondsText(secondsLeft))
                        : tr("%1: %2 of %3 windows").arg(what).arg(done).arg(total),
                    f);
}

void ScanController::endRun(Run& run)
{
    const QString id = m_current;
    m_current.clear();
    m_request = 0;
    refresh(run);
    save(run, true);
    Q_EMIT idle();
    Q_EMIT finished(id, run.cancelled);
}

void ScanController::onFinished(quint64 request, bool cancelled)
{
    if (request != m_request || m_current.isEmpty())
        return;
    Run& run = *m_runs[m_current];
    run.running = false;
    run.cancelled = cancelled;
    endRun(run);
}

void ScanController::onFailed(quint64 request, const QString& message)
{
    if (request != m_request || m_current.isEmpty())
        return;
    Run& run = *m_runs[m_current];
    run.running = false;
    // "Cancelled." is a scan stopped before it began.
    run.cancelled = true;
    if (message != QLatin1String("Cancelled."))
        run.error = message;
    endRun(run);
}

} // namespace gitvqa
