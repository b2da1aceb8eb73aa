#include "checkpoint_files.h"

#include "engine_error.h"
#include "pytorch_bin_reader.h"
#include "safetensors_file.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sys/stat.h>

namespace gitvqa {

namespace {

bool isFile(const std::string& path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool endsWith(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The shard names of an index file, refusing names that would leave the model folder.
std::set<std::string> shardNames(const std::string& indexPath)
{
    std::ifstream in(indexPath, std::ios::binary);
    if (!in)
        throw EngineError("Cannot read " + indexPath);
    nlohmann::json index;
    try {
        index = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw EngineError(indexPath + " is not valid JSON (" + e.what() + ")");
    }
    if (!index.is_object() || !index.contains("weight_map") || !index["weight_map"].is_object())
        throw EngineError(indexPath + " has no \"weight_map\" object");
    std::set<std::string> shards;
    for (const auto& [key, file] : index["weight_map"].items()) {
        if (!file.is_string())
            throw EngineError(indexPath + ": weight_map entry for '" + key + "' is not a file name");
        const std::string name = file.get<std::string>();
        if (name.empty() || name.find('/') != std::string::npos || name.find('\\') != std::string::npos
            || name == "." || name == "..")
            throw EngineError(indexPath + ": shard name '" + name + "' is not a plain file name in the model folder");
        shards.insert(name);
    }
    if (shards.empty())
        throw EngineError(indexPath + " lists no weight files");
    return shards;
}

void mergeInto(TensorMap& all, TensorMap part, const std::string& file)
{
    for (auto& [key, t] : part) {
        if (all.count(key))
            throw EngineError("Tensor '" + key + "' appears in more than one weight file (again in " + file + ")");
        all.emplace(key, std::move(t));
    }
}

} // namespace

void normaliseGitKeys(TensorMap& tensors)
{
    const std::string misspelt = "git.img_temperal_embedding.";
    const std::string correct = "git.img_temporal_embedding.";
    TensorMap out;
    for (auto& [key, t] : tensors) {
        if (endsWith(key, "position_ids"))
            continue;
        std::string name = key;
        if (name.rfind(misspelt, 0) == 0)
            name = correct + name.substr(misspelt.size());
        if (out.count(name))
            throw EngineError("The checkpoint holds both spellings of '" + name + "'");
        out.emplace(std::move(name), std::move(t));
    }
    tensors = std::move(out);
}

CheckpointWeights loadCheckpointWeights(const std::string& modelDir, const CancelCheckFn& cancelled)
{
    const std::string dir = endsWith(modelDir, "/") ? modelDir : modelDir + "/";
    CheckpointWeights w;

    if (isFile(dir + "model.safetensors")) {
        w.tensors = SafetensorsFile::open(dir + "model.safetensors")->readAll();
        w.format = "safetensors";
        w.files = dir + "model.safetensors";
    } else if (isFile(dir + "model.safetensors.index.json")) {
        const auto shards = shardNames(dir + "model.safetensors.index.json");
        for (const auto& shard : shards) {
            throwIfCancelled(cancelled);
            if (!isFile(dir + shard))
                throw EngineError("Shard " + dir + shard + " listed in model.safetensors.index.json is missing");
            mergeInto(w.tensors, SafetensorsFile::open(dir + shard)->readAll(), shard);
        }
        w.format = "safetensors (" + std::to_string(shards.size()) + " shards)";
        w.files = dir + "model.safetensors.index.json";
    } else if (isFile(dir + "pytorch_model.bin")) {
        w.tensors = loadPytorchBin(dir + "pytorch_model.bin");
        w.format = "pytorch_model.bin";
        w.files = dir + "pytorch_model.bin";
    } else if (isFile(dir + "pytorch_model.bin.index.json")) {
        const auto shards = shardNames(dir + "pytorch_model.bin.index.json");
        for (const auto& shard : shards) {
            throwIfCancelled(cancelled);
            if (!isFile(dir + shard))
                throw EngineError("Shard " + dir + shard + " listed in pytorch_model.bin.index.json is missing");
            mergeInto(w.tensors, loadPytorchBin(dir + shard), shard);
        }
        w.format = "pytorch_model.bin (" + std::to_string(shards.size()) + " shards)";
        w.files = dir + "pytorch_model.bin.index.json";
    } else {
        throw EngineError("No weights in " + modelDir
                          + ": expected model.safetensors, model.safetensors.index.json or pytorch_model.bin");
    }
    normaliseGitKeys(w.tensors);
    return w;
}

} // namespace gitvqa
