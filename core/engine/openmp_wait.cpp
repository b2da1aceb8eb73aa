#include "openmp_wait.h"

#include <cstdlib>

#if defined(__linux__)
#include <unistd.h>
#endif

namespace gitvqa {

void preferPassiveOpenMpWaiting(char** argv)
{
#if defined(__linux__)
    if (std::getenv("OMP_WAIT_POLICY"))
        return;   // the user's choice, or already re-executed
    if (::setenv("OMP_WAIT_POLICY", "PASSIVE", 1) != 0)
        return;
    ::execv("/proc/self/exe", argv);
    // execv only returns on failure (no /proc, say): carry on with spinning threads rather than not at all.
#else
    (void)argv;
#endif
}

} // namespace gitvqa
