// gitvqa-check MODEL_DIR GOLDEN.safetensors [--device D] [--dtype T] [--threads N] [--tolerance X]
// Runs the engine on the golden's inputs and prints a JSON verdict; exit 0 only when every stage is within
// tolerance and every id sequence is equal. Qt-free so it runs on the GPU machine too.

#include "engine/parity_check.h"
#include "tool_failure.h"
#include "engine/openmp_wait.h"

#include <cstdio>
#include <cstring>
#include <string>

namespace {

void usage(FILE* to)
{
    std::fprintf(to, "usage: gitvqa-check MODEL_DIR GOLDEN.safetensors [--device auto|cpu|cuda|mps] "
                     "[--dtype auto|float32|float16|bfloat16] [--threads N] [--weights float32|int8|bf16] [--tolerance REL] [--max-new-tokens N]\n");
}

} // namespace

int main(int argc, char** argv)
{
    gitvqa::preferPassiveOpenMpWaiting(argv);   // before any thread: libgomp reads it when loaded
    std::string positional[2];
    int npos = 0;
    gitvqa::EngineOptions engineOptions;
    engineOptions.dtype = "float32";
    gitvqa::ParityOptions parity;
    bool toleranceGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                usage(stderr);
                std::exit(2);
            }
            return argv[++i];
        };
        try {
            if (a == "--help" || a == "-h") {
                usage(stdout);
                return 0;
            } else if (a == "--device") {
                engineOptions.device = value();
            } else if (a == "--dtype") {
                engineOptions.dtype = value();
            } else if (a == "--weights") {
                engineOptions.weights = value();
            } else if (a == "--threads") {
                engineOptions.threads = std::stoi(value());
            } else if (a == "--tolerance") {
                parity.tolerance = std::stod(value());
                toleranceGiven = true;
            } else if (a == "--max-new-tokens") {
                parity.maxNewTokens = std::stoi(value());
            } else if (!a.empty() && a[0] == '-') {
                std::fprintf(stderr, "gitvqa-check: unknown option %s\n", a.c_str());
                usage(stderr);
                return 2;
            } else if (npos < 2) {
                positional[npos++] = a;
            } else {
                usage(stderr);
                return 2;
            }
        } catch (const std::exception&) {
            std::fprintf(stderr, "gitvqa-check: bad value for %s\n", a.c_str());
            return 2;
        }
    }
    if (npos != 2) {
        usage(stderr);
        return 2;
    }
    try {
        auto engine = gitvqa::GitEngine::load(positional[0], engineOptions);
        gitvqa::tools::printWarning("gitvqa-check", engine->info().warning);
        if (!toleranceGiven) // half precision: the drift its rounding allows; the README's 1e-4 is a float32 target
            parity.tolerance = gitvqa::precisionTolerance(engine->dtype());
        const auto report = gitvqa::checkParity(*engine, positional[1], parity);
        std::printf("%s\n", report.toJson(engine->info()).c_str());
        return report.pass() ? 0 : 1;
    } catch (const std::exception& e) {
        return gitvqa::tools::reportFailure("gitvqa-check", e, {{"pass", false}, {"device", engineOptions.device},
                                                                {"dtype", engineOptions.dtype}, {"golden", positional[1]}});
    }
}
