#pragma once
// The folder a download is assembled in before it becomes a model, and the bookkeeping that lets an interrupted
// download resume safely.
//
// Layout under the destination root (same file system, so installing is one rename):
//   ROOT/.microsoft--git-base-msrvtt-qa.gitvqa-download/   hidden staging folder, never listed as a model
//       .gitvqa-download-state.json                        commit + expected size/hash of each file, verified flags
//       config.json                                        complete and verified
//       model.safetensors.incomplete                       partial; resumed with an HTTP Range request
//   ROOT/microsoft--git-base-msrvtt-qa/                    appears only when every file is complete and verified
// A partial file is reused only when the state file says it belongs to a file with the same expected hash, so a
// partial from an older commit is never glued to bytes of a newer one.

#include "models/hub_client.h"

#include <QHash>
#include <QString>

#include <functional>

namespace gitvqa {

class DownloadStaging {
public:
    DownloadStaging(const QString& destinationRoot, const QString& repoId, const QString& revision);

    QString destinationRoot() const { return m_root; }
    QString stagingDir() const { return m_staging; }
    QString finalDir() const { return m_final; }
    QString partPath(const HubFile& file) const;   // staging/PATH.incomplete
    QString donePath(const HubFile& file) const;   // staging/PATH

    // Creates the root and checks that files can be created in it. Empty string when fine, else the message.
    static QString checkWritable(const QString& root);

    // Creates the staging folder, drops partial and finished files whose expected content changed since the state
    // file was written, and records the new expectations. Empty string when fine, else the message.
    QString prepare(const HubListing& listing, const QList<HubFile>& files);
    // Bytes of `file` already on disk: its full size when finished and verified, else the partial's size.
    qint64 bytesPresent(const HubFile& file) const;
    bool isVerified(const HubFile& file) const;
    // Records that `file` is complete and verified (persisted, so a later run skips it).
    void markVerified(const HubFile& file);

    // Writes the marker and renames staging -> final. An existing final folder made by gitvqa (marker present) is
    // replaced; anything else there is left alone and reported. Empty string when installed, else the message.
    QString install(const HubListing& listing, const QList<HubFile>& files, const QString& endpoint);
    // Removes the staging folder and everything in it.
    void discard();

private:
    void writeState() const;

    QString m_root;
    QString m_staging;
    QString m_final;
    QString m_repoId;
    QString m_revision;
    QString m_commit;
    struct Expected {
        qint64 size = -1;
        QString hash; // sha256 for LFS files, git oid otherwise
        bool verified = false;
    };
    QHash<QString, Expected> m_files;
};

// "Not enough free disk space..." when `needed` (plus a safety margin) exceeds `available`; empty when it fits or
// when `available` is unknown (< 0).
QString checkFreeSpace(const QString& folder, qint64 needed, qint64 available);

} // namespace gitvqa
