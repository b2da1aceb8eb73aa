#pragma once
// Compares the engine with a golden file made by Hugging Face's own GIT (see ../shared/reference/README.md):
// every stage the golden holds (vision output, projected features, decoder hidden states, logits) and every
// id sequence (`greedy_ids`, `beamN_ids`). Used by gitvqa-check (also on the GPU machine) and by the tests.

#include "git_engine.h"

#include <string>
#include <vector>

namespace gitvqa {

struct StageComparison {
    std::string name;
    double maxAbsDiff = 0;
    double meanAbsDiff = 0;
    double maxAbsReference = 0;
    double relativeMaxDiff = 0; // maxAbsDiff / maxAbsReference — the README's tolerance is on this
    bool pass = false;
};

struct IdsComparison {
    std::string name;
    int beams = 1;
    bool equal = false;
    int firstDifference = -1; // index into the sequence, -1 when equal
    std::vector<std::int64_t> expected;
    std::vector<std::int64_t> actual;
    double ms = 0;
};

struct ParityReport {
    std::vector<StageComparison> stages;
    std::vector<IdsComparison> ids;
    double tolerance = 1e-4;
    bool pass() const;
    std::string toJson(const EngineInfo& info) const;
};

struct ParityOptions {
    double tolerance = 1e-4;  // relative max |Δ| for float stages
    int maxNewTokens = 20;    // the goldens generate up to 20 new tokens
};

// Throws EngineError when the golden file lacks pixel_values or input_ids.
ParityReport checkParity(const GitEngine& engine, const std::string& goldenSafetensors, const ParityOptions& options = {});

StageComparison compareTensors(const std::string& name, const torch::Tensor& expected, const torch::Tensor& actual,
                               double tolerance);

} // namespace gitvqa
