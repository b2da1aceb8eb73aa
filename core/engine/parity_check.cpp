#include "parity_check.h"

#include "engine_error.h"
#include "engine_report.h"
#include "safetensors_file.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <regex>

namespace gitvqa {

namespace {

std::vector<std::int64_t> toIds(const torch::Tensor& t)
{
    const torch::Tensor flat = t.to(torch::kLong).reshape({-1}).contiguous();
    return std::vector<std::int64_t>(flat.data_ptr<std::int64_t>(), flat.data_ptr<std::int64_t>() + flat.numel());
}

// transformers pads finished beams with pad ids after the end token; the answer is what precedes them.
std::vector<std::int64_t> trimAfterEnd(std::vector<std::int64_t> ids, std::size_t promptLen, std::int64_t eos)
{
    for (std::size_t i = promptLen; i < ids.size(); ++i) {
        if (ids[i] == eos) {
            ids.resize(i + 1);
            break;
        }
    }
    return ids;
}

IdsComparison compareIds(const std::string& name, int beams, const std::vector<std::int64_t>& expected,
                         const std::vector<std::int64_t>& actual)
{
    IdsComparison c;
    c.name = name;
    c.beams = beams;
    c.expected = expected;
    c.actual = actual;
    c.equal = expected == actual;
    if (!c.equal) {
        const std::size_t n = std::min(expected.size(), actual.size());
        c.firstDifference = static_cast<int>(n);
        for (std::size_t i = 0; i < n; ++i) {
            if (expected[i] != actual[i]) {
                c.firstDifference = static_cast<int>(i);
                break;
            }
        }
    }
    return c;
}

} // namespace

int generationBudget(const std::vector<std::int64_t>& expected, std::size_t promptLen, std::int64_t eos, int defaultBudget)
{
    const int goldenNew = expected.size() > promptLen ? static_cast<int>(expected.size() - promptLen) : 0;
    if (goldenNew > 0 && expected.back() == eos)
        return std::max(defaultBudget, goldenNew); // it stopped by itself: any budget that reaches the end will do
    // It ran out of tokens: the reference's budget was exactly its length (a 15-token golden is 15 tokens, not 20).
    return std::max(1, goldenNew);
}

double unitRoundoff(torch::ScalarType t)
{
    switch (t) {
    case torch::kFloat: return std::ldexp(1.0, -24);   // 24-bit significand
    case torch::kHalf: return std::ldexp(1.0, -11);    // 11-bit
    case torch::kBFloat16: return std::ldexp(1.0, -8); // 8-bit
    default: return std::ldexp(1.0, -53);
    }
}

double precisionTolerance(torch::ScalarType t)
{
    // float32: the README's target; what remains there is summation order against the reference machine's kernels.
    // Narrower dtypes: every stored activation rounds to `u`, and the errors of a few dozen roundings in a row
    // (projections, layer norms, softmax, residual sums) add up: 32·u leaves room for that, not for a wrong kernel.
    return std::max(1e-4, 32.0 * unitRoundoff(t));
}

StageComparison compareTensors(const std::string& name, const torch::Tensor& expectedIn, const torch::Tensor& actualIn,
                               double tolerance)
{
    StageComparison s;
    s.name = name;
    const torch::Tensor expected = expectedIn.to(torch::kCPU, torch::kDouble).reshape({-1});
    const torch::Tensor actual = actualIn.to(torch::kCPU, torch::kDouble).reshape({-1});
    if (expected.numel() != actual.numel())
        throw EngineError("Stage '" + name + "': the engine produced " + std::to_string(actual.numel())
                          + " values, the golden holds " + std::to_string(expected.numel()));
    const torch::Tensor diff = (expected - actual).abs();
    s.maxAbsDiff = diff.max().item<double>();
    s.meanAbsDiff = diff.mean().item<double>();
    s.maxAbsReference = expected.abs().max().item<double>();
    s.relativeMaxDiff = s.maxAbsDiff / std::max(s.maxAbsReference, 1e-30);
    s.pass = std::isfinite(s.maxAbsDiff) && s.relativeMaxDiff <= tolerance;
    return s;
}

bool ParityReport::pass() const
{
    for (const auto& s : stages)
        if (!s.pass)
            return false;
    for (const auto& i : ids)
        if (!i.equal)
            return false;
    return !stages.empty() || !ids.empty();
}

std::string ParityReport::toJson(const EngineInfo& info) const
{
    nlohmann::json j;
    j["pass"] = pass();
    j["tolerance"] = tolerance;
    addEngineReport(j, info);
    for (const auto& s : stages)
        j["stages"][s.name] = {{"max_abs_diff", s.maxAbsDiff}, {"mean_abs_diff", s.meanAbsDiff},
                               {"max_abs_reference", s.maxAbsReference}, {"relative_max_diff", s.relativeMaxDiff},
                               {"pass", s.pass}};
    for (const auto& i : ids) {
        nlohmann::json e = {{"equal", i.equal}, {"beams", i.beams}, {"ms", i.ms}};
        if (!i.equal) {
            e["first_difference"] = i.firstDifference;
            e["expected"] = i.expected;
            e["actual"] = i.actual;
        }
        j["ids"][i.name] = e;
    }
    return j.dump(2);
}

ParityReport checkParity(const GitEngine& engine, const std::string& goldenPath, const ParityOptions& options)
{
    const auto golden = SafetensorsFile::open(goldenPath)->readAll();
    for (const char* key : {"pixel_values", "input_ids"}) {
        if (!golden.count(key))
            throw EngineError(goldenPath + " has no '" + key + "' tensor");
    }
    const std::vector<std::int64_t> prompt = toIds(golden.at("input_ids"));
    ParityReport report;
    report.tolerance = options.tolerance;

    // One encoding serves the stage comparison and every generation below.
    const auto context = engine.encode(golden.at("pixel_values"));
    const StageOutputs out = engine.forwardStages(*context, prompt);
    const std::pair<const char*, const torch::Tensor*> stages[] = {
        {"vision_last_hidden_state", &out.visionHiddenState},
        {"projected_visual_features", &out.projectedVisualFeatures},
        {"last_hidden_state", &out.lastHiddenState},
        {"logits", &out.logits},
    };
    for (const auto& [name, tensor] : stages) {
        if (golden.count(name))
            report.stages.push_back(compareTensors(name, golden.at(name), *tensor, options.tolerance));
    }

    const std::regex beamKey("beam([0-9]+)_ids");
    for (const auto& [name, tensor] : golden) {
        int beams = 0;
        std::smatch m;
        if (name == "greedy_ids")
            beams = 1;
        else if (std::regex_match(name, m, beamKey))
            beams = std::stoi(m[1].str());
        else
            continue;
        const std::int64_t eos = engine.config().eosTokenId;
        const auto expected = trimAfterEnd(toIds(tensor), prompt.size(), eos);
        GenerationOptions g;
        g.numBeams = beams;
        g.maxNewTokens = generationBudget(expected, prompt.size(), eos, options.maxNewTokens);
        const auto t0 = std::chrono::steady_clock::now();
        const GenerationResult r = engine.generate(*context, prompt, g);
        IdsComparison c = compareIds(name, beams, expected, r.sequence);
        c.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        report.ids.push_back(std::move(c));
    }
    return report;
}

} // namespace gitvqa
