// The interface translations: the .qm files are embedded, the .ts files are complete, the loader picks the language
// from the setting or the system's preferences, and widgets built after loading show German or Chinese texts.

#include "gui_test_main.h"

#include "media/frame_sampler.h"
#include "models/model_locator.h"
#include "service/core_messages.h"
#include "ui/actions.h"
#include "ui/chat/chat_pane.h"
#include "ui/main_window.h"
#include "ui/settings/app_settings.h"
#include "ui/settings/settings_dialog.h"
#include "ui/translation_loader.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSettings>
#include <QTemporaryDir>
#include <QWidget>
#include <QXmlStreamReader>

#include <map>

using namespace gitvqa;

namespace {

struct Texts {
    QString openVideo;
    QString settings;
    QString playbackCategory;
    QString settingsTitle;
    QString emptyQuestion; // a service message shown in the chat
    QStringList actionTexts;
};

// Builds the widgets after the translators are installed, as the application does.
Texts textsIn(const QString& language)
{
    [&] { QCOMPARE(installTranslations(language), language); }();
    Texts t;
    QWidget window;
    Actions actions(&window);
    t.openVideo = actions.get(ActionId::OpenVideo)->text();
    t.settings = actions.get(ActionId::Settings)->text();
    t.playbackCategory = actions.category(ActionId::PlayPause);
    for (QAction* a : actions.all())
        t.actionTexts << a->text() << a->statusTip();
    SettingsDialog dialog(AppSettings(), {{QStringLiteral("cpu"), QStringLiteral("CPU")}}, 0);
    t.settingsTitle = dialog.windowTitle();
    t.emptyQuestion = QCoreApplication::translate("gitvqa::Service",
                                                  "The question is empty. Type a question about the video first.");
    return t;
}

struct TsSummary {
    int messages = 0;
    QStringList problems;
};

TsSummary readTs(const QString& path)
{
    TsSummary s;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        s.problems << QStringLiteral("cannot open %1").arg(path);
        return s;
    }
    QXmlStreamReader xml(&f);
    QString source;
    bool numerus = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("message")) {
            ++s.messages;
            numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            if (!type.isEmpty())
                s.problems << QStringLiteral("%1 (%2)").arg(source, type);
            if (numerus) {
                int forms = 0;
                while (xml.readNextStartElement()) {
                    ++forms;
                    if (xml.readElementText().trimmed().isEmpty())
                        s.problems << QStringLiteral("%1 (empty plural form)").arg(source);
                }
                if (forms == 0)
                    s.problems << QStringLiteral("%1 (no plural forms)").arg(source);
            } else if (xml.readElementText().trimmed().isEmpty()) {
                s.problems << QStringLiteral("%1 (empty)").arg(source);
            }
        }
    }
    if (xml.hasError())
        s.problems << QStringLiteral("%1: %2").arg(path, xml.errorString());
    return s;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        setLanguageSetting(QString());
        installTranslations(QStringLiteral("en"));
    }

    void qmFilesAreEmbedded()
    {
        for (const char* name : {":/i18n/gitvqa_de.qm", ":/i18n/gitvqa_zh_CN.qm"}) {
            QFile qm(QString::fromLatin1(name));
            QVERIFY2(qm.exists(), name);
            QVERIFY2(qm.size() > 1000, name);
        }
    }

    void tsFilesAreComplete()
    {
        const QDir dir(QStringLiteral(GITVQA_SOURCE_DIR "/translations"));
        for (const char* name : {"gitvqa_de.ts", "gitvqa_zh_CN.ts"}) {
            const TsSummary s = readTs(dir.filePath(QString::fromLatin1(name)));
            QVERIFY2(s.messages > 100, name);
            QVERIFY2(s.problems.isEmpty(), qPrintable(QStringLiteral("%1: %2 untranslated, vanished or obsolete: %3")
                                                          .arg(QString::fromLatin1(name))
                                                          .arg(s.problems.size())
                                                          .arg(s.problems.join(QStringLiteral("; ")))));
        }
    }

    void languageFromSystemPreferences_data()
    {
        QTest::addColumn<QStringList>("uiLanguages");
        QTest::addColumn<QString>("expected");
        QTest::newRow("german") << QStringList{QStringLiteral("de-DE"), QStringLiteral("de")} << QStringLiteral("de");
        QTest::newRow("austrian") << QStringList{QStringLiteral("de_AT")} << QStringLiteral("de");
        QTest::newRow("simplified") << QStringList{QStringLiteral("zh-Hans-CN"), QStringLiteral("zh-CN")} << QStringLiteral("zh_CN");
        QTest::newRow("plain zh") << QStringList{QStringLiteral("zh")} << QStringLiteral("zh_CN");
        QTest::newRow("traditional, then German")
            << QStringList{QStringLiteral("zh-Hant-TW"), QStringLiteral("zh-TW"), QStringLiteral("de")} << QStringLiteral("de");
        QTest::newRow("english first") << QStringList{QStringLiteral("en-GB"), QStringLiteral("de-DE")} << QStringLiteral("en");
        QTest::newRow("french, then German") << QStringList{QStringLiteral("fr-FR"), QStringLiteral("de-DE")} << QStringLiteral("de");
        QTest::newRow("unshipped only") << QStringList{QStringLiteral("fr-FR"), QStringLiteral("ja")} << QStringLiteral("en");
        QTest::newRow("C locale") << QStringList{QStringLiteral("C")} << QStringLiteral("en");
        QTest::newRow("empty") << QStringList{} << QStringLiteral("en");
    }

    void languageFromSystemPreferences()
    {
        QFETCH(QStringList, uiLanguages);
        QFETCH(QString, expected);
        QCOMPARE(languageForUiLanguages(uiLanguages), expected);
    }

    void widgetsShowTheChosenLanguage()
    {
        const Texts en = textsIn(QStringLiteral("en"));
        const Texts de = textsIn(QStringLiteral("de"));
        const Texts zh = textsIn(QStringLiteral("zh_CN"));

        QCOMPARE(en.openVideo, QStringLiteral("&Open Video…"));
        QCOMPARE(de.openVideo, QStringLiteral("Video ö&ffnen…"));
        QCOMPARE(zh.openVideo, QStringLiteral("打开视频(&O)…"));
        QCOMPARE(en.settings, QStringLiteral("&Settings…"));
        QCOMPARE(de.settings, QStringLiteral("&Einstellungen…"));
        QCOMPARE(zh.settings, QStringLiteral("设置(&S)…"));
        QCOMPARE(en.playbackCategory, QStringLiteral("Playback"));
        QCOMPARE(de.playbackCategory, QStringLiteral("Wiedergabe"));
        QCOMPARE(zh.playbackCategory, QStringLiteral("播放"));
        QCOMPARE(en.settingsTitle, QStringLiteral("Settings"));
        QCOMPARE(de.settingsTitle, QStringLiteral("Einstellungen"));
        QCOMPARE(zh.settingsTitle, QStringLiteral("设置"));
        QCOMPARE(en.emptyQuestion, QStringLiteral("The question is empty. Type a question about the video first."));
        QCOMPARE(de.emptyQuestion, QStringLiteral("Die Frage ist leer. Geben Sie zuerst eine Frage zum Video ein."));
        QCOMPARE(zh.emptyQuestion, QStringLiteral("问题为空。请先输入关于视频的问题。"));

        // Every action text and status tip is translated (none of them reads the same in German or Chinese).
        QCOMPARE(de.actionTexts.size(), en.actionTexts.size());
        for (int i = 0; i < en.actionTexts.size(); ++i) {
            QVERIFY2(de.actionTexts[i] != en.actionTexts[i], qPrintable(en.actionTexts[i]));
            QVERIFY2(zh.actionTexts[i] != en.actionTexts[i], qPrintable(en.actionTexts[i]));
        }

        // Back to English: the translators of the earlier calls are gone.
        QCOMPARE(textsIn(QStringLiteral("en")).openVideo, QStringLiteral("&Open Video…"));
    }

    // Issue 13: what core/ says reaches the window in the user's language. Real errors, made by the real code:
    // FFmpeg's sampler (Qt-free core/media) on a missing, an empty file and a folder; the model locator (core/models)
    // on a folder without a model; and the window's notice for an empty video.
    void coreErrorsComeOutInTheUsersLanguage()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString missing = dir.filePath(QStringLiteral("missing.mp4"));
        const QString empty = dir.filePath(QStringLiteral("empty.mp4"));
        QFile f(empty);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const QString folder = dir.filePath(QStringLiteral("folder.mp4"));
        QVERIFY(QDir().mkpath(folder));
        auto samplerError = [](const QString& path) {
            std::string error;
            auto sampler = FrameSampler::open(path.toStdString(), &error);
            return sampler ? std::string() : error;
        };
        const std::string notFound = samplerError(missing), isEmpty = samplerError(empty), isFolder = samplerError(folder);
        QVERIFY(!notFound.empty() && !isEmpty.empty() && !isFolder.empty());

        QCOMPARE(installTranslations(QStringLiteral("de")), QStringLiteral("de"));
        QCOMPARE(translateCoreMessage(notFound), QStringLiteral("Datei nicht gefunden: %1").arg(missing));
        QCOMPARE(translateCoreMessage(isEmpty), QStringLiteral("Die Datei ist leer: %1").arg(empty));
        QCOMPARE(translateCoreMessage(isFolder), QStringLiteral("Das ist ein Ordner, keine Videodatei: %1").arg(folder));
        // Unknown sentences stay as they came rather than getting lost.
        QCOMPARE(translateCoreMessage(std::string("something new")), QStringLiteral("something new"));

        const QString models = dir.filePath(QStringLiteral("no-model"));
        QVERIFY(QDir().mkpath(models));
        const QString located = ModelLocator().resolve(models).message;
        QVERIFY2(located.startsWith(QStringLiteral("Kein verwendbares GIT-Modell in ")), qPrintable(located));
        QVERIFY2(located.contains(QStringLiteral("config.json")) && !located.contains(QStringLiteral("it holds")),
                 qPrintable(located));

        {
            // The window: an empty "video" opened in German gets a German notice, core's reason included.
            MainWindow::Options options;
            options.transcriptFolder = dir.filePath(QStringLiteral("sessions"));
            options.loadModel = false;
            MainWindow window(options);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.openVideo(empty));
            QTRY_VERIFY_WITH_TIMEOUT(window.chatPane()->noticeText().contains(QStringLiteral("Die Datei ist leer")), 10000);
        }

        QCOMPARE(installTranslations(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        QCOMPARE(translateCoreMessage(notFound), QStringLiteral("找不到文件：%1").arg(missing));
        QVERIFY(ModelLocator().resolve(models).message.startsWith(QStringLiteral("在 ")));
        QCOMPARE(installTranslations(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(translateCoreMessage(notFound), QString::fromStdString(notFound));
    }

    void settingOverridesTheSystem()
    {
        setLanguageSetting(QStringLiteral("de"));
        QCOMPARE(languageSetting(), QStringLiteral("de"));
        QCOMPARE(installTranslations(), QStringLiteral("de"));
        QCOMPARE(QCoreApplication::translate("gitvqa::Actions", "Help"), QStringLiteral("Hilfe"));

        setLanguageSetting(QStringLiteral("zh_CN"));
        QCOMPARE(installTranslations(), QStringLiteral("zh_CN"));
        QCOMPARE(QCoreApplication::translate("gitvqa::Actions", "Help"), QStringLiteral("帮助"));

        // An unknown value, or none, follows the system's languages.
        const QString system = languageForUiLanguages(QLocale::system().uiLanguages());
        setLanguageSetting(QStringLiteral("xx"));
        QCOMPARE(installTranslations(), system);
        setLanguageSetting(QString());
        QCOMPARE(QSettings(QStringLiteral("gitvqa"), QStringLiteral("gitvqa")).contains(QStringLiteral("ui/language")), false);
        QCOMPARE(installTranslations(), system);
    }

    void settingsDialogSavesTheLanguageOnOk()
    {
        SettingsDialog dialog(AppSettings(), {{QStringLiteral("cpu"), QStringLiteral("CPU")}}, 0);
        auto* box = dialog.findChild<QComboBox*>(QStringLiteral("languageBox"));
        auto* note = dialog.findChild<QLabel*>(QStringLiteral("languageRestartNote"));
        QVERIFY(box);
        QVERIFY(note);
        QCOMPARE(box->count(), availableLanguages().size() + 1); // "System language" first
        QCOMPARE(box->currentData().toString(), QString());
        QVERIFY(!note->isVisibleTo(&dialog));

        box->setCurrentIndex(box->findData(QStringLiteral("zh_CN")));
        QCOMPARE(box->currentText(), QStringLiteral("简体中文"));
        QVERIFY(note->isVisibleTo(&dialog));
        QCOMPARE(languageSetting(), QString()); // nothing saved before OK
        dialog.accept();
        QCOMPARE(languageSetting(), QStringLiteral("zh_CN"));

        SettingsDialog again(AppSettings(), {{QStringLiteral("cpu"), QStringLiteral("CPU")}}, 0);
        QCOMPARE(again.findChild<QComboBox*>(QStringLiteral("languageBox"))->currentData().toString(), QStringLiteral("zh_CN"));
        again.reject();
        QCOMPARE(languageSetting(), QStringLiteral("zh_CN"));
    }
};

GITVQA_GUI_TEST_MAIN(TestTranslations, false)
#include "test_translations.moc"
