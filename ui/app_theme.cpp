#include "ui/app_theme.h"

#include <QApplication>
#include <QProcess>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>

namespace gitvqa {

namespace {

// GNOME 42+ and most GTK desktops; a 300 ms bound keeps a hung dbus from delaying start-up noticeably.
bool desktopPrefersDark()
{
    const QString gtkTheme = qEnvironmentVariable("GTK_THEME");
    if (gtkTheme.endsWith(QLatin1String(":dark"), Qt::CaseInsensitive))
        return true;
    if (QStandardPaths::findExecutable(QStringLiteral("gsettings")).isEmpty() || qEnvironmentVariableIsEmpty("DISPLAY"))
        return false;
    QProcess p;
    p.start(QStringLiteral("gsettings"),
            {QStringLiteral("get"), QStringLiteral("org.gnome.desktop.interface"), QStringLiteral("color-scheme")});
    if (!p.waitForFinished(300)) {
        p.kill();
        p.waitForFinished(100);
        return false;
    }
    return p.readAllStandardOutput().contains("prefer-dark");
}

} // namespace

bool isDark(const QPalette& palette) { return palette.color(QPalette::Window).lightness() < 128; }

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x80, 0x80, 0x80), highlight(0x3d, 0x8b, 0xe0);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x27, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x38, 0x3a, 0x3f));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3c));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x45, 0x47, 0x4d));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3c, 0x41));
    p.setColor(QPalette::Mid, QColor(0x25, 0x26, 0x2a));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0d));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xff));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x50));
    return p;
}

void applyTheme(QApplication& app, ThemeChoice choice)
{
    if (choice == ThemeChoice::System) {
        const QString env = qEnvironmentVariable("GITVQA_THEME").toLower();
        if (env == QLatin1String("dark"))
            choice = ThemeChoice::Dark;
        else if (env == QLatin1String("light"))
            choice = ThemeChoice::Light;
    }
    // The platform palette is read before the style changes: a desktop that already supplies a dark palette (KDE,
    // qt6ct) is followed as is.
    const bool platformDark = isDark(QApplication::palette());
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    bool dark = false;
    switch (choice) {
    case ThemeChoice::Dark: dark = true; break;
    case ThemeChoice::Light: dark = false; break;
    case ThemeChoice::System: dark = platformDark || desktopPrefersDark(); break;
    }
    if (dark && !platformDark)
        app.setPalette(darkPalette());
    else if (!dark && (platformDark || choice == ThemeChoice::Light))
        app.setPalette(app.style()->standardPalette());
    // Otherwise the platform's own palette stays: it knows the desktop's accent colours.
}

} // namespace gitvqa
