#pragma once
// Light or dark, following the system. Qt 6.4 has no QStyleHints::colorScheme (6.5+), so: the platform palette when
// the platform theme provides one, else the desktop's dark preference (GTK_THEME=…:dark, or GNOME's color-scheme)
// turns Fusion's palette dark. GITVQA_THEME=dark|light overrides both (for screenshots and for people whose desktop
// says nothing). Custom-painted widgets read palette() roles only, so they follow whatever this picks.

#include <QPalette>

class QApplication;

namespace gitvqa {

enum class ThemeChoice { System, Light, Dark };

// Call once, after the QApplication exists and before the first window.
void applyTheme(QApplication& app, ThemeChoice choice = ThemeChoice::System);

QPalette darkPalette();
bool isDark(const QPalette& palette);

} // namespace gitvqa
