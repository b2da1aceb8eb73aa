#include "ui/recent_files.h"

#include <QFileInfo>
#include <QSettings>

namespace gitvqa {

namespace {

const QString kKey = QStringLiteral("recent/files");

void save(const QStringList& files)
{
    QSettings s(QStringLiteral("gitvqa"), QStringLiteral("gitvqa"));
    s.setValue(kKey, files);
}

} // namespace

QStringList RecentFiles::load()
{
    QSettings s(QStringLiteral("gitvqa"), QStringLiteral("gitvqa"));
    QStringList files = s.value(kKey).toStringList();
    files.removeAll(QString());
    while (files.size() > kMax)
        files.removeLast();
    return files;
}

QStringList RecentFiles::add(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = load();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMax)
        files.removeLast();
    save(files);
    return files;
}

QStringList RecentFiles::remove(const QString& path)
{
    QStringList files = load();
    files.removeAll(path);
    save(files);
    return files;
}

void RecentFiles::clear() { save({}); }

} // namespace gitvqa
