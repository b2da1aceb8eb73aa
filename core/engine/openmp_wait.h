#pragma once
// OpenMP threads that wait passively, so a busy desktop does not multiply a question's time (issue 14, "under
// load"). libgomp spins for a while at every barrier by default; with one other busy process on the 2-core VM that
// made a cold question 3.8× slower (9.2 s against 2.4 s idle), and OMP_WAIT_POLICY=PASSIVE brought it to 1.95×
// (4.7 s) while costing nothing idle. libgomp reads the variable once, when it is loaded, before main() runs, so
// setting it from main() is too late: the process sets it and replaces itself with a fresh copy (execv of
// /proc/self/exe, same arguments), first thing in main. A policy the user set is left as it is.

namespace gitvqa {

// Call first in main(), before any thread exists. Returns only when no re-exec was needed or it failed (then the
// process simply goes on with libgomp's default).
void preferPassiveOpenMpWaiting(char** argv);

} // namespace gitvqa
