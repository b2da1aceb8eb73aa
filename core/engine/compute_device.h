#pragma once
// Where and in what precision the engine computes, chosen automatically (CUDA, then MPS, then CPU) or by the user,
// and a report of it (device, dtype, BLAS, threads) for the status bar, the CLI and the benchmark.

#include <string>

#include <torch/torch.h>

namespace gitvqa {

struct ComputeChoice {
    torch::Device device = torch::kCPU;
    torch::ScalarType dtype = torch::kFloat;
    int threads = 1;
    std::string warning; // non-empty when this device computes the dtype worse than one may expect (emulated bf16)
};

// device: "auto", "cpu", "cuda", "cuda:N", "mps"; dtype: "auto", "float32", "float16", "bfloat16" (and fp32/fp16/bf16).
// "auto" is float32 on the CPU and float16 on GPUs: never bfloat16, which is emulated on most CPUs.
// threads: 0 = all cores. Throws EngineError when the device is absent or cannot compute in that dtype.
// float32 on CUDA also turns TF32 off (cuDNN and cuBLAS), process-wide: float32 then means float32.
ComputeChoice chooseCompute(const std::string& device, const std::string& dtype, int threads);

// Devices compare by type and index, an absent index (-1: "the current one") read as 0. torch::Device(kMPS) has
// index -1 while the tensors on it report mps:0, so `==` would call them different devices.
torch::Device normalisedDevice(const torch::Device& d);
bool sameDevice(const torch::Device& a, const torch::Device& b);

std::string dtypeName(torch::ScalarType t);
std::string deviceName(const torch::Device& d);
std::string availableDevices(); // e.g. "cpu, cuda:0 (NVIDIA H100)" — what the settings dialog can offer

// The BLAS libtorch's CPU matrix products go through, as loaded in this process (e.g. "OpenBLAS (openmp)").
std::string blasDescription();

// Waits for queued device work so timings measure the work, not its launch.
void synchronizeDevice(const torch::Device& d);

} // namespace gitvqa
