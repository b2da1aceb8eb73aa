#pragma once
// Identifies a video file by content rather than by name, so a session follows the file when it is moved or
// renamed, and a different file saved over the old name does not inherit the old transcript.

#include <QByteArray>
#include <QString>

namespace gitvqa {

struct VideoFingerprint {
    // Hashing only the head keeps opening a 10 GB file instant; with the size it separates real-world videos well
    // (container headers carry durations, sizes and encoder timestamps).
    static constexpr qint64 kHeadBytes = 1024 * 1024;

    QString path;            // absolute, as last seen; informative only
    qint64 size = -1;        // bytes
    QByteArray headSha256;   // raw 32 bytes: SHA-256 of the first kHeadBytes (the whole file when shorter)

    // Reads the head of the file; on failure returns an invalid fingerprint and says why in *error.
    static VideoFingerprint of(const QString& path, QString* error = nullptr);

    bool isValid() const { return size >= 0 && headSha256.size() == 32; }
    // Same content (size and head hash); the path does not matter.
    bool sameVideo(const VideoFingerprint& other) const;
    // Lower-case hex of headSha256, as stored in session files.
    QString headSha256Hex() const;

    bool operator==(const VideoFingerprint& o) const
    {
        return path == o.path && size == o.size && headSha256 == o.headSha256;
    }
    bool operator!=(const VideoFingerprint& o) const { return !(*this == o); }
};

} // namespace gitvqa
