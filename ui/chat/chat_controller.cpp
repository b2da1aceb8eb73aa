#include "ui/chat/chat_controller.h"

#include "service/exchange_records.h"
#include "service/inference_service.h"
#include "ui/chat/chat_pane.h"
#include "ui/chat/chat_transcript.h"
#include "ui/models/model_controller.h"
#include "ui/player/player_pane.h"
#include "ui/time_text.h"

#include <QJsonObject>
#include <QTimer>

namespace gitvqa {

namespace {

ChatEntry::State stateFromStatus(const QString& status)
{
    if (status == exchange_status::Done)
        return ChatEntry::State::Done;
    if (status == exchange_status::Failed)
        return ChatEntry::State::Failed;
    return ChatEntry::State::Stopped; // stopped, or pending left behind by a crash
}

QString statusOf(ChatEntry::State state)
{
    switch (state) {
    case ChatEntry::State::Done: return exchange_status::Done;
    case ChatEntry::State::Failed: return exchange_status::Failed;
    case ChatEntry::State::Stopped: return exchange_status::Stopped;
    case ChatEntry::State::Queued:
    case ChatEntry::State::Running: break;
    }
    return exchange_status::Pending;
}

ChatEntry entryFrom(const Exchange& x)
{
    ChatEntry e;
    e.id = x.id;
    e.question = x.question;
    e.answer = x.answer;
    e.start = x.segment.start;
    e.end = x.segment.end;
    e.frameTimes = x.frameTimes;
    e.clampedFrom = x.clampedFrom;
    e.state = stateFromStatus(x.status);
    e.error = x.error;
    e.model = x.model;
    e.device = x.device;
    e.dtype = x.dtype;
    e.created = x.created;
    e.earlier = x.earlierVersions;
    const double perToken = x.timings.value(QStringLiteral("per_token_ms")).toDouble();
    if (perToken > 0)
        e.tokensPerSecond = 1000.0 / perToken;
    e.timeToFirstTokenMs = x.timings.value(QStringLiteral("time_to_first_token_ms")).toDouble(-1);
    return e;
}



} // namespace

GenerationOptions generationFrom(const AppSettings& s)
{
    GenerationOptions g;
    g.maxNewTokens = s.maxAnswerTokens;
    switch (s.decoding.strategy) {
    case DecodingStrategy::Beam: g.numBeams = s.decoding.beams; break;
    case DecodingStrategy::Sampling:
        g.doSample = true;
        g.temperature = s.decoding.temperature;
        g.topP = s.decoding.topP;
        g.seed = s.decoding.seed;
        break;
    case DecodingStrategy::Greedy: break;
    }
    return g;
}

ChatController::ChatController(ModelController& models, ChatPane& pane, PlayerPane& player,
                               const QString& transcriptFolder, QObject* parent)
    : QObject(parent), m_models(models), m_pane(pane), m_player(player),
      m_transcript(std::make_unique<ChatTranscript>(transcriptFolder))
{
    InferenceService* s = models.service();
    connect(s, &InferenceService::requestAccepted, this, &ChatController::onAccepted);
    connect(s, &InferenceService::requestProgress, this, &ChatController::onProgress);
    connect(s, &InferenceService::tokenGenerated, this,
            [this](quint64 id, qint64, const QString& soFar) { onToken(id, soFar); });
    connect(s, &InferenceService::requestFinished, this, &ChatController::onFinished);
    connect(s, &InferenceService::requestFailed, this, &ChatController::onFailed);

    connect(&pane, &ChatPane::askRequested, this, &ChatController::ask);
    connect(&pane, &ChatPane::stopRequested, this, &ChatController::stop);
    connect(&pane, &ChatPane::regenerateRequested, this, &ChatController::regenerate);
    connect(&pane, &ChatPane::deleteRequested, this, &ChatController::remove);
    connect(&pane, &ChatPane::undoRequested, this, &ChatController::undo);

    connect(m_transcript.get(), &ChatTranscript::opened, this, &ChatController::showTranscript);
    connect(m_transcript.get(), &ChatTranscript::exchangesMergedFromDisk, this, [this] { showTranscript({}); });
    connect(m_transcript.get(), &ChatTranscript::saveStateChanged, this, [this] {
        if (!m_transcript->lastError().isEmpty())
            m_pane.showNotice(m_transcript->lastError());   // again after every failed retry, even if dismissed
    });
}

ChatController::~ChatController() { stopAllAndSave(); }

void ChatController::stopAllAndSave()
{
    // Answers still running when the video changes or the window closes are saved as stopped, with what streamed so
    // far, rather than left "pending" for the next start to call interrupted.
    for (auto it = m_entryToRequest.cbegin(); it != m_entryToRequest.cend(); ++it) {
        m_models.service()->cancel(it.value());
        ChatEntry& e = m_entries[it.key()];
        e.state = ChatEntry::State::Stopped;
        m_transcript->update(exchangeFor(e, exchange_status::Stopped));
    }
    m_requestToEntry.clear();
    m_entryToRequest.clear();
    m_requestDecoding.clear();
}

QStringList ChatController::entryIds() const { return m_order; }

void ChatController::openVideo(const QString& path)
{
    stopAllAndSave();
    Q_EMIT idle();
    m_entries.clear();
    m_specs.clear();
    m_order.clear();
    m_undo.clear(); // what was deleted belongs to the previous video's transcript
    m_pane.clearEntries();
    m_video = path;

    // Opened on a worker (hashing, every session file); showTranscript() adds the restored exchanges on arrival.
    m_transcript->open(path);
    QTimer::singleShot(500, this, [this] {
        if (m_transcript->isOpening())
            Q_EMIT activity(tr("Opening transcript…"), -1.0);
    });
}

void ChatController::showTranscript(const QString& warning)
{
    if (!warning.isEmpty())
        m_pane.showNotice(warning);
    const bool fresh = m_order.isEmpty();
    QVector<ChatEntry> shown;
    for (const Exchange& x : m_transcript->exchanges()) {
        // Scans and descriptions come from the command line; the chat shows questions. Questions asked while the
        // transcript was opening (or merged in before) are shown already.
        if (x.kind != exchange_kind::Question || m_entries.contains(x.id))
            continue;
        ChatEntry e = entryFrom(x);
        if (fresh) {
            m_entries.insert(e.id, e);
            m_order.append(e.id);
            m_specs.insert(e.id, SegmentSpec::range(e.start, e.end));
            shown.append(e);
        } else {
            insertShown(e, SegmentSpec::range(e.start, e.end)); // in the order asked, among those shown
        }
    }
    if (fresh)
        m_pane.setEntries(shown); // one call: the pane creates widgets only for what is near the viewport
    publishMarkers();
    reportActivity();
}

Exchange ChatController::exchangeFor(const ChatEntry& e, const QString& status) const
{
    Exchange x;
    if (const Exchange* saved = m_transcript->find(e.id))
        x = *saved;
    x.id = e.id;
    x.kind = exchange_kind::Question;
    x.question = e.question;
    x.answer = e.answer;
    x.segment = Segment{e.start, e.end};
    x.frameTimes = e.frameTimes;
    x.clampedFrom = e.clampedFrom;
    x.model = e.model;
    x.device = e.device;
    x.dtype = e.dtype;
    x.status = status;
    x.error = e.error;
    return x;
}

QString ChatController::ask(const QString& question)
{
    if (m_video.isEmpty()) {
        m_pane.showNotice(tr("Open a video first (File → Open Video…), then ask about it."));
        return {};
    }
    // Pinned now: the playhead moves on while the request waits its turn.
    const SegmentSpec spec = m_player.segmentToAsk();
    const auto span = m_player.scopeSpan();
    ChatEntry e;
    e.question = question;
    e.start = span.first;
    e.end = span.second;
    e.model = m_models.model().name;
    e.device = m_models.model().device;
    e.dtype = m_models.model().dtype;
    e.created = QDateTime::currentDateTimeUtc();
    Exchange x = exchangeFor(e, exchange_status::Pending);
    x.created = e.created;
    x.decoding = decodingJson(generationFrom(m_settings));
    e.id = m_transcript->add(x);
    if (!m_transcript->lastError().isEmpty())
        m_pane.showNotice(m_transcript->lastError());
    m_entries.insert(e.id, e);
    m_order.append(e.id);
    m_specs.insert(e.id, spec);
    m_pane.addEntry(e);
    publishMarkers();
    start(e.id);
    return e.id;
}

void ChatController::start(const QString& id)
{
    ChatEntry& e = m_entries[id];
    AskRequest r;
    r.videoPath = m_video;
    r.segment = m_specs.value(id);
    r.question = e.question;
    r.generation = generationFrom(m_settings);
    // Recorded now: the settings may change while the answer streams, the transcript must say what this used.
    m_requestDecoding.insert(id, decodingJson(r.generation));
    const quint64 request = m_models.service()->ask(r);
    m_requestToEntry.insert(request, id);
    m_entryToRequest.insert(id, request);
    m_startClock[id].start();
    m_firstTokenClock.remove(id);
    reportActivity();
}

void ChatController::show(const ChatEntry& e) { m_pane.updateEntry(e); }

void ChatController::onAccepted(quint64 request)
{
    const QString id = m_requestToEntry.value(request);
    if (id.isEmpty())
        return;
    ChatEntry& e = m_entries[id];
    e.state = ChatEntry::State::Running;
    m_startClock[id].start(); // the wait in the queue is not the model's time
    show(e);
    reportActivity();
}

void ChatController::onProgress(quint64 request, const QString& stage, double fraction)
{
    const QString id = m_requestToEntry.value(request);
    if (id.isEmpty())
        return;
    ChatEntry& e = m_entries[id];
    e.state = ChatEntry::State::Running;
    if (e.stage != stage) {
        e.stage = stage;
        show(e);
    }
    Q_UNUSED(fraction);
    reportActivity();
}

void ChatController::onToken(quint64 request, const QString& answerSoFar)
{
    const QString id = m_requestToEntry.value(request);
    if (id.isEmpty())
        return;
    ChatEntry& e = m_entries[id];
    e.state = ChatEntry::State::Running;
    e.stage = QStringLiteral("generating");
    e.answer = answerSoFar;
    ++e.tokens;
    if (!m_firstTokenClock.contains(id)) {
        m_firstTokenClock[id].start();
        e.timeToFirstTokenMs = m_startClock[id].elapsed();
    } else if (const qint64 ms = m_firstTokenClock[id].elapsed(); ms > 0) {
        e.tokensPerSecond = (e.tokens - 1) * 1000.0 / ms;
    }
    show(e);
    m_transcript->updateStreaming(exchangeFor(e, exchange_status::Pending));
    reportActivity();
}

void ChatController::onFinished(quint64 request, const AnswerResult& r)
{
    const QString id = m_requestToEntry.value(request);
    if (id.isEmpty())
        return;
    ChatEntry& e = m_entries[id];
    e.answer = r.answer;
    e.start = r.segment.start;
    e.end = r.segment.end;
    e.frameTimes = r.segment.frameTimes;
    e.clampedFrom = clampedFrom(r.segment);
    e.thumbnails = r.segment.thumbnails;
    e.tokens = r.tokens;
    e.timeToFirstTokenMs = r.timeToFirstTokenMs;
    e.tokensPerSecond = r.perTokenMs > 0 ? 1000.0 / r.perTokenMs : -1.0;
    e.contextReused = r.contextReused;
    e.model = r.model;
    e.device = r.device;
    e.dtype = r.dtype;
    e.error.clear();
    const bool stopped = r.stopReason == QLatin1String("stopped");
    e.state = stopped ? ChatEntry::State::Stopped : ChatEntry::State::Done;
    Exchange x = exchangeFor(e, stopped ? exchange_status::Stopped : exchange_status::Done);
    x.decoding = m_requestDecoding.value(id, x.decoding);
    x.timings = timingsJson(r);
    x.timings.insert(QStringLiteral("stop_reason"), r.stopReason);
    finish(id, x);
}

void ChatController::onFailed(quint64 request, const QString& message)
{
    const QString id = m_requestToEntry.value(request);
    if (id.isEmpty())
        return;
    ChatEntry& e = m_entries[id];
    // "Cancelled." is a queued request the user stopped before it began.
    const bool cancelled = message == QLatin1String("Cancelled.");
    e.state = cancelled ? ChatEntry::State::Stopped : ChatEntry::State::Failed;
    e.error = cancelled ? QString() : message;
    Exchange x = exchangeFor(e, cancelled ? exchange_status::Stopped : exchange_status::Failed);
    x.decoding = m_requestDecoding.value(id, x.decoding);
    finish(id, x);
}

void ChatController::finish(const QString& id, const Exchange& saved)
{
    const quint64 request = m_entryToRequest.take(id);
    m_requestToEntry.remove(request);
    m_firstTokenClock.remove(id);
    m_startClock.remove(id);
    m_requestDecoding.remove(id);
    ChatEntry& e = m_entries[id];
    e.stage.clear();
    show(e);
    m_transcript->update(saved);
    if (!m_transcript->lastError().isEmpty())
        m_pane.showNotice(m_transcript->lastError());
    publishMarkers();
    reportActivity();
    Q_EMIT entryFinished(id);
}

void ChatController::stop(const QString& id)
{
    if (m_entryToRequest.contains(id))
        m_models.service()->cancel(m_entryToRequest.value(id));
}

bool ChatController::stopStreaming()
{
    if (m_entryToRequest.isEmpty())
        return false;
    for (const quint64 request : std::as_const(m_entryToRequest))
        m_models.service()->cancel(request);
    return true;
}

void ChatController::regenerate(const QString& id)
{
    if (!m_entries.contains(id) || m_entries[id].isActive())
        return;
    ChatEntry& e = m_entries[id];
    // The answer shown now becomes an earlier version before the rerun starts, so a rerun that fails or is stopped
    // never costs it: it stays in the file and in the chat (‹ ›).
    const Exchange* saved = m_transcript->find(id);
    Exchange x = saved ? *saved : exchangeFor(e, statusOf(e.state));
    AnswerVersion next;
    next.status = exchange_status::Pending;
    next.segment = Segment{e.start, e.end};
    next.model = m_models.model().name;
    next.device = m_models.model().device;
    next.dtype = m_models.model().dtype;
    next.decoding = decodingJson(generationFrom(m_settings));
    next.created = QDateTime::currentDateTimeUtc();
    x.pushVersion(next);

    ChatEntry fresh;
    fresh.id = id;
    fresh.question = e.question;
    fresh.start = e.start;
    fresh.end = e.end;
    fresh.model = next.model;
    fresh.device = next.device;
    fresh.dtype = next.dtype;
    fresh.created = e.created;
    fresh.earlier = x.earlierVersions;
    e = fresh;
    if (!m_specs.contains(id))
        m_specs.insert(id, SegmentSpec::range(e.start, e.end));
    m_transcript->update(x);
    if (!m_transcript->lastError().isEmpty())
        m_pane.showNotice(m_transcript->lastError());
    show(e);
    start(id);
}

void ChatController::forget(const QString& id, QVector<Removed>* into)
{
    if (!m_entries.contains(id))
        return;
    if (m_entryToRequest.contains(id)) {
        m_models.service()->cancel(m_entryToRequest.value(id));
        m_requestToEntry.remove(m_entryToRequest.take(id));
        m_requestDecoding.remove(id);
    }
    Removed r;
    r.entry = m_entries.take(id);
    r.spec = m_specs.take(id);
    if (r.entry.isActive())
        r.entry.state = ChatEntry::State::Stopped;
    r.entry.stage.clear();
    if (const Exchange* saved = m_transcript->find(id)) {
        r.saved = *saved;
        if (r.saved.status == exchange_status::Pending)
            r.saved.status = exchange_status::Stopped;
    }
    into->append(r);
    m_order.removeAll(id);
    m_transcript->remove(id);
}

void ChatController::offerUndo(const QString& text)
{
    m_pane.showUndoNotice(text);
    publishMarkers();
    reportActivity();
}

void ChatController::remove(const QString& id)
{
    QVector<Removed> group;
    forget(id, &group);
    if (group.isEmpty())
        return;
    m_pane.removeEntry(id);
    m_undo.append(group);
    offerUndo(tr("Deleted “%1”.").arg(group.first().entry.question.simplified()));
}

void ChatController::clearTranscript()
{
    if (m_order.isEmpty())
        return;
    QVector<Removed> group;
    const QStringList ids = m_order;
    for (const QString& id : ids)
        forget(id, &group);
    m_pane.clearEntries();
    m_undo.append(group);
    offerUndo(tr("Cleared %n question(s).", nullptr, int(group.size())));
}

void ChatController::insertShown(const ChatEntry& e, const SegmentSpec& spec)
{
    // Back in the order they were asked, as the transcript keeps them.
    int at = int(m_order.size());
    while (at > 0 && m_entries.value(m_order[at - 1]).created.isValid() && e.created.isValid()
           && m_entries.value(m_order[at - 1]).created > e.created)
        --at;
    m_order.insert(at, e.id);
    m_entries.insert(e.id, e);
    m_specs.insert(e.id, spec);
    m_pane.insertEntry(at, e);
}

bool ChatController::undo()
{
    if (m_undo.isEmpty())
        return false;
    const QVector<Removed> group = m_undo.takeLast();
    for (const Removed& r : group) {
        if (!r.saved.id.isEmpty())
            m_transcript->add(r.saved);
        insertShown(r.entry, r.spec);
    }
    if (!m_transcript->lastError().isEmpty())
        m_pane.showNotice(m_transcript->lastError());
    else
        m_pane.clearNotice();
    publishMarkers();
    return true;
}

void ChatController::publishMarkers()
{
    QVector<TimelineMarker> markers;
    for (const QString& id : m_order) {
        const ChatEntry& e = m_entries[id];
        markers.append({id, e.start, e.end, e.question});
    }
    Q_EMIT markersChanged(markers);
}

void ChatController::reportActivity()
{
    // The status bar shows the request the worker is on: the earliest one still active.
    for (const QString& id : m_order) {
        const ChatEntry& e = m_entries[id];
        if (!m_entryToRequest.contains(id) || e.state != ChatEntry::State::Running)
            continue;
        if (e.stage == QLatin1String("generating") || e.stage == QLatin1String("prefill")) {
            Q_EMIT activity(e.tokensPerSecond > 0 ? tr("Answering, %1 tokens/s").arg(e.tokensPerSecond, 0, 'f', 1)
                                                  : tr("Answering"), -1.0);
        } else if (e.stage == QLatin1String("encoding")) {
            Q_EMIT activity(tr("Encoding segment %1").arg(timeSpan(e.start, e.end)), -1.0);
        } else {
            Q_EMIT activity(tr("Reading frames"), -1.0);
        }
        return;
    }
    if (m_entryToRequest.isEmpty())
        Q_EMIT idle();
    else
        Q_EMIT activity(tr("Waiting for the model"), -1.0);
}

} // namespace gitvqa
