// File → Models… (ui/models/model_manager_dialog): the models found in a temporary Hugging Face cache (a snapshot linking
// to the tiny reference checkpoint) and in a folder the user adds, "Use This Model" writing `model/dir` and
// reloading the window's model, and downloads from the fake Hub on 127.0.0.1 (tests/models/fake_hub_server.h):
// progress shown, the model listed afterwards, and a cancelled download leaving no model folder.

#include "../models/fake_hub_server.h"
#include "event_loop_watchdog.h"
#include "gui_test_main.h"
#include "models/model_catalog.h"
#include "models/model_downloader.h"
#include "models/model_locator.h"
#include "ui/actions.h"
#include "ui/main_window.h"
#include "ui/models/model_controller.h"
#include "ui/models/model_manager_dialog.h"
#include "ui/settings/settings_dialog.h"
#include "models/saved_token.h"

#include <QAction>
#include <QElapsedTimer>
#include <QFile>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTimer>
#include <QTreeWidget>

using namespace gitvqa;

namespace {

const QString kRepo = QStringLiteral("microsoft/git-base-msrvtt-qa");
const QStringList kFiles{"config.json",    "generation_config.json", "preprocessor_config.json", "tokenizer.json",
                         "tokenizer_config.json", "vocab.txt",        "model.safetensors"};

QTemporaryDir* g_tmp = nullptr;

QString hfHome() { return g_tmp->filePath(QStringLiteral("hf")); }
QString snapshotDir() { return hfHome() + "/hub/models--microsoft--git-base-msrvtt-qa/snapshots/0123abcd"; }

const ModelInfo* findModel(const ModelManagerDialog& d, const QString& path)
{
    for (const ModelInfo& m : d.models())
        if (QFileInfo(m.path).absoluteFilePath() == QFileInfo(path).absoluteFilePath())
            return &m;
    return nullptr;
}

QTreeWidgetItem* rowFor(const ModelManagerDialog& d, const QString& path)
{
    for (int i = 0; i < d.installedList()->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = d.installedList()->topLevelItem(i);
        if (item->toolTip(0) == QDir::toNativeSeparators(path))
            return item;
    }
    return nullptr;
}

// The dialog looks for models on a pool thread; the checks below are about what it lists once it has.
bool listed(const ModelManagerDialog& d)
{
    return QTest::qWaitFor([&] { return !d.isRefreshing(); }, 20000);
}

} // namespace

class TestModelManager : public QObject {
    Q_OBJECT

private:
    testing::FakeHubServer m_hub;

    void useEmptyHubCache() { qputenv("HF_HUB_CACHE", g_tmp->filePath(QStringLiteral("hf-empty")).toLocal8Bit()); }
    void useTestHubCache() { qunsetenv("HF_HUB_CACHE"); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(g_tmp && g_tmp->isValid());
        const QString reference = testing::referencePath(QStringLiteral("tiny-git-video"));
        QVERIFY(QDir().mkpath(snapshotDir()));
        for (const QString& f : kFiles)
            QVERIFY2(QFile::link(reference + "/" + f, snapshotDir() + "/" + f), qPrintable(f));
        QDir().mkpath(hfHome() + "/hub/models--microsoft--git-base-msrvtt-qa/refs");
        QFile ref(hfHome() + "/hub/models--microsoft--git-base-msrvtt-qa/refs/main");
        QVERIFY(ref.open(QIODevice::WriteOnly));
        ref.write("0123abcd");
        ref.close();

        for (const char* name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                                 "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_ENDPOINT"})
            qunsetenv(name);
        qputenv("no_proxy", "127.0.0.1,127.0.0.2,localhost");
        QVERIFY(m_hub.listen());
        m_hub.addRepoFromFolder(kRepo, reference);
    }

    void init()
    {
        useTestHubCache();
        m_hub.resetFaults();
    }

    void listsTheCachedModel()
    {
        ModelManagerDialog d{QString()}; // the Hugging Face cache from HF_HOME, where downloads go too
        QVERIFY(listed(d));
        QCOMPARE(d.downloadRoot(), hfHome() + "/hub");
        const ModelInfo* m = findModel(d, snapshotDir());
        QVERIFY2(m, "the snapshot in the Hugging Face cache is listed");
        QVERIFY2(m->isUsable(), qPrintable(m->statusText()));
        QCOMPARE(m->repoId, kRepo);
        QCOMPARE(m->frames, 6);
        QTreeWidgetItem* row = rowFor(d, m->path);
        QVERIFY(row);
        QCOMPARE(row->text(0), kRepo);
        QCOMPARE(row->text(1), QStringLiteral("video, 6 frames"));
        QCOMPARE(row->text(4), QStringLiteral("Hugging Face cache"));
        QCOMPARE(row->text(5), QStringLiteral("ready"));
        QVERIFY(!row->text(2).isEmpty());
        QVERIFY(!row->text(3).isEmpty());
        // Present, so not offered for download; the other catalogue entries are, with their sizes.
        QVERIFY(!d.downloadableRepos().contains(kRepo));
        QCOMPARE(d.downloadableRepos().size(), ModelCatalog::entries().size() - 1);
        QVERIFY(!d.downloadButtonFor(kRepo));

        QVERIFY(d.selectModel(m->path));
        QVERIFY(d.useButton()->isEnabled());
        QVERIFY(!d.useButton()->accessibleName().isEmpty());
        QVERIFY(!d.addFolderButton()->accessibleName().isEmpty());
    }

    void listsABrokenFolderWithWhatIsMissing()
    {
        const QString broken = g_tmp->filePath(QStringLiteral("broken"));
        QVERIFY(QDir().mkpath(broken));
        QVERIFY(QFile::copy(testing::referencePath(QStringLiteral("tiny-git-video/config.json")), broken + "/config.json"));

        ModelManagerDialog d{QString()};
        QVERIFY(d.addFolder(broken));
        QVERIFY(listed(d));
        const ModelInfo* m = findModel(d, broken);
        QVERIFY(m);
        QVERIFY(!m->isUsable());
        QVERIFY(!m->missing.isEmpty());
        QTreeWidgetItem* row = rowFor(d, m->path);
        QVERIFY(row);
        QVERIFY2(row->text(5).startsWith(QStringLiteral("missing: ")), qPrintable(row->text(5)));
        QVERIFY2(row->text(5).contains(m->missing.first()), qPrintable(row->text(5)));
        QCOMPARE(d.selectedModelDir(), m->path);
        QVERIFY(!d.useButton()->isEnabled());
        QVERIFY(d.messageLabel()->isVisibleTo(&d));
        QVERIFY(d.messageLabel()->text().contains(QStringLiteral("cannot be used")));

        // A configured folder is listed as a folder.
        ModelManagerDialog configured(broken);
        QVERIFY(listed(configured));
        QVERIFY(findModel(configured, broken));
        QCOMPARE(rowFor(configured, broken)->text(4), QStringLiteral("folder"));
    }

    // Issue 13: the dialog inspected every cache repo on the GUI thread. A cache of many repos (a long-lived HF cache,
    // or one on a slow share) must not freeze the window while it is read.
    void aBigCacheIsReadOffTheGuiThread()
    {
        const QString cache = g_tmp->filePath(QStringLiteral("hf-big/hub"));
        const QString reference = testing::referencePath(QStringLiteral("tiny-git-video"));
        constexpr int kRepos = 400;
        for (int i = 0; i < kRepos; ++i) {
            const QString repo = cache + QStringLiteral("/models--someone--git-copy-%1").arg(i);
            const QString snapshot = repo + "/snapshots/0123abcd";
            QVERIFY(QDir().mkpath(snapshot));
            QVERIFY(QDir().mkpath(repo + "/refs"));
            QFile ref(repo + "/refs/main");
            QVERIFY(ref.open(QIODevice::WriteOnly));
            ref.write("0123abcd");
            for (const QString& f : kFiles)
                QVERIFY(QFile::copy(reference + "/" + f, snapshot + "/" + f)); // copies: real reads, as on a share
        }
        QElapsedTimer direct;
        direct.start();
        ModelLocator locator;
        locator.setHubCacheDir(cache);
        const int found = locator.findModels().size();
        const qint64 directMs = direct.elapsed();
        QVERIFY(found >= kRepos);
        qInfo("watchdog: reading the %d-repo cache takes %lld ms on the calling thread", kRepos, directMs);

        testing::EventLoopWatchdog dog;
        ModelManagerDialog d{QString()};
        d.setDownloadRoot(cache);
        d.show();
        QVERIFY(d.isRefreshing());
        QVERIFY(listed(d));
        QTest::qWait(50); // a few pings after the list is built count too
        dog.stop();
        qInfo("watchdog: Models dialog over it: %s", dog.report().constData());
        QVERIFY(d.models().size() >= kRepos);
        QVERIFY2(dog.maxStallMs() < testing::EventLoopWatchdog::kBudgetMs, dog.report().constData());
        QDir(g_tmp->filePath(QStringLiteral("hf-big"))).removeRecursively();
    }

    void useThisModelEmitsTheFolder()
    {
        ModelManagerDialog d{QString()};
        QVERIFY(listed(d));
        QSignalSpy used(&d, &ModelManagerDialog::useModelRequested);
        QVERIFY(d.selectModel(snapshotDir()));
        d.useButton()->click();
        QCOMPARE(used.count(), 1);
        QCOMPARE(QFileInfo(used.first().first().toString()).absoluteFilePath(), QFileInfo(snapshotDir()).absoluteFilePath());
        QCOMPARE(d.result(), int(QDialog::Accepted));
    }

    void useThisModelInTheWindowSavesAndReloads()
    {
        MainWindow::Options options;
        options.loadModel = false;
        MainWindow w(options);
        QAction* action = w.actions().get(ActionId::ManageModels);
        QVERIFY(action);
        QVERIFY(!action->text().isEmpty());
        action->trigger();
        QVERIFY(w.modelManager());
        QVERIFY(w.modelManager()->isVisible());
        QVERIFY(listed(*w.modelManager()));
        QVERIFY(w.modelManager()->selectModel(snapshotDir()));
        QSignalSpy loaded(w.models(), &ModelController::loaded);
        w.modelManager()->useButton()->click();
        QCOMPARE(QSettings(QStringLiteral("gitvqa"), QStringLiteral("gitvqa")).value(QStringLiteral("model/dir")).toString(),
                 QFileInfo(snapshotDir()).absoluteFilePath());
        QCOMPARE(w.settings().modelDir, QFileInfo(snapshotDir()).absoluteFilePath());
        QVERIFY(w.models()->isLoading() || w.models()->hasModel());
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 0, 60000); // spies connect directly: a fast worker can emit before wait()
        QVERIFY(w.models()->hasModel());
        QCOMPARE(QFileInfo(w.models()->model().dir).absoluteFilePath(), QFileInfo(snapshotDir()).absoluteFilePath());
        QTRY_VERIFY(!w.modelManager()); // closed and deleted after the choice
    }

    void downloadShowsProgressThenListsTheModel()
    {
        useEmptyHubCache(); // so the default model is offered for download
        const QString root = g_tmp->filePath(QStringLiteral("models-dl"));
        ModelManagerDialog d{QString()};
        d.setDownloadRoot(root);
        QVERIFY(listed(d));
        d.downloader()->setEndpoint(m_hub.endpoint());
        d.downloader()->setToken(QString());
        d.downloader()->setRetryPolicy(3, 10);
        QVERIFY(d.downloadableRepos().contains(kRepo));
        QVERIFY(d.preselectDownload(kRepo));
        QCOMPARE(d.selectedDownloadRepo(), kRepo);
        QPushButton* download = d.downloadButtonFor(kRepo);
        QVERIFY(download);
        QVERIFY(!download->accessibleName().isEmpty());

        bool progressShown = false;
        connect(d.downloader(), &ModelDownloader::progress, &d, [&](qint64 done, qint64 total) {
            if (total > 0 && done > 0 && d.progressBar()->isVisibleTo(&d) && d.cancelButton()->isVisibleTo(&d)
                && d.progressLabel()->text().contains(QStringLiteral(" of ")))
                progressShown = true;
        });
        QSignalSpy finished(d.downloader(), &ModelDownloader::finished);
        QSignalSpy failed(d.downloader(), &ModelDownloader::failed);
        download->click();
        QVERIFY(d.isDownloading());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 30000); // spies connect directly: a fast worker can emit before wait()
        QCOMPARE(failed.count(), 0);
        QVERIFY(progressShown);
        QVERIFY(!d.progressBar()->isVisibleTo(&d));

        // Into the Hugging Face cache, where Python finds it too.
        const QString dir = ModelDownloader::modelFolderFor(root, kRepo);
        QCOMPARE(finished.first().first().toString(), dir);
        QVERIFY(dir.startsWith(root + "/models--microsoft--git-base-msrvtt-qa/snapshots/"));
        QVERIFY(listed(d));
        QVERIFY(QFileInfo(dir + "/model.safetensors").isSymLink());
        const ModelInfo* m = findModel(d, dir);
        QVERIFY2(m, "the downloaded model is listed");
        QVERIFY(m->isUsable());
        QCOMPARE(m->source, ModelSource::HuggingFaceCache);
        QCOMPARE(rowFor(d, dir)->text(4), QStringLiteral("Hugging Face cache"));
        QCOMPARE(d.selectedModelDir(), m->path);
        QVERIFY(d.useButton()->isEnabled());
        QVERIFY(!d.downloadableRepos().contains(kRepo));
        QSignalSpy use(&d, &ModelManagerDialog::useModelRequested);
        d.useButton()->click();
        QCOMPARE(use.count(), 1);
        QCOMPARE(use.first().first().toString(), dir);
    }

    // Esc (or Close) while downloading asks; "Keep Downloading" is the default, "Stop and Close" cancels.
    void escapeAsksBeforeStoppingADownload()
    {
        useEmptyHubCache();
        const QString root = g_tmp->filePath(QStringLiteral("models-esc"));
        ModelManagerDialog d{QString()};
        d.setDownloadRoot(root);
        QVERIFY(listed(d));
        d.downloader()->setEndpoint(m_hub.endpoint());
        d.downloader()->setToken(QString());
        m_hub.setBytesPerSecond(20000);
        d.show();
        QSignalSpy progress(d.downloader(), &ModelDownloader::progress);
        QSignalSpy cancelled(d.downloader(), &ModelDownloader::cancelled);
        d.downloadButtonFor(kRepo)->click();
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > 0, 30000);

        auto answer = [](const char* button) {
            QTimer::singleShot(50, [button] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                QVERIFY(box && box->objectName() == QStringLiteral("stopDownloadQuestion"));
                box->findChild<QPushButton*>(QString::fromLatin1(button))->click();
            });
        };
        answer("keepDownloading");
        QTest::keyClick(&d, Qt::Key_Escape);
        QVERIFY(d.isDownloading());
        QVERIFY(d.isVisible());
        QCOMPARE(cancelled.count(), 0);

        answer("stopAndClose");
        QTest::keyClick(&d, Qt::Key_Escape);
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(!d.isVisible());
        m_hub.setBytesPerSecond(0);
    }

    // The token field: saved owner-only in its own file, never in the settings file.
    void settingsStoreTheTokenPrivately()
    {
        SettingsDialog dialog(AppSettings{}, {}, 0);
        QVERIFY(dialog.hubTokenEdit());
        QCOMPARE(dialog.hubTokenEdit()->echoMode(), QLineEdit::Password);
        dialog.hubTokenEdit()->setText(QStringLiteral("hf_settings_secret"));
        dialog.accept();
        QFile token(savedHubTokenPath());
        QVERIFY(token.open(QIODevice::ReadOnly));
        QCOMPARE(token.readAll().trimmed(), QByteArray("hf_settings_secret"));
        QCOMPARE(token.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                                        | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
        QCOMPARE(savedHubToken().value, QStringLiteral("hf_settings_secret"));
        QSettings settings;
        for (const QString& key : settings.allKeys())
            QVERIFY(!settings.value(key).toString().contains(QStringLiteral("hf_settings_secret")));
        SettingsDialog again(AppSettings{}, {}, 0);
        QCOMPARE(again.hubTokenEdit()->text(), QStringLiteral("hf_settings_secret"));
        again.hubTokenEdit()->clear();
        again.accept();
        QVERIFY(!QFileInfo::exists(savedHubTokenPath()));
    }

    void cancelLeavesNoModelFolder()
    {
        useEmptyHubCache();
        const QString root = g_tmp->filePath(QStringLiteral("models-cancel"));
        ModelManagerDialog d{QString()};
        d.setDownloadRoot(root);
        QVERIFY(listed(d));
        d.downloader()->setEndpoint(m_hub.endpoint());
        d.downloader()->setToken(QString());
        m_hub.setBytesPerSecond(20000);

        QSignalSpy progress(d.downloader(), &ModelDownloader::progress);
        QSignalSpy cancelled(d.downloader(), &ModelDownloader::cancelled);
        d.downloadButtonFor(kRepo)->click();
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > 0, 30000); // spies connect directly: a fast worker can emit before wait()
        QVERIFY(d.cancelButton()->isVisibleTo(&d));
        d.cancelButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 10000);
        QVERIFY(!d.isDownloading());
        QCOMPARE(ModelDownloader::modelFolderFor(root, kRepo), QString()); // refs/main is written last
        for (const ModelInfo& m : d.models())
            QVERIFY2(!m.isUsable() || !m.path.startsWith(root), qPrintable(m.path));
        QVERIFY(d.downloadableRepos().contains(kRepo));
        QVERIFY(d.messageLabel()->text().contains(QStringLiteral("cancelled")));
        QVERIFY(d.downloadButtonFor(kRepo)->isEnabled());
        m_hub.setBytesPerSecond(0);
    }
};

int main(int argc, char** argv)
{
    gitvqa::testing::requireReferenceOrSkip("TestModelManager");
    QTemporaryDir home;
    gitvqa::testing::isolateHome(home);
    // A Hugging Face home of our own, set before anything reads it; HF_HUB_CACHE (set by isolateHome) would win.
    QTemporaryDir tmp;
    g_tmp = &tmp;
    qunsetenv("HF_HUB_CACHE");
    qputenv("HF_HOME", tmp.filePath(QStringLiteral("hf")).toLocal8Bit());
    qputenv("GITVQA_MODELS_DIR", tmp.filePath(QStringLiteral("app-models")).toLocal8Bit());
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("gitvqa"));
    QApplication::setApplicationName(QStringLiteral("gitvqa"));
    TestModelManager tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}

#include "test_model_manager.moc"
