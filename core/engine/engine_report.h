#pragma once
// The engine's compute report as JSON (device, dtype, threads, BLAS, libtorch, the CPU's features and the
// precision warning), shared by gitvqa-bench, gitvqa-check and `gitvqa bench` so they describe a run alike.

#include "cpu_features.h"
#include "git_engine.h"

#include <nlohmann/json.hpp>

namespace gitvqa {

nlohmann::json cpuReportJson(const CpuFeatures& f = cpuFeatures());
// Adds the report's keys to `j` (an object), next to whatever it already holds.
void addEngineReport(nlohmann::json& j, const EngineInfo& info);

} // namespace gitvqa
