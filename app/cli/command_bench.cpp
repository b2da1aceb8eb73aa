// `gitvqa bench (--random-init | --model DIR) [--video FILE --at T --window W] [--runs N] [engine options]`
// The engine benchmark (as gitvqa-bench) plus, with --video, the end-to-end path of a question: sampling, Pillow-exact
// preprocessing, encoding and the first token. One JSON object on the last line of stdout.

#include "cli_options.h"
#include "commands.h"
#include "exit_codes.h"
#include "scan_bench.h"

#include "engine/engine_benchmark.h"
#include "engine/git_weights.h"
#include "media/frame_sampler.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace gitvqa::cli {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

struct EndToEnd {
    double openMs = 0, samplingMs = 0, preprocessMs = 0, encodeMs = 0, coldTtftMs = 0, preEncodedTtftMs = 0;
    QString error;
};

// A cold question each run: a fresh sampler (empty frame cache), nothing encoded yet.
EndToEnd endToEnd(const GitEngine& engine, const PreprocessorConfig& pre, const QString& video, double at, double width, int runs)
{
    EndToEnd r;
    std::vector<double> open, sampling, preprocess, encode, cold, warm;
    const std::vector<std::int64_t> prompt{engine.config().bosTokenId, 2054, 2003, 1996, 2158, 2725, 1029};
    GenerationOptions first;
    first.maxNewTokens = 1;
    for (int run = 0; run < runs + 1; ++run) {
        std::string error;
        auto t0 = Clock::now();
        auto sampler = FrameSampler::open(video.toStdString(), &error);
        if (!sampler) {
            r.error = QString::fromStdString(error);
            return r;
        }
        const double openMs = msSince(t0);
        t0 = Clock::now();
        const auto frames = sampler->sampleAround(at, width, engine.config().framesPerInput(), &error);
        if (frames.empty()) {
            r.error = QString::fromStdString(error);
            return r;
        }
        const double samplingMs = msSince(t0);
        auto t1 = Clock::now();
        std::vector<RgbImage> images;
        for (const auto& f : frames)
            images.push_back(f.image);
        const PixelBatch pixels = preprocessFrames(images, pre);
        const double preprocessMs = msSince(t1);
        t1 = Clock::now();
        const auto ctx = engine.encode(pixels.data.data(), pixels.count, pixels.channels, pixels.height, pixels.width);
        const double encodeMs = msSince(t1);
        engine.generate(*ctx, prompt, first);
        const double coldMs = msSince(t0);
        const GenerationResult again = engine.generate(*ctx, prompt, first);
        if (run == 0)
            continue; // warm-up
        open.push_back(openMs);
        sampling.push_back(samplingMs);
        preprocess.push_back(preprocessMs);
        encode.push_back(encodeMs);
        cold.push_back(coldMs);
        warm.push_back(again.firstTokenMs);
    }
    r.openMs = median(open);
    r.samplingMs = median(sampling);
    r.preprocessMs = median(preprocess);
    r.encodeMs = median(encode);
    r.coldTtftMs = median(cold);
    r.preEncodedTtftMs = median(warm);
    return r;
}

} // namespace

int runBench(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Benchmark the engine and, with --video, a whole question."));
    p.addHelpOption();
    addModelOptions(p);
    p.addOption({QStringLiteral("random-init"), QStringLiteral("git-base-msrvtt-qa's shape with random weights (needs no files).")});
    p.addOption({QStringLiteral("video"), QStringLiteral("Also time sampling + preprocessing + encoding + first token on this video."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("at"), QStringLiteral("Centre of the sampled window (default 5)."), QStringLiteral("T"), QStringLiteral("5")});
    p.addOption({QStringLiteral("window"), QStringLiteral("Window width (default 10)."), QStringLiteral("W"), QStringLiteral("10")});
    p.addOption({QStringLiteral("runs"), QStringLiteral("Measured runs after one warm-up (default 5)."), QStringLiteral("N"), QStringLiteral("5")});
    p.addOption({QStringLiteral("scan-stride"), QStringLiteral("With --video: also scan the whole video, windows of --window seconds this far apart."), QStringLiteral("S")});
    p.addOption({QStringLiteral("scan-to"), QStringLiteral("End the scan here (default: the end of the video)."), QStringLiteral("B")});
    p.addOption({QStringLiteral("scan-no-reuse"), QStringLiteral("Scan without reusing frames shared by overlapping windows (the baseline).")});
    p.addOption({QStringLiteral("tokenizer"), QStringLiteral("With --random-init and a scan: the model folder whose vocab.txt to use."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("new-tokens"), QStringLiteral("Tokens per answer for per-token timing (default 20)."), QStringLiteral("N"), QStringLiteral("20")});
    if (!p.parse(QStringList{QStringLiteral("gitvqa bench")} + args)) {
        printError("bench", p.errorText());
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(p.helpText()));
        return ExitOk;
    }
    BenchmarkOptions o;
    o.engine = engineOptionsFrom(p);
    o.runs = std::max(1, p.value(QStringLiteral("runs")).toInt());
    o.newTokens = std::max(2, p.value(QStringLiteral("new-tokens")).toInt());
    o.randomInit = p.isSet(QStringLiteral("random-init"));
    if (!o.randomInit) {
        o.modelDir = resolveModelDir(p).toStdString();
        if (o.modelDir.empty()) {
            printError("bench", QStringLiteral("give --random-init or --model DIR"));
            return ExitUsage;
        }
    }
    try {
        std::fprintf(stderr, "gitvqa bench: engine (%d runs)...\n", o.runs);
        const BenchmarkResult engineResult = runEngineBenchmark(o);
        QJsonObject out = QJsonDocument::fromJson(QByteArray::fromStdString(engineResult.toJson())).object();
        if (p.isSet(QStringLiteral("video"))) {
            std::fprintf(stderr, "gitvqa bench: end to end on %s...\n", qPrintable(p.value(QStringLiteral("video"))));
            std::unique_ptr<ModelBundle> bundle;
            if (o.randomInit) {
                bundle = std::make_unique<ModelBundle>();
                bundle->id = QStringLiteral("random-init");
                bundle->preprocessor = PreprocessorConfig::defaultsFor(ImageProcessorKind::VideoMae);
                const GitConfig c = GitConfig::gitBaseVideo();
                bundle->engine = GitEngine::fromTensors(c, randomGitTensors(c, o.seed), o.engine);
            } else {
                bundle = ModelBundle::load(QString::fromStdString(o.modelDir), o.engine);
            }
            const GitEngine* engine = bundle->engine.get();
            const PreprocessorConfig& pre = bundle->preprocessor;
            double at = 5, width = 10;
            parseTime(p.value(QStringLiteral("at")), &at);
            parseTime(p.value(QStringLiteral("window")), &width);
            const EndToEnd e = endToEnd(*engine, pre, p.value(QStringLiteral("video")), at, width, o.runs);
            if (!e.error.isEmpty()) {
                printError("bench", e.error);
                return ExitMediaError;
            }
            out.insert(QStringLiteral("video"), QFileInfo(p.value(QStringLiteral("video"))).fileName());
            out.insert(QStringLiteral("e2e_open_ms"), e.openMs);
            out.insert(QStringLiteral("e2e_sampling_ms"), e.samplingMs);
            out.insert(QStringLiteral("e2e_preprocess_ms"), e.preprocessMs);
            out.insert(QStringLiteral("e2e_encode_ms"), e.encodeMs);
            out.insert(QStringLiteral("e2e_cold_ttft_ms"), e.coldTtftMs);
            if (engineResult.hasFloors)   // the whole question against the same compute floor as the engine's
                out.insert(QStringLiteral("e2e_cold_vs_floor"), e.coldTtftMs / engineResult.floors.computeFloorMs);
            out.insert(QStringLiteral("e2e_pre_encoded_ttft_ms"), e.preEncodedTtftMs);
            if (p.isSet(QStringLiteral("scan-stride"))) {
                ScanBenchOptions so;
                so.video = p.value(QStringLiteral("video"));
                so.window = width;
                so.reuse = !p.isSet(QStringLiteral("scan-no-reuse"));
                if (!parseTime(p.value(QStringLiteral("scan-stride")), &so.stride) || so.stride <= 0
                    || (p.isSet(QStringLiteral("scan-to")) && !parseTime(p.value(QStringLiteral("scan-to")), &so.to))) {
                    printError("bench", QStringLiteral("--scan-stride and --scan-to take seconds"));
                    return ExitUsage;
                }
                if (!bundle->tokenizer) {
                    QString tokenizerError;
                    auto tokenizer = WordPieceTokenizer::fromModelDir(p.value(QStringLiteral("tokenizer")), &tokenizerError);
                    if (!tokenizer) {
                        printError("bench", QStringLiteral("a scan with --random-init needs --tokenizer DIR (a model folder with vocab.txt): %1").arg(tokenizerError));
                        return ExitUsage;
                    }
                    bundle->tokenizer = std::make_unique<WordPieceTokenizer>(std::move(*tokenizer));
                }
                std::fprintf(stderr, "gitvqa bench: scan of %s...\n", qPrintable(so.video));
                out.insert(QStringLiteral("scan"), benchScan(*bundle, so));
            }
            out.insert(QStringLiteral("peak_rss_mb"), peakRssMb());
        }
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
        return ExitOk;
    } catch (const std::exception& e) {
        printError("bench", QString::fromUtf8(e.what()));
        return ExitModelError;
    }
}

} // namespace gitvqa::cli
