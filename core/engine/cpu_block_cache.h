#pragma once
// A CPU allocator for libtorch that keeps large freed blocks for reuse, backed by transparent huge pages.
//
// Why: libtorch's default CPU allocator hands every large tensor to glibc, which maps it fresh from the kernel and
// unmaps it on free, so every temporary of a forward pass (the [heads, 1182, 1182] attention scores of a cold
// question are 67 MB) is page-faulted in again, 4 KiB at a time. On this project's 2-core VM a first touch costs
// about 14 µs a page: allocating and filling 67 MB took 144 ms against 0.8 ms for filling it again, and the image
// K/V attention ran at 8 GFLOP/s instead of 129 (measured with libtorch 1.13 + OpenBLAS, see the issue 14 note).
// Blocks of at least kMinBlock are rounded up to 2 MiB, madvise(MADV_HUGEPAGE)d (one fault per 2 MiB where the
// kernel allows it, also for the weights) and, when freed, kept in a size-ordered cache of at most kMaxCached
// bytes that later requests of up to 25% less are served from. Smaller requests go to the allocator it replaces.

#include <cstddef>

namespace gitvqa {

struct CpuBlockCacheStats {
    std::size_t allocatedBlocks = 0;   // blocks obtained from the system
    std::size_t reused = 0;            // requests served from the cache
    std::size_t cachedBytes = 0;       // free bytes held right now
};

// Installs the allocator as libtorch's CPU allocator, once per process (later calls do nothing). Safe to call from
// any thread before or after tensors exist: tensors allocated earlier keep their own deleter.
// GITVQA_CPU_BLOCK_CACHE=0 in the environment leaves libtorch's own allocator (for comparisons).
void installCpuBlockCache();
bool cpuBlockCacheInstalled();
CpuBlockCacheStats cpuBlockCacheStats();
// Gives every cached block back to the system (e.g. after the benchmark's floor measurements).
void trimCpuBlockCache();

} // namespace gitvqa
