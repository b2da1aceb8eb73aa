#pragma once
// `gitvqa bench --video F --scan-stride S`: a whole scan of a video through the real pipeline (sampling, reuse of
// frames shared by overlapping windows, encoding, answering), timed per window.

#include "service/model_bundle.h"

#include <QJsonObject>
#include <QString>

namespace gitvqa::cli {

struct ScanBenchOptions {
    QString video;
    double window = 10;
    double stride = 5;
    double to = -1;      // < 0: the whole video
    bool reuse = true;   // false: every window encodes all its frames (the baseline)
};

// Throws UserError as runScan does.
QJsonObject benchScan(const ModelBundle& model, const ScanBenchOptions& options);

} // namespace gitvqa::cli
