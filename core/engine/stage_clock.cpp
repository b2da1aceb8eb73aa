#include "stage_clock.h"

namespace gitvqa {

namespace {
thread_local StageClock* t_clock = nullptr;
}

void setStageClock(StageClock* clock) { t_clock = clock; }
StageClock* activeStageClock() { return t_clock; }

} // namespace gitvqa
