// A second (and third) writer for test_session_writers: opens the session of VIDEO in FOLDER exactly as the window
// does (SessionStore::open + AutosavedSession) and asks N questions, each added as pending and then finished, as
// the chat does. Prints "exchanges: K" (what its session held after its last save, other writers' included).
//
//     session_append_helper FOLDER VIDEO N TAG

#include "session/autosaved_session.h"
#include "session/session_store.h"

#include <QCoreApplication>
#include <QThread>

#include <cstdio>

using namespace gitvqa;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 5) {
        std::fprintf(stderr, "usage: session_append_helper FOLDER VIDEO N TAG\n");
        return 2;
    }
    QString error;
    const VideoFingerprint video = VideoFingerprint::of(args[2], &error);
    if (!video.isValid()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    SessionStore store(args[1]);
    const int n = args[3].toInt();
    int finalCount = 0;
    {
        AutosavedSession live(store, store.open(video).session);
        for (int i = 0; i < n; ++i) {
            Exchange e;
            e.question = QStringLiteral("%1 question %2").arg(args[4]).arg(i);
            e.status = exchange_status::Pending;
            QString id;
            live.add(e, nullptr, &id);
            e = *live.session().find(id);
            e.answer = QStringLiteral("answer %1").arg(i);
            e.status = exchange_status::Done;
            live.update(e);
            QCoreApplication::processEvents();   // the window's event loop applies the writer's results
            QThread::usleep(500);
        }
        if (!live.saveNow(&error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        finalCount = int(live.session().exchanges().size());
    }
    std::printf("exchanges: %d\n", finalCount);
    return 0;
}
