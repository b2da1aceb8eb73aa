#pragma once
// Turns decoded RGB frames into GIT's pixel_values exactly as Hugging Face's slow (Pillow/numpy)
// CLIPImageProcessor and VideoMAEImageProcessor do: resize (Pillow), centre crop, rescale, normalise, HWC -> CHW.
// See docs/git-architecture.md section 11 for the rounding rules this reproduces.

#include "media/pillow_resample.h"
#include "media/rgb_image.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace gitvqa {

enum class ImageProcessorKind {
    Clip,     // CLIPImageProcessor (git-base, git-large, ...)
    VideoMae, // VideoMAEImageProcessor (git-base-vatex, git-base-msrvtt-qa)
};

// The fields of preprocessor_config.json that decide the pixels. Default member values are
// CLIPImageProcessor's class defaults; use defaultsFor() for the other kind.
struct PreprocessorConfig {
    ImageProcessorKind kind = ImageProcessorKind::Clip;
    std::string processorType = "CLIPImageProcessor"; // as named in the file

    bool doResize = true;
    // Resize rule: shortestEdge > 0 scales the short side to it (long side truncated, HF's
    // get_resize_output_image_size); otherwise the image is resized to resizeHeight x resizeWidth.
    int shortestEdge = 224;
    int resizeHeight = 0;
    int resizeWidth = 0;
    PillowFilter resample = PillowFilter::Bicubic;

    bool doCenterCrop = true;
    int cropHeight = 224;
    int cropWidth = 224;

    bool doRescale = true;
    double rescaleFactor = 1.0 / 255.0;

    bool doNormalize = true;
    std::array<double, 3> imageMean{0.48145466, 0.4578275, 0.40821073}; // OPENAI_CLIP_MEAN
    std::array<double, 3> imageStd{0.26862954, 0.26130258, 0.27577711};  // OPENAI_CLIP_STD

    // Parsed for completeness; frames reach the preprocessor as RgbImage, so there is nothing to convert.
    bool doConvertRgb = true;

    // The Hugging Face class defaults for a processor kind (what a field missing from the file means).
    static PreprocessorConfig defaultsFor(ImageProcessorKind kind);

    // Reads preprocessor_config.json. On failure returns nullopt and, if `error` is given, a message that names
    // the offending field. Accepted types: "image_processor_type" (or the legacy "feature_extractor_type")
    // CLIPImageProcessor / CLIPFeatureExtractor and VideoMAEImageProcessor / VideoMAEFeatureExtractor; any other
    // processor is refused because its defaults and steps differ (e.g. ViT has no centre crop).
    static std::optional<PreprocessorConfig> fromFile(const std::string& path, std::string* error);
    static std::optional<PreprocessorConfig> fromJsonText(const std::string& text, std::string* error);

    // Output height/width for a frame of the given size (crop size when cropping, else the resized size).
    void outputSize(int frameWidth, int frameHeight, int* outWidth, int* outHeight) const;
};

// One preprocessed frame, float32 CHW (R, G, B planes).
struct PixelTensor {
    int channels = 3;
    int height = 0;
    int width = 0;
    std::vector<float> data;
};

// Several frames in one contiguous float32 buffer [count, 3, height, width], frame-major, ready to be wrapped
// as a tensor (a video checkpoint then views it as [1, count, 3, H, W]).
struct PixelBatch {
    int count = 0;
    int channels = 3;
    int height = 0;
    int width = 0;
    std::vector<float> data;
};

// Throws std::invalid_argument for a null frame or a config whose sizes are not positive.
PixelTensor preprocessFrame(const RgbImage& frame, const PreprocessorConfig& config);

// Preprocesses `frames` into one buffer, in order. All frames must give the same output size (always the case
// with a centre crop); throws std::invalid_argument otherwise. Uses up to `maxThreads` threads (0 = hardware
// concurrency, capped at the number of frames); the result does not depend on the thread count.
PixelBatch preprocessFrames(const std::vector<RgbImage>& frames, const PreprocessorConfig& config,
                            unsigned maxThreads = 0);

} // namespace gitvqa
