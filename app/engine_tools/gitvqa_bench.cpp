// gitvqa-bench (--random-init | MODEL_DIR) [--device D] [--dtype T] [--threads N] [--runs N] [--warmup N]
//              [--prompt-tokens N] [--new-tokens N]
// Prints progress on stderr and one JSON object on the last line of stdout. Qt-free (runs on the GPU machine).

#include "engine/engine_benchmark.h"
#include "tool_failure.h"
#include "engine/openmp_wait.h"

#include <cstdio>
#include <string>

int main(int argc, char** argv)
{
    gitvqa::preferPassiveOpenMpWaiting(argv);   // before any thread: libgomp reads it when loaded
    gitvqa::BenchmarkOptions o;
    auto usage = [](FILE* to) {
        std::fprintf(to, "usage: gitvqa-bench (--random-init | MODEL_DIR) [--device auto|cpu|cuda|mps] "
                         "[--dtype auto|float32|float16|bfloat16] [--threads N] [--runs N] [--warmup N] "
                         "[--weights float32|int8|bf16] [--prompt-tokens N] [--new-tokens N]\n");
    };
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
            if (a == "--help" || a == "-h") { usage(stdout); return 0; }
            else if (a == "--random-init") o.randomInit = true;
            else if (a == "--device") o.engine.device = value();
            else if (a == "--dtype") o.engine.dtype = value();
            else if (a == "--threads") o.engine.threads = std::stoi(value());
            else if (a == "--weights") o.engine.weights = value();
            else if (a == "--runs") o.runs = std::max(1, std::stoi(value()));
            else if (a == "--warmup") o.warmup = std::max(0, std::stoi(value()));
            else if (a == "--prompt-tokens") o.promptTokens = std::stoi(value());
            else if (a == "--new-tokens") o.newTokens = std::stoi(value());
            else if (!a.empty() && a[0] != '-' && o.modelDir.empty()) o.modelDir = a;
            else { usage(stderr); return 2; }
        } catch (const std::exception&) {
            std::fprintf(stderr, "gitvqa-bench: bad value for %s\n", a.c_str());
            return 2;
        }
    }
    if (o.randomInit == !o.modelDir.empty()) {
        usage(stderr);
        return 2;
    }
    try {
        std::fprintf(stderr, "gitvqa-bench: %s, %d run(s) after %d warm-up\n",
                     o.randomInit ? "random-init git-base-msrvtt-qa shape" : o.modelDir.c_str(), o.runs, o.warmup);
        const auto r = gitvqa::runEngineBenchmark(o);
        gitvqa::tools::printWarning("gitvqa-bench", r.info.warning);
        std::printf("%s\n", r.toJson().c_str());
        return 0;
    } catch (const std::exception& e) {
        return gitvqa::tools::reportFailure("gitvqa-bench", e, {{"device", o.engine.device}, {"dtype", o.engine.dtype}});
    }
}
