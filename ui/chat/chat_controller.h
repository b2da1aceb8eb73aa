#pragma once
// Between the chat pane, the service and the transcript: turns a question into a request about the segment pinned
// at the moment it was asked, streams the answer into its exchange widget, saves every step, and carries out Stop,
// Regenerate and Delete. Knows nothing about widgets other than the pane's public view API.

#include "service/segment_spec.h"
#include "ui/settings/app_settings.h"
#include "ui/chat/chat_entry.h"
#include "ui/player/timeline_widget.h"

#include "session/exchange.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QVector>

#include <memory>

namespace gitvqa {

struct GenerationOptions;
// The decoding the settings ask for (shared by questions and scans).
GenerationOptions generationFrom(const AppSettings& settings);

class ChatPane;
class ChatTranscript;
class ModelController;
class PlayerPane;
struct AnswerResult;
struct Exchange;

class ChatController : public QObject {
    Q_OBJECT
public:
    // `transcriptFolder` "" = the session store's default folder.
    ChatController(ModelController& models, ChatPane& pane, PlayerPane& player,
                   const QString& transcriptFolder = QString(), QObject* parent = nullptr);
    ~ChatController() override;

    void setSettings(const AppSettings& settings) { m_settings = settings; }
    // Shows the transcript of the video (earlier exchanges come back) and remembers it as the one asked about.
    void openVideo(const QString& path);
    ChatTranscript& transcript() { return *m_transcript; }

    // The ids of the exchanges shown, in order.
    QStringList entryIds() const;
    ChatEntry entry(const QString& id) const { return m_entries.value(id); }
    bool isBusy() const { return !m_requestToEntry.isEmpty(); }
    // Whether Undo has a Delete or Clear to take back.
    bool canUndo() const { return !m_undo.isEmpty(); }

public Q_SLOTS:
    // Pins the segment now (marked segment, else the window around the playhead) and asks.
    QString ask(const QString& question);
    void stop(const QString& id);
    void regenerate(const QString& id);
    void remove(const QString& id);
    // Removes every question of the chat, as one step Undo takes back.
    void clearTranscript();
    // Brings back what the last Delete or Clear removed, in place, on disk too. False when there is nothing.
    bool undo();
    // Esc: stops the answers still coming; false when none was (Esc then does its other jobs).
    bool stopStreaming();

Q_SIGNALS:
    void markersChanged(const QVector<gitvqa::TimelineMarker>& markers);
    void activity(const QString& text, double fraction); // fraction < 0: no measure of progress
    void idle();
    void entryFinished(const QString& id);               // done, stopped or failed

private:
    void showTranscript(const QString& warning);   // restored or merged-in exchanges not shown yet
    void start(const QString& id);
    void stopAllAndSave();
    void show(const ChatEntry& e);
    void onAccepted(quint64 request);
    void onProgress(quint64 request, const QString& stage, double fraction);
    void onToken(quint64 request, const QString& answerSoFar);
    void onFinished(quint64 request, const AnswerResult& result);
    void onFailed(quint64 request, const QString& message);
    void finish(const QString& id, const Exchange& saved);
    void publishMarkers();
    void reportActivity();
    Exchange exchangeFor(const ChatEntry& e, const QString& status) const;
    void insertShown(const ChatEntry& e, const SegmentSpec& spec);

    // What Delete or Clear removed, kept so that Undo can put it back exactly.
    struct Removed {
        Exchange saved;
        ChatEntry entry;
        SegmentSpec spec;
    };
    void forget(const QString& id, QVector<Removed>* into);
    void offerUndo(const QString& text);

    ModelController& m_models;
    ChatPane& m_pane;
    PlayerPane& m_player;
    std::unique_ptr<ChatTranscript> m_transcript;
    AppSettings m_settings;
    QString m_video;
    QStringList m_order;
    QHash<QString, ChatEntry> m_entries;
    QHash<QString, SegmentSpec> m_specs;            // what each exchange was asked about, for Regenerate
    QHash<quint64, QString> m_requestToEntry;
    QHash<QString, quint64> m_entryToRequest;
    QHash<QString, QElapsedTimer> m_firstTokenClock; // since the first token, for tokens/s while streaming
    QHash<QString, QElapsedTimer> m_startClock;
    QHash<QString, QJsonObject> m_requestDecoding;    // the decoding each running request was sent with
    QVector<QVector<Removed>> m_undo;                 // newest last; one group per Delete or Clear
};

} // namespace gitvqa
