#pragma once
// Runs the built `gitvqa` binary the way a user or a script does, for the suites that check the CLI end to end.
// The binary's path comes from GITVQA_CLI_BINARY, which gitvqa_test_uses_cli(<target>) (cmake/GitvqaTest.cmake)
// defines, together with a build dependency on gitvqa.

#ifndef GITVQA_CLI_BINARY
#error "cli_runner.h needs GITVQA_CLI_BINARY: call gitvqa_test_uses_cli(<target>) in the suite's CMakeLists.txt"
#endif

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace gitvqa::testing {

inline QString gitvqaCliPath() { return QStringLiteral(GITVQA_CLI_BINARY); }

struct CliRun {
    int exitCode = -1;     // -1 unless the process exited normally within the time limit
    QByteArray out;        // stdout
    QByteArray err;        // stderr; when it did not finish normally, followed by a line that says why
    bool finished = false; // exited normally (not killed, not crashed, not failed to start) within the time limit

    QString errText() const { return QString::fromUtf8(err); }
};

// Runs `gitvqa <args>` with `env`, waits up to `timeoutMs` (then kills it) and collects stdout and stderr.
inline CliRun runGitvqaCli(const QStringList& args,
                           const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
                           int timeoutMs = 120000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(gitvqaCliPath(), args);
    CliRun r;
    if (!p.waitForFinished(timeoutMs)) {
        const QString why = p.error() == QProcess::Timedout
                                ? QStringLiteral("did not finish within %1 ms; killed").arg(timeoutMs)
                                : p.errorString();
        p.kill();
        p.waitForFinished();
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError() + "\ngitvqa " + why.toUtf8();
        return r;
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    if (p.exitStatus() != QProcess::NormalExit) {
        r.err += "\ngitvqa did not exit normally: " + p.errorString().toUtf8();
        return r;
    }
    r.exitCode = p.exitCode();
    r.finished = true;
    return r;
}

} // namespace gitvqa::testing
