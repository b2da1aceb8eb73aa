#pragma once
// Reads a Hugging Face `pytorch_model.bin` (the torch.save zip format, torch >= 1.6) without running any pickle
// code: `data.pkl` goes through the restricted unpickler in pickle_reader.h, which accepts only the globals a state
// dict uses (collections.OrderedDict, torch._utils._rebuild_tensor[_v2], _rebuild_parameter, torch.*Storage).
//
// Every tensor is validated against its storage record (the record exists, its byte size matches the storage's
// element count, offset + size/stride stay inside it) and copied into a contiguous tensor that owns its memory.
// Supported storage types: Float, Double, Half, BFloat16, Long, Int, Short, Char, Byte, Bool.
// The pre-1.6 legacy (tar / raw pickle) format is refused with a message telling how to convert it.
//
// All failures are gitvqa::EngineError with a message naming the file and the problem.

#include <string>

#include "engine/tensor_map.h"

namespace gitvqa {

// Loads the state dict stored at `path`, keyed by the state-dict key names. Tensors are on the CPU.
TensorMap loadPytorchBin(const std::string& path);

} // namespace gitvqa
