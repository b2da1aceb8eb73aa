#include "ui/translation_loader.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

namespace gitvqa {

namespace {

const QString kLanguageKey = QStringLiteral("ui/language");

// Installed by the last installTranslations(); removed before the next one installs its own.
QPointer<QTranslator> s_appTranslator;
QPointer<QTranslator> s_qtTranslator;

void removeInstalled()
{
    for (QPointer<QTranslator>* t : {&s_appTranslator, &s_qtTranslator}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete t->data();
        }
        *t = nullptr;
    }
}

bool isShipped(const QString& code)
{
    for (const LanguageChoice& l : availableLanguages())
        if (l.code == code)
            return true;
    return false;
}

} // namespace

QList<LanguageChoice> availableLanguages()
{
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")},
            {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

QString languageSetting()
{
    QSettings s(QStringLiteral("gitvqa"), QStringLiteral("gitvqa"));
    return s.value(kLanguageKey).toString();
}

void setLanguageSetting(const QString& code)
{
    QSettings s(QStringLiteral("gitvqa"), QStringLiteral("gitvqa"));
    if (code.isEmpty())
        s.remove(kLanguageKey);
    else
        s.setValue(kLanguageKey, code);
}

QString languageForUiLanguages(const QStringList& uiLanguages)
{
    for (QString name : uiLanguages) {
        name = name.replace(QLatin1Char('_'), QLatin1Char('-')).toLower();
        const QStringList parts = name.split(QLatin1Char('-'), Qt::SkipEmptyParts);
        if (parts.isEmpty())
            continue;
        const QString& language = parts.first();
        if (language == QLatin1String("en") || language == QLatin1String("c"))
            return QStringLiteral("en");
        if (language == QLatin1String("de"))
            return QStringLiteral("de");
        if (language == QLatin1String("zh")) {
            // Traditional Chinese (zh-Hant, zh-TW, zh-HK, zh-MO) is not shipped: look further down the list.
            const bool traditional = parts.contains(QLatin1String("hant")) || parts.contains(QLatin1String("tw"))
                                     || parts.contains(QLatin1String("hk")) || parts.contains(QLatin1String("mo"));
            if (!traditional)
                return QStringLiteral("zh_CN");
        }
    }
    return QStringLiteral("en");
}

QString installTranslations(const QString& language)
{
    QString code = language.isEmpty() ? languageSetting() : language;
    if (!code.isEmpty() && !isShipped(code)) {
        qWarning("gitvqa: unknown interface language \"%s\"; following the system", qPrintable(code));
        code.clear();
    }
    if (code.isEmpty())
        code = languageForUiLanguages(QLocale::system().uiLanguages());

    removeInstalled();
    if (code == QLatin1String("en"))
        return code;

    auto* app = QCoreApplication::instance();
    auto* appTranslator = new QTranslator(app);
    if (!appTranslator->load(QStringLiteral(":/i18n/gitvqa_") + code)) {
        qWarning("gitvqa: the %s translation is missing from the resources", qPrintable(code));
        delete appTranslator;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(appTranslator);
    s_appTranslator = appTranslator;

    // Qt's own strings ("Cancel", "Restore Defaults", key names): from Qt's translations folder, when installed.
    const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    auto* qtTranslator = new QTranslator(app);
    if (QFileInfo(qtDir).isDir()
        && qtTranslator->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"), qtDir)) {
        QCoreApplication::installTranslator(qtTranslator);
        s_qtTranslator = qtTranslator;
    } else {
        delete qtTranslator;
    }
    return code;
}

} // namespace gitvqa
