#include "team_barrier.h"

#include <chrono>
#include <thread>

#if defined(__linux__)
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace gitvqa {

namespace {

// Long enough to cover the imbalance between two threads of one phase, short against a phase (see the header).
constexpr auto kSpin = std::chrono::microseconds(30);

void relax()
{
#if defined(__x86_64__)
    _mm_pause();
#endif
}

void sleepWhile(std::atomic<std::uint32_t>& word, std::uint32_t value)
{
#if defined(__linux__)
    static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t), "futex needs a plain 32-bit word");
    // FUTEX_WAIT returns at once if the word no longer holds `value`, so a wake between the check and the call is
    // not lost.
    syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAIT_PRIVATE, value, nullptr, nullptr, 0);
#else
    (void)word;
    (void)value;
    std::this_thread::yield();
#endif
}

void wakeAll(std::atomic<std::uint32_t>& word)
{
#if defined(__linux__)
    syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE_PRIVATE, INT32_MAX, nullptr, nullptr, 0);
#else
    (void)word;
#endif
}

} // namespace

void TeamBarrier::arriveAndWait(int team)
{
    if (team <= 1)
        return;
    const std::uint32_t generation = m_generation.load(std::memory_order_acquire);
    if (m_arrived.fetch_add(1, std::memory_order_acq_rel) == team - 1) {
        // Reset before the release: a thread let through may arrive at the next barrier at once.
        m_arrived.store(0, std::memory_order_relaxed);
        m_generation.fetch_add(1, std::memory_order_seq_cst);
        if (m_sleepers.load(std::memory_order_seq_cst) > 0)
            wakeAll(m_generation);
        return;
    }
    const auto start = std::chrono::steady_clock::now();
    for (unsigned i = 1;; ++i) {
        if (m_generation.load(std::memory_order_acquire) != generation)
            return;
        relax();
        if (i % 64 == 0 && std::chrono::steady_clock::now() - start > kSpin)
            break;
    }
    // seq_cst on both sides: either the releasing thread sees this sleeper, or this thread sees the new generation.
    m_sleepers.fetch_add(1, std::memory_order_seq_cst);
    while (m_generation.load(std::memory_order_seq_cst) == generation)
        sleepWhile(m_generation, generation);
    m_sleepers.fetch_sub(1, std::memory_order_seq_cst);
}

} // namespace gitvqa
