#pragma once
// A barrier for the threads of one OpenMP team that spins briefly, then sleeps (issue 14).
//
// The fused decode step (one_row_step.cpp) runs one parallel region per token with four barriers per layer. With
// OMP_WAIT_POLICY=PASSIVE (set so a busy desktop does not make libtorch's threads fight, openmp_wait.h) every
// region start and every libgomp barrier is a futex sleep and wake: 44 µs for an empty region and ~9 µs for a
// barrier on the 2-core VM, where the decode step's phases last 30–300 µs. Spinning for a few tens of
// microseconds first catches the partner almost every time when the machine is idle, and sleeping after that
// leaves the core to the other process when it is not.

#include <atomic>
#include <cstdint>

namespace gitvqa {

class TeamBarrier {
public:
    // Every thread of the team calls this with the same team size; returns once all have.
    void arriveAndWait(int team);

private:
    alignas(64) std::atomic<int> m_arrived{0};
    alignas(64) std::atomic<std::uint32_t> m_generation{0};
    std::atomic<int> m_sleepers{0};
};

} // namespace gitvqa
