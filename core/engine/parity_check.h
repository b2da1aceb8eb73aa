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
    double tolerance = 1e-4;  // relative max |Δ| for float stages; precisionTolerance(dtype) for other dtypes
    int maxNewTokens = 20;    // budget for goldens that end with the end token (the others: their own length)
};

// New tokens to generate for a golden sequence: one that ends with the end token stopped by itself (the budget
// only has to reach it); one that does not ran out of budget, so its length is the budget.
int generationBudget(const std::vector<std::int64_t>& expected, std::size_t promptLen, std::int64_t eos, int defaultBudget);

// The relative error one rounding to `dtype` makes (2^-24 float32, 2^-11 float16, 2^-8 bfloat16), and the stage
// tolerance derived from it: 1e-4 for float32, 32 roundings' worth for the narrower dtypes. Derived from the
// dtype, never from a measurement on one CPU.
double unitRoundoff(torch::ScalarType dtype);
double precisionTolerance(torch::ScalarType dtype);

// Throws EngineError when the golden file lacks pixel_values or input_ids.
ParityReport checkParity(const GitEngine& engine, const std::string& goldenSafetensors, const ParityOptions& options = {});

StageComparison compareTensors(const std::string& name, const torch::Tensor& expected, const torch::Tensor& actual,
                               double tolerance);

} // namespace gitvqa
