#pragma once
// What this machine cannot go below for one question, measured in the same run as the model (issue 14): absolute
// milliseconds mean nothing across CPUs, and a shared machine's GEMM rate moves by a third within minutes, so the
// benchmark reports its times as ratios to floors it has just measured.
//
// - compute floor: the floating-point work of a cold question (vision encoder over every frame, the visual
//   projection, the decoder over the image tokens and the prompt), counted from the config, divided by the best
//   GEMM rate measured at the model's own shapes;
// - bandwidth floor: the bytes one decode step must read (every decoder and LM-head weight once, plus the image
//   keys and values each layer attends to), divided by the rate at which this machine streams a buffer as large.

#include "git_config.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace gitvqa {

struct GemmRate {
    std::string shape;       // "MxK·KxN"
    double gflops = 0;       // best of several runs
};

struct MachineFloors {
    std::vector<GemmRate> gemm;       // vision and decoder shapes
    double bestGemmGflops = 0;
    double streamGBs = 0;             // read bandwidth over a buffer as large as the decode step's bytes
    double coldGflop = 0;             // work of a cold question
    double weightMbPerToken = 0;      // decoder linears + LM head, in the compute dtype
    double keyValueMbPerToken = 0;    // image (and prompt) keys and values read by each layer's attention
    double computeFloorMs = 0;
    double bandwidthFloorMs = 0;
};

// `promptTokens` as the benchmark's prompt; dtype the compute dtype (the bytes per element of the weights).
MachineFloors measureFloors(const GitConfig& config, int promptTokens, torch::Device device, torch::ScalarType dtype);

// The arithmetic of a cold question alone (no measurement), for the tests.
double coldQuestionGflop(const GitConfig& config, int promptTokens);

} // namespace gitvqa
