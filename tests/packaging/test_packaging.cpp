// packaging/: `cmake --install` into a temporary prefix puts the executables, the .desktop file, the icon set, the
// AppStream metainfo and the docs where a desktop expects them, and each of them is valid. The .deb built by
// scripts/package (cpack) is checked when there is one: its Depends line and its file list.
// gitvqa-app is only expected when its target exists in this build (GITVQA_EXPECT_APP).

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

const QString kAppId = QStringLiteral("io.github.gitvqa.GitVqa");
const QList<int> kIconSizes = {16, 32, 48, 64, 128, 256};

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString& program, const QStringList& args, int timeoutMs = 120000, const QString& workDir = {})
{
    QProcess p;
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(program, args);
    Run r;
    if (!p.waitForStarted()) {
        r.err = p.errorString();
        return r;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QStringList executables()
{
    QStringList names = {QStringLiteral("gitvqa"), QStringLiteral("gitvqa-check"), QStringLiteral("gitvqa-bench")};
    if (GITVQA_EXPECT_APP)
        names << QStringLiteral("gitvqa-app");
    return names;
}

// Every file the install rules must produce, relative to the prefix.
QStringList expectedFiles()
{
    QStringList files;
    for (const QString& exe : executables())
        files << QStringLiteral("bin/") + exe;
    files << QStringLiteral("share/applications/%1.desktop").arg(kAppId)
          << QStringLiteral("share/metainfo/%1.metainfo.xml").arg(kAppId)
          << QStringLiteral("share/icons/hicolor/scalable/apps/%1.svg").arg(kAppId)
          << QStringLiteral("share/doc/gitvqa/README.md");
    for (int size : kIconSizes)
        files << QStringLiteral("share/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(kAppId);
    return files;
}

// A freedesktop .desktop file's [Desktop Entry] group. Not QSettings: its INI reader takes ';' for a comment.
QHash<QString, QString> readDesktopEntry(const QString& path)
{
    QHash<QString, QString> keys;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return keys;
    QString group;
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    for (const QString& raw : lines) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            group = line.mid(1, line.size() - 2);
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (group == QLatin1String("Desktop Entry") && eq > 0)
            keys.insert(line.left(eq).trimmed(), line.mid(eq + 1).trimmed());
    }
    return keys;
}

QSet<QString> listValue(const QString& value)
{
    QSet<QString> items;
    for (const QString& s : value.split(QLatin1Char(';'), Qt::SkipEmptyParts))
        items.insert(s);
    return items;
}

} // namespace

class TestPackaging : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_prefix.isValid());
        if (!GITVQA_EXPECT_APP)
            qInfo("gitvqa-app is not a target of this build: the suite checks the other executables only");
        const Run r = run(QStringLiteral(GITVQA_CMAKE_COMMAND),
                          {QStringLiteral("--install"), QStringLiteral(GITVQA_BUILD_DIR), QStringLiteral("--prefix"), m_prefix.path()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    }

    void filesLandWhereExpected()
    {
        for (const QString& rel : expectedFiles())
            QVERIFY2(QFileInfo::exists(m_prefix.filePath(rel)), qPrintable(rel + QStringLiteral(" was not installed")));
    }

    void executablesRunFromThePrefix()
    {
        for (const QString& exe : executables()) {
            const QFileInfo fi(m_prefix.filePath(QStringLiteral("bin/") + exe));
            QVERIFY2(fi.isFile() && fi.isExecutable(), qPrintable(fi.filePath()));
        }
        // Nothing that only the build tree provides: the installed command-line tool starts and prints its usage.
        const Run r = run(m_prefix.filePath(QStringLiteral("bin/gitvqa")), {QStringLiteral("--help")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QLatin1String("usage: gitvqa")));
    }

    void desktopFileIsValid()
    {
        const QString path = m_prefix.filePath(QStringLiteral("share/applications/%1.desktop").arg(kAppId));
        const QHash<QString, QString> e = readDesktopEntry(path);
        QCOMPARE(e.value(QStringLiteral("Type")), QStringLiteral("Application"));
        QVERIFY(!e.value(QStringLiteral("Name")).isEmpty());
        QVERIFY(!e.value(QStringLiteral("Comment")).isEmpty());
        QCOMPARE(e.value(QStringLiteral("Exec")), QStringLiteral("gitvqa-app %f"));
        QCOMPARE(e.value(QStringLiteral("Icon")), kAppId);
        const QSet<QString> categories = listValue(e.value(QStringLiteral("Categories")));
        for (const char* c : {"AudioVideo", "Video", "Player"})
            QVERIFY2(categories.contains(QLatin1String(c)), c);
        const QSet<QString> mime = listValue(e.value(QStringLiteral("MimeType")));
        for (const char* m : {"video/mp4", "video/x-matroska", "video/webm", "video/quicktime", "video/x-msvideo"})
            QVERIFY2(mime.contains(QLatin1String(m)), m);

        const QString validator = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
        if (validator.isEmpty()) {
            qInfo("desktop-file-validate not installed (desktop-file-utils): key checks only");
            return;
        }
        const Run r = run(validator, {path});
        QVERIFY2(r.exitCode == 0 && r.out.trimmed().isEmpty(), qPrintable(r.out + r.err));
    }

    void iconsArePngsOfTheirSize()
    {
        for (int size : kIconSizes) {
            const QString path = m_prefix.filePath(QStringLiteral("share/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(kAppId));
            QImageReader reader(path);
            QCOMPARE(reader.format(), QByteArray("png"));
            const QImage image = reader.read();
            QVERIFY2(!image.isNull(), qPrintable(path + QStringLiteral(": ") + reader.errorString()));
            QCOMPARE(image.size(), QSize(size, size));
            QVERIFY(image.hasAlphaChannel());
        }
        // The scalable one: well-formed XML with an <svg> root.
        QFile svg(m_prefix.filePath(QStringLiteral("share/icons/hicolor/scalable/apps/%1.svg").arg(kAppId)));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svg);
        QVERIFY(xml.readNextStartElement());
        QCOMPARE(xml.name().toString(), QStringLiteral("svg"));
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    }

    void metainfoIsValid()
    {
        const QString path = m_prefix.filePath(QStringLiteral("share/metainfo/%1.metainfo.xml").arg(kAppId));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        QVERIFY(xml.readNextStartElement());
        QCOMPARE(xml.name().toString(), QStringLiteral("component"));
        QCOMPARE(xml.attributes().value(QStringLiteral("type")).toString(), QStringLiteral("desktop-application"));
        QHash<QString, QString> fields; // first occurrence of each element's text
        while (xml.readNextStartElement()) {
            const QString name = xml.name().toString();
            if (name == QLatin1String("description") || name == QLatin1String("categories") || name == QLatin1String("keywords")
                || name == QLatin1String("provides") || name == QLatin1String("releases") || name == QLatin1String("content_rating")) {
                fields.insert(name, QStringLiteral("present"));
                xml.skipCurrentElement();
                continue;
            }
            fields.insert(name, xml.readElementText());
        }
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(fields.value(QStringLiteral("id")), kAppId);
        QCOMPARE(fields.value(QStringLiteral("launchable")), kAppId + QStringLiteral(".desktop"));
        QCOMPARE(fields.value(QStringLiteral("icon")), kAppId);
        QVERIFY(!fields.value(QStringLiteral("summary")).isEmpty());
        QVERIFY(fields.contains(QStringLiteral("description")));

        const QString appstreamcli = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
        if (appstreamcli.isEmpty()) {
            qInfo("appstreamcli not installed (appstream): XML checks only");
            return;
        }
        const Run r = run(appstreamcli, {QStringLiteral("validate"), QStringLiteral("--no-net"), path});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    }

    // The .deb from scripts/package (or from cpack here with GITVQA_TEST_DEB=1): control fields, the dependencies
    // dpkg-shlibdeps derived plus the run-time ones it cannot see, and the same files as the install above.
    void debianPackage()
    {
        const QDir packages(QStringLiteral(GITVQA_BUILD_DIR "/packages"));
        const QString pattern = QStringLiteral("gitvqa_" GITVQA_PROJECT_VERSION "_*.deb");
        const bool build = qgetenv("GITVQA_TEST_DEB") == "1";
        if (build) {
            const Run r = run(QStringLiteral(GITVQA_CPACK_COMMAND),
                              {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                               QStringLiteral(GITVQA_BUILD_DIR "/CPackConfig.cmake")},
                              540000, QStringLiteral(GITVQA_BUILD_DIR));
            QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        }
        const QFileInfoList found = packages.entryInfoList({pattern}, QDir::Files, QDir::Time);
        if (found.isEmpty()) {
            QVERIFY2(!build, "cpack made no .deb");
            QSKIP("no .deb in the build's packages/ folder: run scripts/package, or set GITVQA_TEST_DEB=1");
        }
        const QString deb = found.first().filePath();
        // A package older than the executables would test yesterday's build.
        for (const QString& exe : executables()) {
            const QString dir = exe.startsWith(QLatin1String("gitvqa-c")) || exe.startsWith(QLatin1String("gitvqa-b"))
                                    ? QStringLiteral(GITVQA_BUILD_DIR "/app/engine_tools/")
                                    : QStringLiteral(GITVQA_BUILD_DIR "/app/");
            const QFileInfo built(dir + exe);
            if (built.exists() && built.lastModified() > found.first().lastModified())
                QSKIP(qPrintable(QStringLiteral("%1 is older than %2: run scripts/package, or set GITVQA_TEST_DEB=1").arg(deb, built.filePath())));
        }
        qInfo("checking %s", qPrintable(deb));

        const QString dpkgDeb = QStandardPaths::findExecutable(QStringLiteral("dpkg-deb"));
        QVERIFY(!dpkgDeb.isEmpty());
        auto field = [&](const char* name) {
            const Run r = run(dpkgDeb, {QStringLiteral("-f"), deb, QLatin1String(name)});
            return r.exitCode == 0 ? r.out.trimmed() : QString();
        };
        QCOMPARE(field("Package"), QStringLiteral("gitvqa"));
        QCOMPARE(field("Version"), QStringLiteral(GITVQA_PROJECT_VERSION));
        QCOMPARE(field("Section"), QStringLiteral("video"));
        QVERIFY(!field("Maintainer").isEmpty());
        QVERIFY(!field("Homepage").isEmpty());

        const QString depends = field("Depends");
        qInfo("Depends: %s", qPrintable(depends));
        QSet<QString> names;
        for (const QString& clause : depends.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            for (const QString& alt : clause.split(QLatin1Char('|')))
                names.insert(alt.trimmed().section(QLatin1Char(' '), 0, 0).section(QLatin1Char(':'), 0, 0));
        }
        for (const char* exact : {"libopenblas0-openmp", "libqt6core6", "libqt6gui6", "libqt6multimedia6", "libc6", "libstdc++6"})
            QVERIFY2(names.contains(QLatin1String(exact)), exact);
        // Versioned runtime names (libtorch1.13, libavcodec59...): any of the series will do.
        for (const char* prefix : {"libtorch", "libavcodec", "libavformat", "libavutil"}) {
            bool any = false;
            for (const QString& n : names)
                any = any || n.startsWith(QLatin1String(prefix));
            QVERIFY2(any, prefix);
        }
        if (GITVQA_EXPECT_APP) {
            for (const char* exact : {"libqt6widgets6", "libqt6multimediawidgets6"})
                QVERIFY2(names.contains(QLatin1String(exact)), exact);
        }

        const Run contents = run(dpkgDeb, {QStringLiteral("-c"), deb});
        QCOMPARE(contents.exitCode, 0);
        QHash<QString, QString> modes; // path under / -> its ls-style mode
        for (const QString& line : contents.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QStringList cols = line.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
            if (cols.size() >= 6 && cols.last().startsWith(QLatin1String("./")))
                modes.insert(cols.last().mid(2), cols.first());
        }
        for (const QString& rel : expectedFiles())
            QVERIFY2(modes.contains(QStringLiteral("usr/") + rel), qPrintable(rel + QStringLiteral(" is not in the .deb")));
        for (const QString& exe : executables())
            QVERIFY2(modes.value(QStringLiteral("usr/bin/") + exe).startsWith(QLatin1String("-rwxr-xr-x")), qPrintable(exe));
    }

private:
    QTemporaryDir m_prefix;
};

QTEST_GUILESS_MAIN(TestPackaging)
#include "test_packaging.moc"
