#pragma once
// The folder of session files, one file per video. Finds a video's session by content (see VideoFingerprint), puts
// files that cannot be used aside instead of overwriting them, and saves atomically (session_file.h).

#include "session/session.h"
#include "session/video_fingerprint.h"

#include <QHash>
#include <QString>

namespace gitvqa {

struct OpenedSession {
    Session session;
    QString filePath;        // where it is saved; a new session's file does not exist until its first save
    bool restored = false;   // an earlier session of this video was found
    QString warning;         // for the user (translated), empty when nothing needs saying
};

class SessionStore {
public:
    // QStandardPaths::AppDataLocation + "/sessions".
    static QString defaultFolder();

    explicit SessionStore(const QString& folder = defaultFolder());
    const QString& folder() const { return m_folder; }

    // The session of `video`, or a new empty one. Looks for a file whose video has the same size and head hash
    // (the same content, wherever it now lies), preferring one recorded at the same path; failing that, one at the
    // same path with the same head but another size (a recording that was still growing). A file at the same path
    // with another head is another video's, and is left alone. The found session's video is updated to `video`
    // (new path or size) in memory. Exchanges left "pending" by a crash come back as "stopped" with an error that
    // says they were interrupted. Only a file proven corrupt (read in full, and not JSON or not a session) is renamed
    // aside; a newer-version file of this video is left in place (the session found or started here is kept in
    // another file), and a file that could not be opened or read (EACCES, EIO, EMFILE) is left in place to be tried
    // again next time. Each is named in the warning.
    OpenedSession open(const VideoFingerprint& video);

    // Where save() puts this session: the file it was opened from, or a new name for a new session.
    QString filePathFor(const Session& session);
    // Records where a session lives, e.g. one opened by another SessionStore on a worker thread.
    void setFilePath(const QString& sessionId, const QString& path);
    // Replaces the file with `session` as it is (no merging): for a new file, e.g. "Save transcript as…".
    bool save(const Session& session, QString* error = nullptr);

    // For `gitvqa ask --session FILE`: adds the exchange to the session in `sessionFile` (replacing one with the same
    // id), creating the file when it is absent, under the file's lock and merged with what other writers put there
    // (session_merge_write.h). Refuses a file that belongs to another video, a newer-version file and a file that
    // cannot be opened (all left untouched). A corrupt file is renamed aside first and a new session started;
    // *warning says so.
    static bool appendToFile(const QString& sessionFile, const VideoFingerprint& video, const Exchange& exchange,
                             QString* error, QString* warning = nullptr);
    // The same, fingerprinting the video file first.
    static bool appendToFile(const QString& sessionFile, const QString& videoPath, const Exchange& exchange,
                             QString* error, QString* warning = nullptr);

private:
    QString m_folder;
    QHash<QString, QString> m_files;   // session id -> its file, for sessions found or saved by this store
};

} // namespace gitvqa
