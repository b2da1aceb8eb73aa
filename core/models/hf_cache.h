#pragma once
// One repo in the Hugging Face cache, laid out exactly as huggingface_hub lays it out
// (file_download.py: _hf_hub_download_to_cache_dir, _create_symlink, _cache_commit_hash_for_specific_revision), so a
// model downloaded here is used by Python as it is, and the reverse:
//
//   CACHE/models--ORG--NAME/blobs/ETAG                 the bytes (ETAG: sha256 for LFS files, git blob sha1 else)
//   CACHE/models--ORG--NAME/blobs/ETAG.incomplete      while downloading; resumed by the next run
//   CACHE/models--ORG--NAME/snapshots/COMMIT/PATH      relative symlink -> ../../blobs/ETAG
//   CACHE/models--ORG--NAME/refs/REVISION              the commit REVISION (a branch or tag) resolved to
//   CACHE/.locks/models--ORG--NAME/ETAG.lock           flock(2)ed by whoever writes that blob (see blob_lock.h)
//   CACHE/CACHEDIR.TAG                                 tells backup tools to skip the cache

#include <QString>

namespace gitvqa {

// "models--microsoft--git-base-msrvtt-qa" (huggingface_hub's repo_folder_name).
QString hubRepoFolderName(const QString& repoId);
// A 40-character lower-case hex commit id (huggingface_hub's REGEX_COMMIT_HASH).
bool isCommitHash(const QString& revision);

class HfCacheRepo {
public:
    HfCacheRepo(const QString& cacheDir, const QString& repoId);

    QString cacheDir() const { return m_cache; }
    QString storageFolder() const { return m_storage; }
    QString blobPath(const QString& etag) const;
    QString incompletePath(const QString& etag) const;
    QString lockPath(const QString& etag) const;
    QString snapshotDir(const QString& commit) const;
    QString pointerPath(const QString& commit, const QString& file) const;
    QString refPath(const QString& revision) const;

    // The commit refs/REVISION names; the revision itself when it is a commit hash; empty when unknown.
    QString resolveRevision(const QString& revision) const;
    // True when snapshots/COMMIT/FILE leads to an existing file (through its link).
    bool hasFile(const QString& commit, const QString& file) const;
    bool hasBlob(const QString& etag) const;

    // Creates blobs/, snapshots/ and .locks/ folders and CACHEDIR.TAG. Empty when fine, else the message.
    QString prepare() const;
    // snapshots/COMMIT/FILE -> relative link to blobs/ETAG (replacing what was there). Empty or the message.
    QString linkFile(const QString& commit, const QString& file, const QString& etag) const;
    // refs/REVISION := COMMIT, written atomically, only when REVISION is not the commit itself and changed.
    QString writeRef(const QString& revision, const QString& commit) const;

private:
    QString m_cache;
    QString m_storage;
};

// Creates the cache folder and checks that files can be created in it, before any network traffic. Empty when fine,
// else the message (which says what to change: HF_HUB_CACHE / HF_HOME).
QString checkCacheWritable(const QString& cacheDir);

// "Not enough free disk space..." when `needed` (plus a safety margin) exceeds `available`; empty when it fits or
// when `available` is unknown (< 0).
QString checkFreeSpace(const QString& folder, qint64 needed, qint64 available);

} // namespace gitvqa
