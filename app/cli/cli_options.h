#pragma once
// Options shared by the commands that run the model (ask, batch, eval, bench): which model, device, precision,
// threads and decoding; and the JSON form of an answer.

#include "service/answer_pipeline.h"

#include <QCommandLineParser>
#include <QJsonObject>

namespace gitvqa::cli {

void addSegmentOptions(QCommandLineParser& parser); // --at/--window or --from/--to
bool segmentFrom(const QCommandLineParser& parser, SegmentSpec* out, QString* error);
void addModelOptions(QCommandLineParser& parser);
void addGenerationOptions(QCommandLineParser& parser);

EngineOptions engineOptionsFrom(const QCommandLineParser& parser);
// Fills *out; returns false with a message on a bad value.
bool generationOptionsFrom(const QCommandLineParser& parser, GenerationOptions* out, QString* error);

// --model, else the app's configured model, else the Hugging Face cache, else the app's downloads (ModelLocator);
// empty with the reason in *whyNot when none is found.
QString resolveModelDir(const QCommandLineParser& parser, QString* whyNot = nullptr);

// Loads the model or prints why not (exit code ExitModelError follows).
std::unique_ptr<ModelBundle> loadModelOrExplain(const QCommandLineParser& parser, const char* command);

QJsonObject answerJson(const AnswerResult& r, const QString& videoPath);

// Parses a time given as seconds ("41.5") or clock time ("1:02:03.5", "00:41").
bool parseTime(const QString& text, double* seconds);

void printError(const char* command, const QString& message);
int exitCodeFor(const UserError& e);

} // namespace gitvqa::cli
