#pragma once
// main() for the widget suites: a QApplication (GITVQA_REFERENCE_TEST_MAIN's QCoreApplication cannot show widgets),
// the FFmpeg media backend as the app uses it, and settings, transcripts and the Hugging Face cache redirected to
// a temporary home so the suites never read or write the user's. Suites that need the reference model skip with
// exit code 77 when it is missing, exactly like the other suites.

#include "reference_data.h"

#include <QApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

namespace gitvqa::testing {

inline void isolateHome(const QTemporaryDir& home)
{
    for (const char* var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"}) {
        const QString dir = home.filePath(QString::fromLatin1(var).toLower());
        QDir().mkpath(dir);
        qputenv(var, dir.toLocal8Bit());
    }
    qputenv("HF_HUB_CACHE", home.filePath(QStringLiteral("hf-empty")).toLocal8Bit());
    qunsetenv("HF_HOME");
    qunsetenv("GITVQA_THEME");
    if (qEnvironmentVariableIsEmpty("QT_MEDIA_BACKEND"))
        qputenv("QT_MEDIA_BACKEND", "ffmpeg");
    // The offscreen platform's screen is 800x800; from Qt 6.8 on, restoreGeometry() fits a window into it, so a
    // 1200x720 window comes back narrower. A desktop-sized screen (the plugin's documented configfile=, see
    // qoffscreenintegration.cpp) keeps the suites about the app, not about the test screen.
    if (qgetenv("QT_QPA_PLATFORM") == "offscreen") {
        const QString config = home.filePath(QStringLiteral("offscreen-screen.json"));
        QFile f(config);
        if (f.open(QIODevice::WriteOnly)) {
            f.write(R"({"screens": [{"name": "test", "x": 0, "y": 0, "width": 1920, "height": 1200,)"
                    R"( "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1.0}]})");
            f.close();
            qputenv("QT_QPA_PLATFORM", ("offscreen:configfile=" + config).toLocal8Bit());
        }
    }
}

} // namespace gitvqa::testing

#define GITVQA_GUI_TEST_MAIN(TestClass, needsReference)                                                              \
    int main(int argc, char** argv)                                                                                  \
    {                                                                                                                \
        if (needsReference)                                                                                          \
            gitvqa::testing::requireReferenceOrSkip(#TestClass);                                                     \
        QTemporaryDir home;                                                                                          \
        gitvqa::testing::isolateHome(home);                                                                          \
        QApplication app(argc, argv);                                                                                \
        QApplication::setOrganizationName(QStringLiteral("gitvqa"));                                                 \
        QApplication::setApplicationName(QStringLiteral("gitvqa"));                                                  \
        TestClass tc;                                                                                                \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                   \
        return QTest::qExec(&tc, argc, argv);                                                                        \
    }
