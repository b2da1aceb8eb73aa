#pragma once
// The engine benchmark behind `gitvqa-bench` and `gitvqa bench`: medians over several runs after a warm-up, so the
// numbers in closing notes can be re-run. With a random-init model it needs no files.

#include "git_engine.h"
#include "machine_floors.h"

#include <map>
#include <string>

namespace gitvqa {

struct BenchmarkOptions {
    std::string modelDir;       // empty with randomInit
    bool randomInit = false;    // git-base-msrvtt-qa's exact shape with random weights
    EngineOptions engine;
    int promptTokens = 7;
    int newTokens = 20;
    int runs = 5;
    int warmup = 1;
    std::uint64_t seed = 1234;
    bool floors = true;         // measure the machine's floors first and report the ratios to them
};

struct BenchmarkResult {
    double loadMs = 0;
    double visionMs = 0;           // ViT over all frames + projection
    double prefillMs = 0;          // image K/V + prompt → first token, the decoder's part of a cold question
    double ttftColdMs = 0;         // pixels → first token
    double ttftPreEncodedMs = 0;   // ready visual context → first token
    double perTokenMs = 0;         // each further token
    double peakRssMb = 0;
    double peakGpuMb = 0;
    int frames = 0;
    int imageTokens = 0;
    EngineInfo info;
    // Where the time goes (CPU only): milliseconds per cold question and per further token, by stage.
    std::map<std::string, double> coldStagesMs;
    std::map<std::string, double> tokenStagesMs;
    bool hasFloors = false;
    MachineFloors floors;
    double coldVsFloor() const { return ttftColdMs / floors.computeFloorMs; }
    double perTokenVsFloor() const { return perTokenMs / floors.bandwidthFloorMs; }
    std::string toJson() const;    // one line
};

BenchmarkResult runEngineBenchmark(const BenchmarkOptions& options);

double peakRssMb();   // VmHWM of this process
double currentRssMb();

} // namespace gitvqa
