#pragma once
// Where the parity data lives, and the rule for when it is missing: the test says so loudly and ctest reports it
// as skipped (exit code 77), never as passed.

#include <QByteArray>
#include <QDir>
#include <QFileInfo>
#include <QString>
#include <QTest>

#include <cstdio>
#include <cstdlib>

namespace gitvqa::testing {

inline constexpr int kSkipExitCode = 77;

// GITVQA_REFERENCE_DIR overrides the default ../shared/reference beside the source tree.
inline QString referenceDir()
{
    const QByteArray env = qgetenv("GITVQA_REFERENCE_DIR");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    return QDir(QStringLiteral(GITVQA_SOURCE_DIR "/../shared/reference")).absolutePath();
}

inline QString referencePath(const QString& relative)
{
    return QDir(referenceDir()).filePath(relative);
}

// Call first thing in main() of a suite that cannot run without the reference data.
inline void requireReferenceOrSkip(const char* suite)
{
    if (QFileInfo(referencePath(QStringLiteral("README.md"))).exists())
        return;
    std::fprintf(stderr,
                 "\n*** %s SKIPPED: reference data not found at %s ***\n"
                 "*** Set GITVQA_REFERENCE_DIR or place ../shared/reference beside the source tree. ***\n\n",
                 suite, qPrintable(referenceDir()));
    std::exit(kSkipExitCode);
}

} // namespace gitvqa::testing

// QTEST_MAIN for suites that need ../shared/reference.
#define GITVQA_REFERENCE_TEST_MAIN(TestClass)                                                                        \
    int main(int argc, char** argv)                                                                                  \
    {                                                                                                                \
        gitvqa::testing::requireReferenceOrSkip(#TestClass);                                                         \
        QCoreApplication app(argc, argv);                                                                            \
        TestClass tc;                                                                                                \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                   \
        return QTest::qExec(&tc, argc, argv);                                                                        \
    }
