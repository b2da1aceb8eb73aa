#pragma once
// Reader for the safetensors format (https://huggingface.co/docs/safetensors): an 8-byte little-endian header
// length, a JSON header {name: {dtype, shape, data_offsets}}, then the raw data. The file is memory-mapped and
// every header field is validated before any byte of data is touched, because checkpoints come from the internet.

#include "tensor_map.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gitvqa {

struct SafetensorsEntry {
    std::string name;
    torch::ScalarType dtype = torch::kFloat;
    std::vector<std::int64_t> shape;
    std::uint64_t begin = 0; // offsets relative to the start of the data section
    std::uint64_t end = 0;
};

class SafetensorsFile {
public:
    // Throws EngineError naming the file and the problem (truncated, bad JSON, offsets outside the file,
    // overlapping tensors, size not equal to dtype x shape, unsupported dtype).
    static std::shared_ptr<SafetensorsFile> open(const std::string& path);
    ~SafetensorsFile();
    SafetensorsFile(const SafetensorsFile&) = delete;
    SafetensorsFile& operator=(const SafetensorsFile&) = delete;

    const std::string& path() const { return m_path; }
    const std::vector<SafetensorsEntry>& entries() const { return m_entries; }
    const SafetensorsEntry* find(const std::string& name) const;

    // A CPU tensor viewing the mapped bytes when they are suitably aligned (it keeps the mapping alive),
    // otherwise a copy. Callers that need to write must clone.
    torch::Tensor tensor(const SafetensorsEntry& entry) const;
    TensorMap readAll() const;

private:
    SafetensorsFile() = default;
    void parseHeader(const char* json, std::size_t length);

    std::string m_path;
    void* m_map = nullptr;
    std::size_t m_mapSize = 0;
    const std::uint8_t* m_data = nullptr; // start of the data section
    std::uint64_t m_dataSize = 0;
    std::vector<SafetensorsEntry> m_entries;
    std::weak_ptr<SafetensorsFile> m_self;
};

// dtype names used by safetensors ("F32", "BF16", ...) to torch and back.
bool safetensorsDtypeFromName(const std::string& name, torch::ScalarType* out);
std::string safetensorsDtypeName(torch::ScalarType type);

// Writes tensors in the safetensors format (used by tests to build hostile and renamed checkpoints, and by tools).
void writeSafetensors(const std::string& path, const TensorMap& tensors);

} // namespace gitvqa
