// gitvqa-app [VIDEO] [--model DIR]: the desktop application.
// Hidden options for demos and the README screenshot: --ask QUESTION... [--at SECONDS] [--segment A:B...]
// [--screenshot FILE] [--size WxH] [--theme dark|light]. The i-th --segment is marked before the i-th question
// (`--segment none` clears it: that question is about the window around the playhead).

#include "ui/app_theme.h"
#include "ui/demo_runner.h"
#include "ui/main_window.h"
#include "ui/translation_loader.h"
#include "engine/openmp_wait.h"

#include <QApplication>
#include <QIcon>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv)
{
    gitvqa::preferPassiveOpenMpWaiting(argv);   // before any thread: libgomp reads it when loaded
    // Qt 6.4 picks GStreamer on Linux, which plays H.264 as a black picture without its plugins; the FFmpeg backend
    // must be chosen before the application object exists.
    if (qEnvironmentVariableIsEmpty("QT_MEDIA_BACKEND"))
        qputenv("QT_MEDIA_BACKEND", "ffmpeg");

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("gitvqa"));
    QApplication::setApplicationName(QStringLiteral("gitvqa"));
    QApplication::setApplicationDisplayName(QStringLiteral("gitvqa"));
    QApplication::setApplicationVersion(QStringLiteral(GITVQA_VERSION));
    // Must match packaging/io.github.gitvqa.GitVqa.desktop so desktops pair the window with its entry and icon.
    QApplication::setDesktopFileName(QStringLiteral("io.github.gitvqa.GitVqa"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("io.github.gitvqa.GitVqa"), QIcon(QStringLiteral(":/icons/gitvqa.png"))));
    gitvqa::installTranslations(); // the `ui/language` setting or the system's language; before any widget

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Ask questions about a video."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("video"), QApplication::translate("main", "The video to open."),
                                 QStringLiteral("[VIDEO]"));
    const QCommandLineOption model(QStringLiteral("model"),
                                   QApplication::translate("main", "Use the model in DIR for this run."), QStringLiteral("DIR"));
    QCommandLineOption ask(QStringLiteral("ask"), QStringLiteral("Ask QUESTION once the model and video are ready."),
                           QStringLiteral("QUESTION"));
    QCommandLineOption at(QStringLiteral("at"), QStringLiteral("Seek to SECONDS before asking."), QStringLiteral("SECONDS"));
    QCommandLineOption segment(QStringLiteral("segment"), QStringLiteral("Mark the segment A:B (seconds) before asking."),
                               QStringLiteral("A:B"));
    QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("Save the window as FILE after the answer, then quit."),
                                  QStringLiteral("FILE"));
    QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size WxH."), QStringLiteral("WxH"));
    QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("dark or light instead of the system's."),
                             QStringLiteral("THEME"));
    for (QCommandLineOption* o : {&ask, &at, &segment, &screenshot, &size, &theme})
        o->setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({model, ask, at, segment, screenshot, size, theme});
    parser.process(app);

    const QString themeName = parser.value(theme).toLower();
    gitvqa::applyTheme(app, themeName == QLatin1String("dark")    ? gitvqa::ThemeChoice::Dark
                            : themeName == QLatin1String("light") ? gitvqa::ThemeChoice::Light
                                                                  : gitvqa::ThemeChoice::System);

    gitvqa::MainWindow::Options options;
    options.modelDir = parser.value(model);
    options.offerModelManager = !parser.isSet(ask); // first run without a model: open File → Models…
    gitvqa::MainWindow window(options);
    const QStringList wh = parser.value(size).split(QLatin1Char('x'));
    if (wh.size() == 2 && wh[0].toInt() > 0 && wh[1].toInt() > 0)
        window.resize(wh[0].toInt(), wh[1].toInt());
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openVideo(parser.positionalArguments().first());

    if (parser.isSet(ask)) {
        gitvqa::DemoRunner::Script script;
        script.questions = parser.values(ask);
        script.at = parser.isSet(at) ? parser.value(at).toDouble() : -1.0;
        for (const QString& value : parser.values(segment)) {
            const QStringList ab = value.split(QLatin1Char(':'));
            script.segments.append({ab.value(0).toDouble(), ab.size() == 2 ? ab[1].toDouble() : -1.0});
        }
        script.screenshot = parser.value(screenshot);
        auto* runner = new gitvqa::DemoRunner(window, script, &window);
        runner->start();
    }
    return app.exec();
}
