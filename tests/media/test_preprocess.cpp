// Parity of the C++ preprocessing with Hugging Face's slow CLIPImageProcessor / VideoMAEImageProcessor
// (reference tensors in ../shared/reference/frames, made with Pillow 9.4 + numpy), config parsing, and speed.

#include "media/image_preprocessor.h"
#include "media/pillow_resample.h"
#include "reference_data.h"

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>
#include <map>
#include <random>

using namespace gitvqa;

namespace {

const char* const kFrames[] = {"frame0_320x240.png", "frame1_240x320.png", "frame2_640x360.png",
                               "frame3_100x80.png",  "frame4_224x224.png", "frame5_1280x720.png"};

RgbImage loadFrame(const QString& path)
{
    QImage image(path);
    if (image.isNull())
        return {};
    image = image.convertToFormat(QImage::Format_RGB888);
    RgbImage out;
    out.width = image.width();
    out.height = image.height();
    out.pixels.resize(static_cast<std::size_t>(3) * out.width * out.height);
    for (int y = 0; y < out.height; ++y) // QImage rows are padded to 4 bytes; RgbImage rows are not
        std::memcpy(out.pixels.data() + static_cast<std::size_t>(y) * 3 * out.width, image.constScanLine(y),
                    static_cast<std::size_t>(3) * out.width);
    return out;
}

// Just enough of safetensors for the test: u64 LE header length, JSON header, raw little-endian data.
struct SafetensorsFile {
    QByteArray bytes;
    QJsonObject header;
    qint64 dataStart = 0;

    bool open(const QString& path, QString* error)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = f.errorString();
            return false;
        }
        bytes = f.readAll();
        if (bytes.size() < 8) {
            *error = QStringLiteral("file too short");
            return false;
        }
        quint64 n = 0;
        for (int i = 7; i >= 0; --i)
            n = (n << 8) | static_cast<unsigned char>(bytes[i]);
        if (n > static_cast<quint64>(bytes.size() - 8)) {
            *error = QStringLiteral("bad header length");
            return false;
        }
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes.mid(8, static_cast<qsizetype>(n)), &pe);
        if (!doc.isObject()) {
            *error = pe.errorString();
            return false;
        }
        header = doc.object();
        dataStart = 8 + static_cast<qint64>(n);
        return true;
    }

    // F32 tensor `name` or an empty vector; `shape` receives its dimensions.
    std::vector<float> f32(const QString& name, std::vector<qint64>* shape) const
    {
        const QJsonObject t = header.value(name).toObject();
        if (t.value(QStringLiteral("dtype")).toString() != QLatin1String("F32"))
            return {};
        shape->clear();
        for (const auto& d : t.value(QStringLiteral("shape")).toArray())
            shape->push_back(static_cast<qint64>(d.toDouble()));
        const auto offsets = t.value(QStringLiteral("data_offsets")).toArray();
        const qint64 begin = dataStart + static_cast<qint64>(offsets.at(0).toDouble());
        const qint64 end = dataStart + static_cast<qint64>(offsets.at(1).toDouble());
        if (begin < dataStart || end > bytes.size() || (end - begin) % 4 != 0)
            return {};
        std::vector<float> out(static_cast<std::size_t>((end - begin) / 4));
        std::memcpy(out.data(), bytes.constData() + begin, static_cast<std::size_t>(end - begin));
        return out;
    }
};

PreprocessorConfig loadConfig(const char* checkpoint)
{
    std::string error;
    const auto path = gitvqa::testing::referencePath(QStringLiteral("%1/preprocessor_config.json")
                                                         .arg(QLatin1String(checkpoint)))
                          .toStdString();
    auto c = PreprocessorConfig::fromFile(path, &error);
    if (!c)
        qFatal("cannot load %s: %s", path.c_str(), error.c_str());
    return *c;
}

std::optional<PreprocessorConfig> parse(const char* text, std::string* error = nullptr)
{
    std::string local;
    return PreprocessorConfig::fromJsonText(text, error ? error : &local);
}

RgbImage randomImage(int w, int h, unsigned seed)
{
    std::mt19937 rng(seed);
    RgbImage img;
    img.width = w;
    img.height = h;
    img.pixels.resize(static_cast<std::size_t>(3) * w * h);
    for (auto& p : img.pixels)
        p = static_cast<std::uint8_t>(rng() & 0xff);
    return img;
}

} // namespace

class TestPreprocess : public QObject {
    Q_OBJECT

    SafetensorsFile reference_;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(reference_.open(gitvqa::testing::referencePath(QStringLiteral("frames/pixel_values.safetensors")),
                                 &error),
                 qPrintable(error));
    }

    void parity_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("processor");
        for (const char* processor : {"clip", "videomae"})
            for (const char* file : kFrames)
                QTest::newRow(qPrintable(QStringLiteral("%1/%2").arg(QLatin1String(processor), QLatin1String(file))))
                    << QString::fromLatin1(file) << QString::fromLatin1(processor);
    }

    // Target: bit-exact (max |d| = 0). The acceptance floor would be max |d| <= 0.016 and mean |d| <= 1e-4.
    void parity()
    {
        QFETCH(QString, file);
        QFETCH(QString, processor);
        const PreprocessorConfig config =
            loadConfig(processor == QLatin1String("clip") ? "tiny-git-image" : "tiny-git-video");
        QCOMPARE(config.kind, processor == QLatin1String("clip") ? ImageProcessorKind::Clip
                                                                 : ImageProcessorKind::VideoMae);

        const RgbImage frame = loadFrame(gitvqa::testing::referencePath(QStringLiteral("frames/") + file));
        QVERIFY(!frame.isNull());
        std::vector<qint64> shape;
        const std::vector<float> expected = reference_.f32(processor + QLatin1Char('/') + file, &shape);
        QCOMPARE(shape, (std::vector<qint64>{3, 224, 224}));

        const PixelTensor got = preprocessFrame(frame, config);
        QCOMPARE(got.channels, 3);
        QCOMPARE(got.height, 224);
        QCOMPARE(got.width, 224);
        QCOMPARE(got.data.size(), expected.size());

        double maxAbs = 0, sumAbs = 0;
        std::size_t differing = 0;
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const double d = std::fabs(static_cast<double>(got.data[i]) - expected[i]);
            maxAbs = std::max(maxAbs, d);
            sumAbs += d;
            differing += got.data[i] != expected[i];
        }
        const double meanAbs = sumAbs / static_cast<double>(expected.size());
        qInfo("%s/%s %dx%d: max|d| = %.9g, mean|d| = %.3g, differing values = %zu", qPrintable(processor),
              qPrintable(file), frame.width, frame.height, maxAbs, meanAbs, differing);
        QVERIFY2(maxAbs <= 0.016 && meanAbs <= 1e-4, "outside the acceptance tolerance");
        QCOMPARE(differing, std::size_t(0)); // bit-exact
    }

    // The batch helper lays frames out [N,3,H,W] and gives the same numbers with 1 or 2 threads.
    void batchMatchesSingleFrames()
    {
        const PreprocessorConfig config = loadConfig("tiny-git-video");
        std::vector<RgbImage> frames;
        for (const char* file : kFrames)
            frames.push_back(loadFrame(gitvqa::testing::referencePath(QStringLiteral("frames/") +
                                                                      QLatin1String(file))));
        for (unsigned threads : {1u, 2u, 0u}) {
            const PixelBatch batch = preprocessFrames(frames, config, threads);
            QCOMPARE(batch.count, 6);
            QCOMPARE(batch.channels, 3);
            QCOMPARE(batch.height, 224);
            QCOMPARE(batch.width, 224);
            QCOMPARE(batch.data.size(), std::size_t(6) * 3 * 224 * 224);
            for (std::size_t i = 0; i < frames.size(); ++i) {
                const PixelTensor one = preprocessFrame(frames[i], config);
                QVERIFY(std::memcmp(one.data.data(), batch.data.data() + i * one.data.size(),
                                    one.data.size() * sizeof(float)) == 0);
            }
        }
        QCOMPARE(preprocessFrames({}, config).count, 0);
    }

    void batchRejectsMixedSizesWithoutCrop()
    {
        PreprocessorConfig config = PreprocessorConfig::defaultsFor(ImageProcessorKind::VideoMae);
        config.doCenterCrop = false;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 preprocessFrames({randomImage(320, 240, 1), randomImage(640, 360, 2)}, config));
        const PixelBatch same = preprocessFrames({randomImage(320, 240, 1), randomImage(320, 240, 2)}, config);
        QCOMPARE(same.width, 298); // int(224 * 320 / 240)
        QCOMPARE(same.height, 224);
    }

    void oddSizedImage()
    {
        const RgbImage img = randomImage(333, 127, 42);
        for (const char* checkpoint : {"tiny-git-image", "tiny-git-video"}) {
            const PreprocessorConfig config = loadConfig(checkpoint);
            const PixelTensor t = preprocessFrame(img, config);
            QCOMPARE(t.channels, 3);
            QCOMPARE(t.height, 224);
            QCOMPARE(t.width, 224);
            QCOMPARE(t.data.size(), std::size_t(3) * 224 * 224);
            for (int c = 0; c < 3; ++c) {
                const float lo = static_cast<float>((0.0 - config.imageMean[c]) / config.imageStd[c]) - 1e-5f;
                const float hi = static_cast<float>((1.0 - config.imageMean[c]) / config.imageStd[c]) + 1e-5f;
                for (std::size_t i = 0; i < std::size_t(224) * 224; ++i) {
                    const float v = t.data[c * std::size_t(224) * 224 + i];
                    QVERIFY(std::isfinite(v));
                    QVERIFY2(v >= lo && v <= hi, checkpoint);
                }
            }
        }
        // 1-pixel-wide extremes survive too.
        QCOMPARE(preprocessFrame(randomImage(1, 500, 3), loadConfig("tiny-git-image")).width, 224);
        QCOMPARE(preprocessFrame(randomImage(500, 1, 4), loadConfig("tiny-git-video")).height, 224);
    }

    // Images smaller than the crop are zero-padded in uint8 (HF's center_crop), ceil((crop - size) / 2) before.
    void cropPadsSmallImages()
    {
        PreprocessorConfig config = PreprocessorConfig::defaultsFor(ImageProcessorKind::VideoMae);
        config.doResize = false;
        config.cropHeight = 4;
        config.cropWidth = 5;
        RgbImage img;
        img.width = 2;
        img.height = 3;
        img.pixels.assign(3 * 2 * 3, 255);
        const PixelTensor t = preprocessFrame(img, config);
        QCOMPARE(t.width, 5);
        QCOMPARE(t.height, 4);
        // column pad = ceil(3/2) = 2 → columns 2,3 are image; row pad = ceil(1/2) = 1 → rows 1..3.
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 5; ++x) {
                const bool inside = y >= 1 && x >= 2 && x <= 3;
                QCOMPARE(t.data[static_cast<std::size_t>(y) * 5 + x], inside ? 1.0f : -1.0f);
            }
    }

    void resizeRules()
    {
        const RgbImage img = randomImage(37, 23, 7);
        // Same size: Pillow returns a copy, whatever the filter.
        for (int f = 0; f <= 5; ++f)
            QVERIFY(pillowResize(img, 37, 23, static_cast<PillowFilter>(f)).pixels == img.pixels);
        // A region is exactly the crop of the full resize, for every filter, up and down.
        for (int f = 0; f <= 5; ++f) {
            for (auto [w, h] : {std::pair{19, 50}, std::pair{80, 11}, std::pair{37, 9}, std::pair{12, 23}}) {
                const RgbImage full = pillowResize(img, w, h, static_cast<PillowFilter>(f));
                const PixelRect r{w / 3, h / 4, w - w / 3 - 1, h - h / 4 - 1};
                const RgbImage part = pillowResizeRegion(img, w, h, static_cast<PillowFilter>(f), r);
                QCOMPARE(part.width, r.width);
                QCOMPARE(part.height, r.height);
                for (int y = 0; y < r.height; ++y)
                    QVERIFY(std::memcmp(part.row(y), full.row(r.y + y) + 3 * r.x, 3 * r.width) == 0);
            }
        }
        // Nearest samples at (x + 0.5) * scale: 4 -> 2 keeps pixels 1 and 3.
        RgbImage line;
        line.width = 4;
        line.height = 1;
        line.pixels = {0, 0, 0, 10, 10, 10, 20, 20, 20, 30, 30, 30};
        QCOMPARE(pillowResize(line, 2, 1, PillowFilter::Nearest).pixels,
                 (std::vector<std::uint8_t>{10, 10, 10, 30, 30, 30}));
        // A flat image stays flat under every convolution filter (weights sum to 1 in fixed point).
        RgbImage flat;
        flat.width = 50;
        flat.height = 30;
        flat.pixels.assign(3 * 50 * 30, 77);
        for (int f = 1; f <= 5; ++f)
            for (const auto& p : pillowResize(flat, 17, 71, static_cast<PillowFilter>(f)).pixels)
                QCOMPARE(int(p), 77);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pillowResize(img, 0, 5, PillowFilter::Bicubic));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pillowResize(RgbImage{}, 5, 5, PillowFilter::Bicubic));
    }

    void configReferenceFiles()
    {
        const PreprocessorConfig clip = loadConfig("tiny-git-image");
        QCOMPARE(clip.kind, ImageProcessorKind::Clip);
        QCOMPARE(clip.resample, PillowFilter::Bicubic);
        QCOMPARE(clip.shortestEdge, 224);
        QCOMPARE(clip.cropHeight, 224);
        QCOMPARE(clip.imageMean[0], 0.48145466);
        QCOMPARE(clip.imageStd[2], 0.27577711);
        QVERIFY(clip.doConvertRgb);

        const PreprocessorConfig video = loadConfig("tiny-git-video");
        QCOMPARE(video.kind, ImageProcessorKind::VideoMae);
        QCOMPARE(video.resample, PillowFilter::Bilinear);
        QCOMPARE(video.imageMean[1], 0.5);
        QCOMPARE(video.imageStd[1], 0.5);
        QCOMPARE(video.rescaleFactor, 0.00392156862745098);

        std::string error;
        QVERIFY(!PreprocessorConfig::fromFile("/nonexistent/preprocessor_config.json", &error));
        QVERIFY(error.find("/nonexistent/preprocessor_config.json") != std::string::npos);
    }

    void configSizes()
    {
        auto c = parse(R"({"image_processor_type":"CLIPImageProcessor","size":{"height":256,"width":320}})");
        QVERIFY(c);
        QCOMPARE(c->shortestEdge, 0);
        QCOMPARE(c->resizeHeight, 256);
        QCOMPARE(c->resizeWidth, 320);
        int w = 0, h = 0;
        c->doCenterCrop = false;
        c->outputSize(640, 480, &w, &h);
        QCOMPARE(w, 320);
        QCOMPARE(h, 256);

        // Old files (git-base's own): bare ints, feature_extractor_type. size int = shortest edge, crop int = square.
        c = parse(R"({"feature_extractor_type":"CLIPFeatureExtractor","size":256,"crop_size":240})");
        QVERIFY(c);
        QCOMPARE(c->kind, ImageProcessorKind::Clip);
        QCOMPARE(c->shortestEdge, 256);
        QCOMPARE(c->cropHeight, 240);
        QCOMPARE(c->cropWidth, 240);

        c = parse(R"({"image_processor_type":"VideoMAEImageProcessor","size":[200,300],"crop_size":[100,150]})");
        QVERIFY(c);
        QCOMPARE(c->resizeHeight, 200);
        QCOMPARE(c->resizeWidth, 300);
        QCOMPARE(c->cropHeight, 100);
        QCOMPARE(c->cropWidth, 150);

        // Shortest edge with truncation of the long side: 333x127 -> int(224*333/127) = 587.
        c = parse(R"({"image_processor_type":"CLIPImageProcessor","do_center_crop":false})");
        QVERIFY(c);
        c->outputSize(333, 127, &w, &h);
        QCOMPARE(w, 587);
        QCOMPARE(h, 224);
        c->outputSize(127, 333, &w, &h);
        QCOMPARE(w, 224);
        QCOMPARE(h, 587);
    }

    void configDefaults()
    {
        auto c = parse(R"({"image_processor_type":"CLIPImageProcessor"})");
        QVERIFY(c);
        QVERIFY(c->doResize && c->doCenterCrop && c->doRescale && c->doNormalize && c->doConvertRgb);
        QCOMPARE(c->shortestEdge, 224);
        QCOMPARE(c->cropWidth, 224);
        QCOMPARE(c->resample, PillowFilter::Bicubic);
        QCOMPARE(c->rescaleFactor, 1.0 / 255.0);
        QCOMPARE(c->imageMean[2], 0.40821073);
        QCOMPARE(c->imageStd[0], 0.26862954);

        c = parse(R"({"image_processor_type":"VideoMAEImageProcessor","do_normalize":null})");
        QVERIFY(c);
        QCOMPARE(c->kind, ImageProcessorKind::VideoMae);
        QCOMPARE(c->resample, PillowFilter::Bilinear);
        QCOMPARE(c->imageMean[0], 0.5);
        QCOMPARE(c->imageStd[2], 0.5);
        QVERIFY(c->doNormalize);

        // Scalar mean/std apply to every channel; switches are honoured.
        c = parse(R"({"image_processor_type":"CLIPImageProcessor","image_mean":0.25,"image_std":0.5,
                     "do_rescale":false,"resample":1,"do_convert_rgb":false})");
        QVERIFY(c);
        QCOMPARE(c->imageMean[1], 0.25);
        QCOMPARE(c->imageStd[2], 0.5);
        QVERIFY(!c->doRescale);
        QVERIFY(!c->doConvertRgb);
        QCOMPARE(c->resample, PillowFilter::Lanczos);
        RgbImage px;
        px.width = px.height = 1;
        px.pixels = {0, 1, 2};
        c->doResize = c->doCenterCrop = false;
        const PixelTensor t = preprocessFrame(px, *c);
        QCOMPARE(t.data, (std::vector<float>{-0.5f, 1.5f, 3.5f})); // (v - 0.25) / 0.5 without rescale
    }

    void configErrors_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("mustMention");
        QTest::newRow("malformed") << R"({"image_processor_type": "CLIPImageProcessor",)" << "malformed JSON";
        QTest::newRow("not an object") << "[1,2,3]" << "object";
        QTest::newRow("no type") << R"({"size": 224})" << "image_processor_type";
        QTest::newRow("other processor") << R"({"image_processor_type":"ViTImageProcessor"})"
                                         << "ViTImageProcessor";
        QTest::newRow("bad resample") << R"({"image_processor_type":"CLIPImageProcessor","resample":7})"
                                      << "resample";
        QTest::newRow("string resample") << R"({"image_processor_type":"CLIPImageProcessor","resample":"bicubic"})"
                                         << "resample";
        QTest::newRow("bad size") << R"({"image_processor_type":"CLIPImageProcessor","size":{"longest":3}})"
                                  << "size";
        QTest::newRow("zero size") << R"({"image_processor_type":"CLIPImageProcessor","size":{"shortest_edge":0}})"
                                   << "size.shortest_edge";
        QTest::newRow("longest edge")
            << R"({"image_processor_type":"CLIPImageProcessor","size":{"shortest_edge":224,"longest_edge":300}})"
            << "size";
        QTest::newRow("bad crop") << R"({"image_processor_type":"CLIPImageProcessor","crop_size":{"height":2}})"
                                  << "crop_size";
        QTest::newRow("bool as string") << R"({"image_processor_type":"CLIPImageProcessor","do_resize":"yes"})"
                                        << "do_resize";
        QTest::newRow("mean of 2") << R"({"image_processor_type":"CLIPImageProcessor","image_mean":[0.5,0.5]})"
                                   << "image_mean";
        QTest::newRow("zero std") << R"({"image_processor_type":"CLIPImageProcessor","image_std":[0.5,0,0.5]})"
                                  << "image_std";
        QTest::newRow("factor string")
            << R"({"image_processor_type":"CLIPImageProcessor","rescale_factor":"1/255"})" << "rescale_factor";
    }

    void configErrors()
    {
        QFETCH(QString, json);
        QFETCH(QString, mustMention);
        std::string error;
        const auto c = PreprocessorConfig::fromJsonText(json.toStdString(), &error);
        QVERIFY(!c);
        QVERIFY2(QString::fromStdString(error).contains(mustMention), error.c_str());
    }

    // Six 1080p frames, both processors; reported, not asserted (timings depend on the machine).
    void speed()
    {
        const RgbImage base = loadFrame(gitvqa::testing::referencePath(QStringLiteral("frames/frame5_1280x720.png")));
        QVERIFY(!base.isNull());
        const RgbImage hd = pillowResize(base, 1920, 1080, PillowFilter::Bicubic);
        const std::vector<RgbImage> frames(6, hd);
        for (const char* checkpoint : {"tiny-git-image", "tiny-git-video"}) {
            const PreprocessorConfig config = loadConfig(checkpoint);
            for (unsigned threads : {1u, 2u}) {
                qint64 best = std::numeric_limits<qint64>::max();
                for (int run = 0; run < 5; ++run) {
                    QElapsedTimer timer;
                    timer.start();
                    const PixelBatch batch = preprocessFrames(frames, config, threads);
                    best = std::min(best, timer.nsecsElapsed());
                    QCOMPARE(batch.count, 6);
                }
                qInfo("%s (%s): six 1920x1080 frames, %u thread(s): %.1f ms (best of 5)", checkpoint,
                      pillowFilterName(config.resample), threads, best / 1e6);
            }
        }
    }
};

GITVQA_REFERENCE_TEST_MAIN(TestPreprocess)
#include "test_preprocess.moc"
