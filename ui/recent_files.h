#pragma once
// File → Open Recent: the last videos opened, newest first, kept in QSettings.

#include <QStringList>

namespace gitvqa {

class RecentFiles {
public:
    static constexpr int kMax = 10;

    static QStringList load();
    // Moves `path` to the front (made absolute), drops the oldest beyond kMax, saves; returns the new list.
    static QStringList add(const QString& path);
    static QStringList remove(const QString& path);
    static void clear();
};

} // namespace gitvqa
