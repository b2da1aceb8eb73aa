// Sessions on disk: autosave and reopen, recognising a moved video by content, files that cannot be read kept aside,
// and writes that leave the previous file whole when they fail.

#include "session/autosaved_session.h"
#include "session/session_file.h"
#include "session/session_json.h"
#include "session/session_store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>

using namespace gitvqa;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray randomBytes(int size, quint32 seed)
{
    QRandomGenerator rng(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char& c : bytes)
        c = char(rng.bounded(256));
    return bytes;
}

// A "video" larger than the hashed head, so changes after the first MiB can be told from changes inside it.
QString makeVideo(const QString& path, quint32 seed = 1, int size = 1536 * 1024)
{
    return writeBytes(path, randomBytes(size, seed)) ? path : QString();
}

Exchange exchange(const QString& question, const QString& answer, double start, double end)
{
    Exchange e;
    e.question = question;
    e.answer = answer;
    e.segment = {start, end};
    e.model = QStringLiteral("microsoft/git-base-msrvtt-qa");
    e.device = QStringLiteral("cpu");
    e.dtype = QStringLiteral("float32");
    e.timings = QJsonObject{{"first_token_ms", 80}, {"tokens", 2}};
    return e;
}

QStringList sessionFiles(const QString& folder)
{
    return QDir(folder).entryList({QStringLiteral("*")}, QDir::Files, QDir::Name);
}

} // namespace

class TestSessionStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_videos;
    QString m_sessions;

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_tmp.isValid());
        const QString name = QString::fromLatin1(QTest::currentTestFunction());
        m_videos = m_tmp.filePath(name + QStringLiteral("/videos"));
        m_sessions = m_tmp.filePath(name + QStringLiteral("/sessions"));
        QVERIFY(QDir().mkpath(m_videos));
    }

    void fingerprintHashesTheHead()
    {
        const QString small = m_videos + QStringLiteral("/small.mp4");
        QVERIFY(writeBytes(small, "tiny video"));
        QString error;
        const VideoFingerprint fp = VideoFingerprint::of(small, &error);
        QVERIFY2(fp.isValid(), qPrintable(error));
        QCOMPARE(fp.size, qint64(10));
        QCOMPARE(fp.headSha256, QCryptographicHash::hash("tiny video", QCryptographicHash::Sha256));
        QCOMPARE(fp.path, QDir::cleanPath(small));

        const QString big = makeVideo(m_videos + QStringLiteral("/big.mp4"));
        const VideoFingerprint bfp = VideoFingerprint::of(big);
        QCOMPARE(bfp.headSha256, QCryptographicHash::hash(readAll(big).left(VideoFingerprint::kHeadBytes),
                                                          QCryptographicHash::Sha256));

        const VideoFingerprint missing = VideoFingerprint::of(m_videos + QStringLiteral("/none.mp4"), &error);
        QVERIFY(!missing.isValid());
        QVERIFY(error.contains(QStringLiteral("none.mp4")));
    }

    void sessionAddUpdateRemove()
    {
        Session s(VideoFingerprint{});
        const QString id = s.add(exchange(QStringLiteral("q"), QStringLiteral("a"), 1, 2));
        QVERIFY(!id.isEmpty());
        QVERIFY(s.find(id)->created.isValid());
        Exchange e = *s.find(id);
        e.answer = QStringLiteral("b");
        QVERIFY(s.update(e));
        QCOMPARE(s.find(id)->answer, QStringLiteral("b"));
        QCOMPARE(s.add(e), id);   // same id: replaced, not appended
        QCOMPARE(s.exchanges().size(), 1);
        QVERIFY(s.remove(id));
        QVERIFY(!s.remove(id));
        QVERIFY(!s.update(e));
    }

    void autosaveAndReopen()
    {
        const VideoFingerprint video = VideoFingerprint::of(makeVideo(m_videos + QStringLiteral("/clip.mp4")));
        QString first, second;
        {
            SessionStore store(m_sessions);
            OpenedSession opened = store.open(video);
            QVERIFY(!opened.restored);
            QVERIFY(opened.warning.isEmpty());
            QVERIFY(!QFile::exists(opened.filePath));   // nothing written for a video nobody asked about

            AutosavedSession live(store, opened.session);
            QString error;
            QVERIFY2(live.add(exchange(QStringLiteral("who?"), QStringLiteral("a man"), 41, 51), &error, &first),
                     qPrintable(error));
            // Submitted to the writer by add(); on disk once it ran (saveNow waits for it): a kill then loses nothing.
            QVERIFY(live.saveNow(&error));
            QCOMPARE(readSessionFile(opened.filePath).session.exchanges().size(), 1);
            QVERIFY(live.add(exchange(QStringLiteral("what?"), QStringLiteral("a guitar"), 5, 7), &error, &second));
            QVERIFY(live.saveNow(&error));
            QVERIFY(!live.hasUnsavedChanges());
        }
        SessionStore store(m_sessions);
        const OpenedSession reopened = store.open(video);
        QVERIFY(reopened.restored);
        QVERIFY(reopened.warning.isEmpty());
        QCOMPARE(reopened.session.exchanges().size(), 2);
        QCOMPARE(reopened.session.exchanges()[0].id, first);
        QCOMPARE(reopened.session.exchanges()[1].id, second);
        QCOMPARE(reopened.session.exchanges()[1].answer, QStringLiteral("a guitar"));
        QCOMPARE(sessionFiles(m_sessions).size(), 1);
        const SessionRead onDisk = readSessionFile(reopened.filePath);
        QCOMPARE(onDisk.status, SessionReadStatus::Ok);
        QCOMPARE(onDisk.session, reopened.session);
    }

    void removeIsSaved()
    {
        const VideoFingerprint video = VideoFingerprint::of(makeVideo(m_videos + QStringLiteral("/clip.mp4")));
        SessionStore store(m_sessions);
        AutosavedSession live(store, store.open(video).session);
        QString id;
        QVERIFY(live.add(exchange(QStringLiteral("q"), QStringLiteral("a"), 0, 1), nullptr, &id));
        QVERIFY(live.remove(id));
        QVERIFY(!live.remove(id));
        QVERIFY(live.saveNow());
        QVERIFY(readSessionFile(live.filePath()).session.isEmpty());
    }

    void movedVideoIsRecognised()
    {
        const QString original = makeVideo(m_videos + QStringLiteral("/clip.mp4"));
        {
            SessionStore store(m_sessions);
            AutosavedSession live(store, store.open(VideoFingerprint::of(original)).session);
            QVERIFY(live.add(exchange(QStringLiteral("q"), QStringLiteral("a"), 1, 2)));
        }
        QVERIFY(QDir().mkpath(m_videos + QStringLiteral("/elsewhere")));
        const QString moved = m_videos + QStringLiteral("/elsewhere/renamed clip.mp4");
        QVERIFY(QFile::rename(original, moved));

        SessionStore store(m_sessions);
        const VideoFingerprint now = VideoFingerprint::of(moved);
        const OpenedSession opened = store.open(now);
        QVERIFY(opened.restored);
        QCOMPARE(opened.session.exchanges().size(), 1);
        QCOMPARE(opened.session.video().path, now.path);   // follows the file
        // Saved back into the same file, not a second one.
        AutosavedSession live(store, opened.session);
        QVERIFY(live.add(exchange(QStringLiteral("q2"), QStringLiteral("a2"), 3, 4)));
        QVERIFY(live.saveNow());
        QCOMPARE(sessionFiles(m_sessions).size(), 1);
        QCOMPARE(readSessionFile(opened.filePath).session.video().path, now.path);
    }

    void modifiedVideoIsAnotherSession()
    {
        const QString path = makeVideo(m_videos + QStringLiteral("/clip.mp4"));
        QString oldFile;
        {
            SessionStore store(m_sessions);
            AutosavedSession live(store, store.open(VideoFingerprint::of(path)).session);
            QVERIFY(live.add(exchange(QStringLiteral("q"), QStringLiteral("a"), 1, 2)));
            oldFile = live.filePath();
        }
        const QByteArray before = readAll(oldFile);
        // Another file saved under the same name: same size, a different first MiB.
        QByteArray bytes = readAll(path);
        bytes[1000] = char(bytes[1000] ^ 0x5a);
        QVERIFY(writeBytes(path, bytes));

        SessionStore store(m_sessions);
        const OpenedSession opened = store.open(VideoFingerprint::of(path));
        QVERIFY(!opened.restored);
        QVERIFY(opened.session.isEmpty());
        QVERIFY(opened.filePath != oldFile);
        AutosavedSession live(store, opened.session);
        QVERIFY(live.add(exchange(QStringLiteral("new"), QStringLiteral("b"), 1, 2)));
        QVERIFY(live.saveNow());
        QCOMPARE(readAll(oldFile), before);   // the other video's transcript is untouched
        QCOMPARE(sessionFiles(m_sessions).size(), 2);
    }

    void grownVideoAtSamePathIsTheSameSession()
    {
        const QString path = makeVideo(m_videos + QStringLiteral("/recording.mp4"));
        {
            SessionStore store(m_sessions);
            AutosavedSession live(store, store.open(VideoFingerprint::of(path)).session);
            QVERIFY(live.add(exchange(QStringLiteral("q"), QStringLiteral("a"), 1, 2)));
        }
        // A copy that grew elsewhere is not the same video: only the path ties a changed size to the session.
        const QString copy = m_videos + QStringLiteral("/copy.mp4");
        QVERIFY(QFile::copy(path, copy));
        QFile grow(path);
        QVERIFY(grow.open(QIODevice::Append));
        QVERIFY(grow.write(randomBytes(4096, 7)) == 4096);
        grow.close();
        QFile growCopy(copy);
        QVERIFY(growCopy.open(QIODevice::Append));
        QVERIFY(growCopy.write(randomBytes(100, 8)) == 100);
        growCopy.close();

        SessionStore store(m_sessions);
        const OpenedSession opened = store.open(VideoFingerprint::of(path));
        QVERIFY(opened.restored);
        QCOMPARE(opened.session.video().size, QFileInfo(path).size());
        QVERIFY(!store.open(VideoFingerprint::of(copy)).restored);
    }

    void unreadableFileIsKeptAside()
    {
        const VideoFingerprint video = VideoFingerprint::of(makeVideo(m_videos + QStringLiteral("/clip.mp4")));
        QVERIFY(QDir().mkpath(m_sessions));
        const QString broken = m_sessions + QStringLiteral("/clip-12345678.json");
        const QByteArray garbage("{\"schema\": \"gitvqa-session\", \"version\": 1, \"exchanges\": [ truncated");
        QVERIFY(writeBytes(broken, garbage));
        const QString notOurs = m_sessions + QStringLiteral("/notes.json");
        QVERIFY(writeBytes(notOurs, "[1, 2, 3]"));

        SessionStore store(m_sessions);
        const OpenedSession opened = store.open(video);
        QVERIFY(!opened.restored);
        QVERIFY(opened.warning.contains(QStringLiteral("clip-12345678.json")));
        QVERIFY(opened.warning.contains(QStringLiteral("notes.json")));
        QVERIFY(!QFile::exists(broken));
        const QStringList aside = QDir(m_sessions).entryList({QStringLiteral("clip-12345678.unreadable-*.json")});
        QCOMPARE(aside.size(), 1);
        QVERIFY(isSetAsideFileName(aside.first()));
        QVERIFY(opened.warning.contains(aside.first()));   // the user is told where it went
        QCOMPARE(readAll(m_sessions + QLatin1Char('/') + aside.first()), garbage);

        // Told once: the file aside is not read again.
        QVERIFY(store.open(video).warning.isEmpty());

        // Never overwritten: a second broken file with the same name in the same second gets its own name.
        QVERIFY(writeBytes(broken, "also broken"));
        QVERIFY(!store.open(video).warning.isEmpty());
        QCOMPARE(QDir(m_sessions).entryList({QStringLiteral("clip-12345678.unreadable-*.json")}).size(), 2);
    }

    void newerVersionIsLeftInPlace()
    {
        const VideoFingerprint video = VideoFingerprint::of(makeVideo(m_videos + QStringLiteral("/clip.mp4")));
        const VideoFingerprint other = VideoFingerprint::of(makeVideo(m_videos + QStringLiteral("/other.mp4"), 2));
        QJsonObject root = sessionToJson(Session(video));
        root.insert(QStringLiteral("version"), kSessionSchemaVersion + 1);
        root.insert(QStringLiteral("something_new"), true);
        const QByteArray newer = QJsonDocument(root).toJson();
        QJsonObject otherRoot = sessionToJson(Session(other));
        otherRoot.insert(QStringLiteral("version"), kSessionSchemaVersion + 1);
        const QByteArray otherNewer = QJsonDocument(otherRoot).toJson();
        QVERIFY(QDir().mkpath(m_sessions));
        const QString newerFile = m_sessions + QStringLiteral("/clip-aaaa.json");
        QVERIFY(writeBytes(newerFile, newer));
        QVERIFY(writeBytes(m_sessions + QStringLiteral("/other-bbbb.json"), otherNewer));

        QString id;
        {
            SessionStore store(m_sessions);
            const OpenedSession opened = store.open(video);
            QVERIFY(!opened.restored);
            QVERIFY(opened.warning.contains(QStringLiteral("newer")));
            QVERIFY(opened.warning.contains(QStringLiteral("clip-aaaa.json")));
            QVERIFY(opened.warning.contains(QStringLiteral("another file")));
            QVERIFY(opened.filePath != newerFile);
            // This video's new exchanges go to a file of their own.
            AutosavedSession live(store, opened.session);
            QVERIFY(live.add(exchange(QStringLiteral("q"), QStringLiteral("a"), 0, 1), nullptr, &id));
            QVERIFY(live.saveNow());
        }
        // Never renamed, never rewritten: a newer gitvqa still finds its file as it left it.
        QCOMPARE(readAll(newerFile), newer);
        QCOMPARE(readAll(m_sessions + QStringLiteral("/other-bbbb.json")), otherNewer);
        QVERIFY(QDir(m_sessions).entryList({QStringLiteral("*.newer-*")}).isEmpty());
        // Next time the new file is found; the newer one is still left alone (and still mentioned).
        SessionStore store(m_sessions);
        const OpenedSession again = store.open(video);
        QVERIFY(again.restored);
        QVERIFY(again.session.find(id));
        QCOMPARE(readAll(newerFile), newer);
    }

    void unopenableFileIsLeftInPlaceAndReadNextTime()
    {
        const VideoFingerprint video = VideoFingerprint::of(makeVideo(m_videos + QStringLiteral("/clip.mp4")));
        QString file, id;
        {
            SessionStore store(m_sessions);
            AutosavedSession live(store, store.open(video).session);
            QVERIFY(live.add(exchange(QStringLiteral("q"), QStringLiteral("a"), 0, 1), nullptr, &id));
            QVERIFY(live.saveNow());
            file = live.filePath();
        }
        const QByteArray saved = readAll(file);
        // A read that fails half-way, as on a failing disk or a dropped share: /proc/self/mem opens but reading its
        // first page fails with EIO, for root too (chmod cannot stop root).
        QVERIFY(QFile::remove(file));
        QVERIFY(QFile::link(QStringLiteral("/proc/self/mem"), file));
        {
            SessionStore store(m_sessions);
            const OpenedSession opened = store.open(video);
            QVERIFY(!opened.restored);
            QVERIFY2(opened.warning.contains(QFileInfo(file).fileName()), qPrintable(opened.warning));
            QVERIFY(opened.warning.contains(QStringLiteral("tried again")));
            QVERIFY(QFileInfo(file).isSymLink());   // left in place
            QVERIFY(QDir(m_sessions).entryList({QStringLiteral("*.unreadable-*")}).isEmpty());
        }
        // Permission denied, where chmod stops this user.
        QVERIFY(QFile::remove(file));
        QVERIFY(writeBytes(file, saved));
        QVERIFY(QFile::setPermissions(file, QFileDevice::Permissions()));
        QFile probe(file);
        if (!probe.open(QIODevice::ReadOnly)) {
            SessionStore store(m_sessions);
            const OpenedSession opened = store.open(video);
            QVERIFY(!opened.restored);
            QVERIFY(opened.warning.contains(QFileInfo(file).fileName()));
            QCOMPARE(sessionFiles(m_sessions), QStringList{QFileInfo(file).fileName()});
        } else {
            qInfo("running as root: the permission-denied case is covered by the EIO one above");
        }
        probe.close();
        QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        // Readable again: the transcript comes back, nothing was lost.
        SessionStore store(m_sessions);
        const OpenedSession back = store.open(video);
        QVERIFY(back.restored);
        QVERIFY(back.warning.isEmpty());
        QVERIFY(back.session.find(id));
    }

    void pendingExchangeComesBackInterrupted()
    {
        const VideoFingerprint video = VideoFingerprint::of(makeVideo(m_videos + QStringLiteral("/clip.mp4")));
        QString id;
        {
            SessionStore store(m_sessions);
            AutosavedSession live(store, store.open(video).session);
            Exchange e = exchange(QStringLiteral("long answer?"), QString(), 0, 5);
            e.status = exchange_status::Pending;
            QVERIFY(live.add(e, nullptr, &id));
            e = *live.session().find(id);
            e.answer = QStringLiteral("a man walking");
            QVERIFY(live.updateStreaming(e));
            QVERIFY(live.hasUnsavedChanges());   // within the streaming interval: held back
        }   // the destructor saves what was held back; a crash would have lost only these tokens
        SessionStore store(m_sessions);
        const OpenedSession opened = store.open(video);
        const Exchange* e = opened.session.find(id);
        QVERIFY(e);
        QCOMPARE(e->status, QString(exchange_status::Stopped));
        QCOMPARE(e->answer, QStringLiteral("a man walking"));
        QVERIFY(!e->error.isEmpty());
    }

    void failedWriteLeavesPreviousFileInReadOnlyFolder()
    {
        const VideoFingerprint video = VideoFingerprint::of(makeVideo(m_videos + QStringLiteral("/clip.mp4")));
        SessionStore store(m_sessions);
        AutosavedSession live(store, store.open(video).session);
        QVERIFY(live.add(exchange(QStringLiteral("q"), QStringLiteral("a"), 0, 1)));
        QVERIFY(live.saveNow());
        const QByteArray before = readAll(live.filePath());

        QFile::Permissions old = QFile::permissions(m_sessions);
        QVERIFY(QFile::setPermissions(m_sessions, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup
                                                      | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));
        const bool folderWritable = writeBytes(m_sessions + QStringLiteral("/probe"), "x");
        if (folderWritable) {
            QFile::remove(m_sessions + QStringLiteral("/probe"));
            QFile::setPermissions(m_sessions, old);
            QSKIP("running as root: a read-only folder is still writable (failedSaveIsRetriedUntilItWorks and the "
                  "disk-full case below still run)");
        }
        QString error;
        live.add(exchange(QStringLiteral("q2"), QStringLiteral("a2"), 1, 2));
        const bool saved = live.saveNow(&error);
        QFile::setPermissions(m_sessions, old);
        QVERIFY(!saved);
        QVERIFY(!error.isEmpty());
        QVERIFY(live.hasUnsavedChanges());
        QCOMPARE(live.session().exchanges().size(), 2);   // the in-memory copy is never dropped
        QCOMPARE(readAll(live.filePath()), before);
        QVERIFY(live.saveNow(&error));   // writable again: the change kept in memory goes to disk
        QCOMPARE(readSessionFile(live.filePath()).session.exchanges().size(), 2);
    }

    void failedWriteLeavesPreviousFileOnFullDisk()
    {
        const VideoFingerprint video = VideoFingerprint::of(makeVideo(m_videos + QStringLiteral("/clip.mp4")));
        SessionStore store(m_sessions);
        AutosavedSession live(store, store.open(video).session);
        QVERIFY(live.add(exchange(QStringLiteral("q"), QStringLiteral("a"), 0, 1)));
        QVERIFY(live.saveNow());
        const QByteArray before = readAll(live.filePath());

        // A file-size limit makes the next write fail half-way, as a full disk does, even for root.
        rlimit old{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
        rlimit small = old;
        small.rlim_cur = rlim_t(before.size() + 4096);
        auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        QString error;
        live.add(exchange(QStringLiteral("q2"), QString(200000, QLatin1Char('x')), 1, 2));
        const bool saved = live.saveNow(&error);
        setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, oldHandler);

        QVERIFY(!saved);
        QVERIFY(!error.isEmpty());
        QCOMPARE(readAll(live.filePath()), before);
        QCOMPARE(sessionFiles(m_sessions).size(), 1);   // no temporary file left behind
        QVERIFY(live.saveNow());
        QCOMPARE(readSessionFile(live.filePath()).session.exchanges().size(), 2);
    }

    void appendToFile()
    {
        const QString videoPath = makeVideo(m_videos + QStringLiteral("/clip.mp4"));
        const QString file = m_tmp.filePath(QStringLiteral("appendToFile/cli session.json"));
        QString error, warning;
        QVERIFY2(SessionStore::appendToFile(file, videoPath, exchange(QStringLiteral("q1"), QStringLiteral("a1"), 0, 1),
                                            &error, &warning),
                 qPrintable(error));
        QVERIFY(warning.isEmpty());
        QVERIFY(SessionStore::appendToFile(file, videoPath, exchange(QStringLiteral("q2"), QStringLiteral("a2"), 1, 2),
                                           &error, &warning));
        SessionRead read = readSessionFile(file);
        QCOMPARE(read.status, SessionReadStatus::Ok);
        QCOMPARE(read.session.exchanges().size(), 2);
        QCOMPARE(read.session.exchanges()[1].question, QStringLiteral("q2"));
        QVERIFY(read.session.video().sameVideo(VideoFingerprint::of(videoPath)));

        const QString other = makeVideo(m_videos + QStringLiteral("/other.mp4"), 3);
        QVERIFY(!SessionStore::appendToFile(file, other, exchange(QStringLiteral("q3"), QString(), 0, 1), &error));
        QVERIFY(error.contains(QStringLiteral("another video")));
        QCOMPARE(readSessionFile(file).session.exchanges().size(), 2);

        QVERIFY(!SessionStore::appendToFile(file, m_videos + QStringLiteral("/missing.mp4"), Exchange(), &error));

        const QByteArray garbage("not json at all");
        QVERIFY(writeBytes(file, garbage));
        QVERIFY(SessionStore::appendToFile(file, videoPath, exchange(QStringLiteral("q4"), QString(), 0, 1), &error,
                                           &warning));
        QVERIFY(warning.contains(QStringLiteral("cli session.json")));
        const QStringList aside = QFileInfo(file).dir().entryList({QStringLiteral("cli session.unreadable-*.json")});
        QCOMPARE(aside.size(), 1);
        QCOMPARE(readAll(QFileInfo(file).dir().filePath(aside.first())), garbage);
        QCOMPARE(readSessionFile(file).session.exchanges().size(), 1);

        // A newer version's file is refused and left exactly as it was.
        QJsonObject root = sessionToJson(readSessionFile(file).session);
        root.insert(QStringLiteral("version"), kSessionSchemaVersion + 1);
        const QByteArray newer = QJsonDocument(root).toJson();
        QVERIFY(writeBytes(file, newer));
        QVERIFY(!SessionStore::appendToFile(file, videoPath, exchange(QStringLiteral("q5"), QString(), 0, 1), &error));
        QVERIFY(error.contains(QStringLiteral("newer")));
        QCOMPARE(readAll(file), newer);
        QCOMPARE(QFileInfo(file).dir().entryList({QStringLiteral("*.newer-*")}).size(), 0);
    }

    void failedSaveIsRetriedUntilItWorks()
    {
        const VideoFingerprint video = VideoFingerprint::of(makeVideo(m_videos + QStringLiteral("/clip.mp4")));
        SessionStore store(m_sessions);
        AutosavedSession live(store, store.open(video).session);
        QVERIFY(live.add(exchange(QStringLiteral("q"), QStringLiteral("a"), 0, 1)));
        QVERIFY(live.saveNow());
        // A failure even root cannot write through (a read-only folder does not stop root): a folder where the
        // session file should be.
        const QString file = live.filePath();
        QVERIFY(QFile::remove(file));
        QVERIFY(QDir().mkpath(file));
        QSignalSpy state(&live, &AutosavedSession::saveStateChanged);
        live.add(exchange(QStringLiteral("q2"), QStringLiteral("a2"), 1, 2));
        QTRY_VERIFY(!live.lastError().isEmpty());
        QVERIFY2(live.lastError().contains(QFileInfo(file).fileName()), qPrintable(live.lastError()));
        QVERIFY(live.hasUnsavedChanges());
        QCOMPARE(live.session().exchanges().size(), 2);
        // Fixed behind the app's back: the retry timer (not another change, not saveNow) writes it.
        QVERIFY(QDir(file).removeRecursively());
        QTRY_VERIFY_WITH_TIMEOUT(live.lastError().isEmpty(), 5000);
        QVERIFY(!live.hasUnsavedChanges());
        QCOMPARE(readSessionFile(file).session.exchanges().size(), 2);
        QVERIFY(state.count() >= 2);
    }
};

QTEST_GUILESS_MAIN(TestSessionStore)
#include "test_session_store.moc"
