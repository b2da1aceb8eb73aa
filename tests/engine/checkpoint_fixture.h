#pragma once
// Temporary copies of the reference checkpoints that a test may alter (rename keys, truncate, corrupt) without
// touching ../shared/reference, which is read-only.

#include "reference_data.h"

#include "engine/safetensors_file.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

namespace gitvqa::testing {

class CheckpointCopy {
public:
    // Copies every file of reference/<name> except `skip` (e.g. the .bin when a test wants safetensors only).
    explicit CheckpointCopy(const QString& name, const QStringList& skip = {})
    {
        const QDir src(referencePath(name));
        for (const QString& f : src.entryList(QDir::Files)) {
            if (skip.contains(f) || f.startsWith(QLatin1String("golden")))
                continue;
            QFile::copy(src.filePath(f), path(f));
            QFile(path(f)).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        }
    }

    QString dir() const { return m_dir.path(); }
    std::string dirStd() const { return m_dir.path().toStdString(); }
    QString path(const QString& file) const { return m_dir.filePath(file); }
    std::string pathStd(const QString& file) const { return path(file).toStdString(); }

    TensorMap readWeights() const { return SafetensorsFile::open(pathStd(QStringLiteral("model.safetensors")))->readAll(); }
    void writeWeights(const TensorMap& t) const
    {
        TensorMap owned;
        for (const auto& [k, v] : t)
            owned[k] = v.clone();
        writeSafetensors(pathStd(QStringLiteral("model.safetensors")), owned);
    }

    QJsonObject readConfig() const
    {
        QFile f(path(QStringLiteral("config.json")));
        f.open(QIODevice::ReadOnly);
        return QJsonDocument::fromJson(f.readAll()).object();
    }
    void writeConfig(const QJsonObject& o) const { writeFile(QStringLiteral("config.json"), QJsonDocument(o).toJson()); }

    void writeFile(const QString& name, const QByteArray& bytes) const
    {
        QFile f(path(name));
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(bytes);
    }
    QByteArray readFile(const QString& name) const
    {
        QFile f(path(name));
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }

private:
    QTemporaryDir m_dir;
};

} // namespace gitvqa::testing
