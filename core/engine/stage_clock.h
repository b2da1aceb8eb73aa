#pragma once
// Where the time of a question goes, stage by stage, for the benchmark (issue 14: "find where the time goes").
// Off unless a StageClock is active on the calling thread, and then only on the CPU, where a stage's wall time is
// its compute time (on a GPU it would only measure the launch): one thread_local load per scope otherwise.

#include <chrono>
#include <map>
#include <string>

namespace gitvqa {

struct StageClock {
    std::map<std::string, double> totalMs;
    std::map<std::string, long> calls;
};

// The clock that scopes on this thread add to; nullptr (the default) turns them off.
void setStageClock(StageClock* clock);
StageClock* activeStageClock();

class StageScope {
public:
    explicit StageScope(const char* name)
        : m_clock(activeStageClock()), m_name(name),
          m_start(m_clock ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{})
    {
    }
    ~StageScope()
    {
        if (!m_clock)
            return;
        m_clock->totalMs[m_name] +=
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count();
        ++m_clock->calls[m_name];
    }
    StageScope(const StageScope&) = delete;
    StageScope& operator=(const StageScope&) = delete;

private:
    StageClock* m_clock;
    const char* m_name;
    std::chrono::steady_clock::time_point m_start;
};

} // namespace gitvqa
