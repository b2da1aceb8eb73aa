#pragma once
// The interface language. The sources are English; German and Simplified Chinese come from translations/*.ts, built
// to .qm and embedded as :/i18n/gitvqa_<code>.qm, so no install path is needed. The language is the `ui/language`
// setting ("" follows the system) or else the first of the system's preferred languages that gitvqa ships, English
// when English comes first or none matches. Qt's own strings (dialog buttons, key names) come from qtbase_<code>.qm
// in Qt's translations folder when that is installed.

#include <QList>
#include <QString>
#include <QStringList>

namespace gitvqa {

struct LanguageChoice {
    QString code;       // "en", "de", "zh_CN": the value of the setting
    QString nativeName; // "English", "Deutsch", "简体中文": shown untranslated, as language menus do
};

// Every language of the interface, English first.
QList<LanguageChoice> availableLanguages();

// QSettings "gitvqa"/"gitvqa", key `ui/language`: "" (the system's language), "en", "de" or "zh_CN".
QString languageSetting();
void setLanguageSetting(const QString& code);

// The shipped language for the system's ordered preferences (QLocale::uiLanguages(): "de-DE", "zh-Hans-CN", ...).
QString languageForUiLanguages(const QStringList& uiLanguages);

// Installs the application's and Qt's translators for `language` ("" = the setting, else the system), replacing any
// an earlier call installed. Call once the QApplication exists and before any widget is created: texts already set
// do not change. Returns the language in use ("en" when nothing was loaded).
QString installTranslations(const QString& language = QString());

} // namespace gitvqa
