#include "engine_report.h"

#include <cstdlib>

namespace gitvqa {

nlohmann::json cpuReportJson(const CpuFeatures& f)
{
    nlohmann::json j = {
        {"model", f.model},
        {"features", f.names()},
        {"detected_by", f.source},
        {"bfloat16", f.nativeBfloat16() ? "native" : "emulated"},
    };
    if (!f.dispatchCaps.empty())
        j["dispatch_caps"] = f.dispatchCaps;
    return j;
}

void addEngineReport(nlohmann::json& j, const EngineInfo& info)
{
    j["device"] = info.device;
    j["dtype"] = info.dtype;
    j["threads"] = info.threads;
    j["blas"] = info.blas;
    j["torch"] = info.torchVersion;
    j["weights"] = info.weightsFormat;
    j["weight_storage"] = info.weightStorage;
    j["cpu"] = cpuReportJson();
    const char* wait = std::getenv("OMP_WAIT_POLICY");
    j["omp_wait_policy"] = wait ? wait : "default (spinning)";
    if (!info.warning.empty())
        j["warning"] = info.warning;
}

} // namespace gitvqa
