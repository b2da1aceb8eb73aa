#pragma once
// A checkpoint's weights by their Hugging Face key names, as loaded from any of the supported formats.

#include <map>
#include <string>

#include <torch/torch.h>

namespace gitvqa {

using TensorMap = std::map<std::string, torch::Tensor>;

} // namespace gitvqa
