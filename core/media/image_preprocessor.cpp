#include "media/image_preprocessor.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <exception>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace gitvqa {
namespace {

using nlohmann::json;

// Parsing helpers: each returns false after writing a message that names the JSON field.
class FieldReader {
public:
    FieldReader(const json& root, std::string* error) : root_(root), error_(error) {}

    // Absent or null keeps the default: that is how HF treats a missing key (the class default applies).
    const json* find(const char* key) const
    {
        const auto it = root_.find(key);
        if (it == root_.end() || it->is_null())
            return nullptr;
        return &*it;
    }

    bool fail(const std::string& field, const std::string& what) const
    {
        if (error_)
            *error_ = "preprocessor_config.json: field \"" + field + "\" " + what;
        return false;
    }

    bool readBool(const char* key, bool* out) const
    {
        const json* v = find(key);
        if (!v)
            return true;
        if (!v->is_boolean())
            return fail(key, "must be true or false, got " + v->dump());
        *out = v->get<bool>();
        return true;
    }

    bool readPositiveInt(const json& v, const std::string& field, int* out) const
    {
        // 224.0 is accepted: some hand-written configs carry floats where HF expects ints.
        if (v.is_number_integer() || v.is_number_unsigned()) {
            const auto n = v.get<std::int64_t>();
            if (n > 0 && n <= 1 << 20) {
                *out = static_cast<int>(n);
                return true;
            }
        } else if (v.is_number_float()) {
            const double d = v.get<double>();
            if (d > 0 && d <= (1 << 20) && std::floor(d) == d) {
                *out = static_cast<int>(d);
                return true;
            }
        }
        return fail(field, "must be a positive integer, got " + v.dump());
    }

    bool readNumber(const char* key, double* out) const
    {
        const json* v = find(key);
        if (!v)
            return true;
        if (!v->is_number())
            return fail(key, "must be a number, got " + v->dump());
        *out = v->get<double>();
        return true;
    }

    // A per-channel list of 3 numbers, or a single number applied to every channel (HF accepts both).
    bool readTriple(const char* key, std::array<double, 3>* out) const
    {
        const json* v = find(key);
        if (!v)
            return true;
        if (v->is_number()) {
            out->fill(v->get<double>());
            return true;
        }
        if (!v->is_array() || v->size() != 3)
            return fail(key, "must be a list of 3 numbers (one per RGB channel), got " + v->dump());
        for (std::size_t i = 0; i < 3; ++i) {
            if (!(*v)[i].is_number())
                return fail(key, "must be a list of 3 numbers, got " + v->dump());
            (*out)[i] = (*v)[i].get<double>();
        }
        return true;
    }

    // HF's get_size_dict(): an int or a {"height","width"} / {"shortest_edge"} dict or a [h, w] list.
    // For `size` an int means shortest edge (default_to_square=False in both processors); for `crop_size` it
    // means a square.
    bool readSize(const char* key, bool intMeansShortestEdge, int* shortest, int* height, int* width) const
    {
        const json* v = find(key);
        if (!v)
            return true;
        if (v->is_number()) {
            int n = 0;
            if (!readPositiveInt(*v, key, &n))
                return false;
            if (intMeansShortestEdge) {
                *shortest = n;
                *height = *width = 0;
            } else {
                *height = *width = n;
            }
            return true;
        }
        if (v->is_array()) {
            if (v->size() != 2)
                return fail(key, "as a list must be [height, width], got " + v->dump());
            if (shortest)
                *shortest = 0;
            return readPositiveInt((*v)[0], std::string(key) + "[0]", height) &&
                   readPositiveInt((*v)[1], std::string(key) + "[1]", width);
        }
        if (!v->is_object())
            return fail(key, "must be an integer, a [height, width] list or an object, got " + v->dump());

        // HF checks shortest_edge first, then height/width.
        if (shortest && v->contains("shortest_edge")) {
            if (v->contains("longest_edge"))
                return fail(key, "with longest_edge is not supported by this processor, got " + v->dump());
            *height = *width = 0;
            return readPositiveInt(v->at("shortest_edge"), std::string(key) + ".shortest_edge", shortest);
        }
        if (v->contains("height") && v->contains("width")) {
            if (shortest)
                *shortest = 0;
            return readPositiveInt(v->at("height"), std::string(key) + ".height", height) &&
                   readPositiveInt(v->at("width"), std::string(key) + ".width", width);
        }
        return fail(key, std::string("must have ") + (shortest ? "\"shortest_edge\" or " : "") +
                             "\"height\" and \"width\", got " + v->dump());
    }

private:
    const json& root_;
    std::string* error_;
};

bool kindFromTypeName(const std::string& name, ImageProcessorKind* kind)
{
    if (name == "CLIPImageProcessor" || name == "CLIPFeatureExtractor" || name == "CLIPImageProcessorFast" ||
        name == "CLIPImageProcessorPil") {
        *kind = ImageProcessorKind::Clip;
        return true;
    }
    if (name == "VideoMAEImageProcessor" || name == "VideoMAEFeatureExtractor" ||
        name == "VideoMAEImageProcessorFast" || name == "VideoMAEImageProcessorPil") {
        *kind = ImageProcessorKind::VideoMae;
        return true;
    }
    return false;
}

void setError(std::string* error, const std::string& message)
{
    if (error)
        *error = message;
}

// The shortest-edge rule of HF's get_resize_output_image_size(default_to_square=False): the long side is
// int(S * long / short) with Python's true division, i.e. one correctly rounded double division, then truncation.
void resizeTarget(const PreprocessorConfig& c, int w, int h, int* outW, int* outH)
{
    if (!c.doResize) {
        *outW = w;
        *outH = h;
        return;
    }
    if (c.shortestEdge > 0) {
        const int shortSide = std::min(w, h);
        const int longSide = std::max(w, h);
        const auto product = static_cast<std::int64_t>(c.shortestEdge) * longSide; // exact in a double
        const int newLong = static_cast<int>(static_cast<double>(product) / shortSide);
        if (w <= h) {
            *outW = c.shortestEdge;
            *outH = newLong;
        } else {
            *outW = newLong;
            *outH = c.shortestEdge;
        }
        return;
    }
    *outW = c.resizeWidth;
    *outH = c.resizeHeight;
}

// One axis of HF's center_crop(): a larger image is cut at floor((size - crop) / 2); a smaller one is placed in
// a zero (uint8 0) canvas at ceil((crop - size) / 2), exactly what numpy's padding branch does.
struct CropAxis {
    int srcOffset = 0; // first resized index kept
    int length = 0;    // resized indices kept
    int dstOffset = 0; // where they land in the output
};

CropAxis cropAxis(int size, int crop)
{
    if (size >= crop)
        return {(size - crop) / 2, crop, 0};
    return {0, size, (crop - size + 1) / 2};
}

// Rescale and normalise depend only on (channel, uint8 value), so a 3 x 256 table computed with HF's exact
// rounding sequence (double multiply -> float32, then float32 subtract and divide) is both exact and fast.
using ValueTable = std::array<std::array<float, 256>, 3>;

ValueTable buildValueTable(const PreprocessorConfig& c)
{
    ValueTable table{};
    for (int ch = 0; ch < 3; ++ch) {
        // numpy: np.array(mean, dtype=image.dtype) rounds the Python floats to float32 first.
        const float mean = static_cast<float>(c.imageMean[ch]);
        const float stdev = static_cast<float>(c.imageStd[ch]);
        for (int v = 0; v < 256; ++v) {
            float x = c.doRescale ? static_cast<float>(static_cast<double>(v) * c.rescaleFactor)
                                  : static_cast<float>(v);
            if (c.doNormalize) {
                const float centered = x - mean;
                x = centered / stdev;
            }
            table[ch][v] = x;
        }
    }
    return table;
}

void checkUsable(const PreprocessorConfig& c)
{
    if (c.doResize && c.shortestEdge <= 0 && (c.resizeHeight <= 0 || c.resizeWidth <= 0))
        throw std::invalid_argument("preprocess: resize size is not set (need shortest_edge or height/width)");
    if (c.doCenterCrop && (c.cropHeight <= 0 || c.cropWidth <= 0))
        throw std::invalid_argument("preprocess: crop size must be positive");
    if (!isValidPillowFilter(static_cast<int>(c.resample)))
        throw std::invalid_argument("preprocess: unknown resample filter");
}

// Writes one frame's CHW planes into `dst` (3 * outH * outW floats).
void preprocessInto(const RgbImage& frame, const PreprocessorConfig& c, const ValueTable& table, int outW,
                    int outH, float* dst)
{
    if (frame.isNull() || frame.pixels.size() < static_cast<std::size_t>(3) * frame.width * frame.height)
        throw std::invalid_argument("preprocess: frame is empty or its pixel buffer is too small");

    int rw = 0, rh = 0;
    resizeTarget(c, frame.width, frame.height, &rw, &rh);
    const CropAxis cx = c.doCenterCrop ? cropAxis(rw, c.cropWidth) : CropAxis{0, rw, 0};
    const CropAxis cy = c.doCenterCrop ? cropAxis(rh, c.cropHeight) : CropAxis{0, rh, 0};

    // Resizing only the kept window is bit-identical to resizing everything and cropping (see pillow_resample.h).
    // Without do_resize the target equals the frame size, which pillowResizeRegion turns into a plain copy.
    const RgbImage kept =
        pillowResizeRegion(frame, rw, rh, c.resample, PixelRect{cx.srcOffset, cy.srcOffset, cx.length, cy.length});

    const std::size_t plane = static_cast<std::size_t>(outW) * outH;
    const bool padded = cx.length != outW || cy.length != outH;
    for (int ch = 0; ch < 3; ++ch) {
        float* p = dst + ch * plane;
        if (padded)
            std::fill(p, p + plane, table[ch][0]);
        for (int y = 0; y < cy.length; ++y) {
            const std::uint8_t* in = kept.row(y);
            float* out = p + static_cast<std::size_t>(y + cy.dstOffset) * outW + cx.dstOffset;
            for (int x = 0; x < cx.length; ++x)
                out[x] = table[ch][in[3 * x + ch]];
        }
    }
}

} // namespace

PreprocessorConfig PreprocessorConfig::defaultsFor(ImageProcessorKind kind)
{
    PreprocessorConfig c; // CLIPImageProcessor defaults
    if (kind == ImageProcessorKind::VideoMae) {
        c.kind = kind;
        c.processorType = "VideoMAEImageProcessor";
        c.resample = PillowFilter::Bilinear;
        c.imageMean = {0.5, 0.5, 0.5}; // IMAGENET_STANDARD_MEAN
        c.imageStd = {0.5, 0.5, 0.5};  // IMAGENET_STANDARD_STD
        c.doConvertRgb = false;        // VideoMAE has no such step
    }
    return c;
}

std::optional<PreprocessorConfig> PreprocessorConfig::fromJsonText(const std::string& text, std::string* error)
{
    json root;
    try {
        root = json::parse(text);
    } catch (const json::exception& e) {
        setError(error, std::string("preprocessor_config.json: malformed JSON: ") + e.what());
        return std::nullopt;
    }
    if (!root.is_object()) {
        setError(error, "preprocessor_config.json: the top level must be a JSON object");
        return std::nullopt;
    }

    FieldReader r(root, error);
    std::string typeField = "image_processor_type";
    const json* type = r.find("image_processor_type");
    if (!type) {
        typeField = "feature_extractor_type"; // files written before transformers 4.26
        type = r.find("feature_extractor_type");
    }
    if (!type) {
        r.fail("image_processor_type", "is missing (neither it nor feature_extractor_type is set)");
        return std::nullopt;
    }
    if (!type->is_string()) {
        r.fail(typeField, "must be a string, got " + type->dump());
        return std::nullopt;
    }
    ImageProcessorKind kind{};
    const std::string typeName = type->get<std::string>();
    if (!kindFromTypeName(typeName, &kind)) {
        r.fail(typeField, "names \"" + typeName +
                              "\"; only CLIPImageProcessor and VideoMAEImageProcessor are supported "
                              "(other processors use different defaults and steps)");
        return std::nullopt;
    }

    PreprocessorConfig c = defaultsFor(kind);
    c.processorType = typeName;

    int resample = static_cast<int>(c.resample);
    if (const json* v = r.find("resample")) {
        if (!v->is_number_integer() || v->get<std::int64_t>() < 0 || v->get<std::int64_t>() > 5) {
            r.fail("resample", "must be a Pillow filter 0-5 (0 nearest, 1 lanczos, 2 bilinear, 3 bicubic, 4 box, "
                               "5 hamming), got " + v->dump());
            return std::nullopt;
        }
        resample = v->get<int>();
    }
    c.resample = static_cast<PillowFilter>(resample);

    const bool ok = r.readBool("do_resize", &c.doResize) &&
                    r.readSize("size", true, &c.shortestEdge, &c.resizeHeight, &c.resizeWidth) &&
                    r.readBool("do_center_crop", &c.doCenterCrop) &&
                    r.readSize("crop_size", false, nullptr, &c.cropHeight, &c.cropWidth) &&
                    r.readBool("do_rescale", &c.doRescale) && r.readNumber("rescale_factor", &c.rescaleFactor) &&
                    r.readBool("do_normalize", &c.doNormalize) && r.readTriple("image_mean", &c.imageMean) &&
                    r.readTriple("image_std", &c.imageStd) && r.readBool("do_convert_rgb", &c.doConvertRgb);
    if (!ok)
        return std::nullopt;

    for (double s : c.imageStd) {
        if (c.doNormalize && static_cast<float>(s) == 0.0f) {
            r.fail("image_std", "must not contain 0 (normalisation divides by it)");
            return std::nullopt;
        }
    }
    if (!std::isfinite(c.rescaleFactor) || c.rescaleFactor == 0.0) {
        r.fail("rescale_factor", "must be a finite non-zero number");
        return std::nullopt;
    }
    return c;
}

std::optional<PreprocessorConfig> PreprocessorConfig::fromFile(const std::string& path, std::string* error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        setError(error, "cannot open " + path);
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::string message;
    auto config = fromJsonText(text.str(), &message);
    if (!config)
        setError(error, path + ": " + message);
    return config;
}

void PreprocessorConfig::outputSize(int frameWidth, int frameHeight, int* outWidth, int* outHeight) const
{
    if (doCenterCrop) {
        *outWidth = cropWidth;
        *outHeight = cropHeight;
        return;
    }
    resizeTarget(*this, frameWidth, frameHeight, outWidth, outHeight);
}

PixelTensor preprocessFrame(const RgbImage& frame, const PreprocessorConfig& config)
{
    checkUsable(config);
    PixelTensor t;
    config.outputSize(frame.width, frame.height, &t.width, &t.height);
    t.data.resize(static_cast<std::size_t>(3) * t.width * t.height);
    preprocessInto(frame, config, buildValueTable(config), t.width, t.height, t.data.data());
    return t;
}

PixelBatch preprocessFrames(const std::vector<RgbImage>& frames, const PreprocessorConfig& config,
                            unsigned maxThreads)
{
    checkUsable(config);
    PixelBatch batch;
    batch.count = static_cast<int>(frames.size());
    if (frames.empty())
        return batch;

    for (std::size_t i = 0; i < frames.size(); ++i) {
        int w = 0, h = 0;
        config.outputSize(frames[i].width, frames[i].height, &w, &h);
        if (i == 0) {
            batch.width = w;
            batch.height = h;
        } else if (w != batch.width || h != batch.height) {
            throw std::invalid_argument("preprocessFrames: frame " + std::to_string(i) + " gives " +
                                        std::to_string(w) + "x" + std::to_string(h) + " but frame 0 gives " +
                                        std::to_string(batch.width) + "x" + std::to_string(batch.height) +
                                        " (enable the centre crop to batch frames of different sizes)");
        }
    }

    const std::size_t frameFloats = static_cast<std::size_t>(3) * batch.width * batch.height;
    batch.data.resize(frameFloats * frames.size());
    const ValueTable table = buildValueTable(config);

    unsigned threads = maxThreads ? maxThreads : std::max(1u, std::thread::hardware_concurrency());
    threads = std::min<unsigned>(threads, static_cast<unsigned>(frames.size()));

    // Frames are independent; each worker takes the next unclaimed one. Any exception is re-thrown on the caller.
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::atomic<bool> failed{false};
    auto work = [&] {
        for (std::size_t i = next++; i < frames.size() && !failed; i = next++) {
            try {
                preprocessInto(frames[i], config, table, batch.width, batch.height,
                               batch.data.data() + i * frameFloats);
            } catch (...) {
                if (!failed.exchange(true))
                    failure = std::current_exception();
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (auto& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
    return batch;
}

} // namespace gitvqa
