#pragma once
// What the frame sampler suites (test_frame_sampler_*.cpp) share: numbered clips made on the spot with the ffmpeg
// CLI (so no reference data is needed), reading the number back out of a frame, and the checks that a sampled frame
// is the one a viewer sees at the requested time.
//
// Frames carry their own number: a 4x3 grid of black/white cells (scaled up with nearest neighbour), top-left always
// white and bottom-right always black (so a wrong rotation cannot read as a valid number), the other ten cells the
// bits of the frame number. Big flat cells survive every lossy codec used here.

#include "clip_maker.h"

#include "media/frame_sampler.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <array>
#include <vector>

namespace gitvqa::testing {

// The lavfi graph of a numbered clip: `fps` frames per second for `seconds`, w x h pixels.
QString codeSource(double fps, double seconds, int w = 160, int h = 120);

// Reads the frame number from an image whose coded picture was turned clockwise by `rotation` for display.
// Returns -1 when the orientation markers are wrong (-2 for a null image).
int readCode(const RgbImage& img, int rotation = 0);

std::array<int, 3> centrePixel(const RgbImage& img);

// Presentation times of `count` frames at a constant `fps`.
std::vector<double> cfrPts(double fps, int count);

// For each sampled frame: the number drawn in it is the frame shown at the requested time (last pts <= t),
// and the reported pts and index agree with it. Fails the current test (QTest) otherwise.
void checkFrames(const std::vector<SampledFrame>& frames, const std::vector<double>& framePts, int rotation = 0);

// Opens, samples a few windows (start, middle, end) and checks every frame. Fails the current test otherwise.
void checkClip(const QString& file, double fps, int frameCount, int rotation = 0);

// The per-suite part: a temporary folder the clips go into, and the ffmpeg CLI to make them. A suite's test class
// derives from it (after QObject) and calls initClips() from initTestCase(); a test that needs clips starts with
// GITVQA_REQUIRE_FFMPEG() (clip_maker.h).
class SamplerClips {
protected:
    QTemporaryDir dir_;
    bool haveFfmpeg_ = false;

    // Checks the folder, quiets FFmpeg's own logging (the broken-input tests make it log hundreds of decoder
    // complaints; GITVQA_FFMPEG_LOG=1 shows them) and looks for the ffmpeg CLI, saying loudly on stderr when it is
    // missing.
    void initClips(const char* suite);

    QString path(const QString& name) const { return dir_.filePath(name); }

    // Runs ffmpeg; the output goes to `stdoutFile` when given (for muxing to a non-seekable pipe).
    bool ffmpeg(const QStringList& args, const QString& stdoutFile = {}, QByteArray* out = nullptr);

    // A numbered clip: `fps` frames per second for `seconds`, encoded with `codecArgs` into `name`; made once per
    // suite, "" when ffmpeg failed.
    QString codedClip(const QString& name, double fps, double seconds, const QStringList& codecArgs,
                      const QString& extraFilter = {}, int w = 160, int h = 120);
};

} // namespace gitvqa::testing
