#pragma once
// Finds and reads the weights of a Hugging Face checkpoint folder in any of the formats the Hub uses:
// model.safetensors, sharded safetensors (model.safetensors.index.json), pytorch_model.bin and its sharded index.

#include "engine_error.h"
#include "tensor_map.h"

#include <string>

namespace gitvqa {

struct CheckpointWeights {
    TensorMap tensors;   // keys normalised: see normaliseGitKeys()
    std::string format;  // "safetensors", "safetensors (N shards)", "pytorch_model.bin", ...
    std::string files;   // the weight files read, for messages
};

// Throws EngineError with the folder and what is missing or broken.
// `cancelled` is polled between weight files (throws EngineCancelled).
CheckpointWeights loadCheckpointWeights(const std::string& modelDir, const CancelCheckFn& cancelled = {});

// Renames the Hub's misspelt `git.img_temperal_embedding.N` to `git.img_temporal_embedding.N` (transformers 5.x's
// spelling) and drops non-persistent buffers older files carry (`*.position_ids`).
void normaliseGitKeys(TensorMap& tensors);

} // namespace gitvqa
