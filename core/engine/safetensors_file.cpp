#include "safetensors_file.h"

#include "engine_error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gitvqa {

namespace {

// A header larger than this is not a checkpoint header; refusing it keeps a hostile length from exhausting memory.
constexpr std::uint64_t kMaxHeaderBytes = 100ull * 1024 * 1024;

struct DtypeName {
    const char* name;
    torch::ScalarType type;
};

const DtypeName kDtypes[] = {
    {"F64", torch::kDouble}, {"F32", torch::kFloat},  {"F16", torch::kHalf},  {"BF16", torch::kBFloat16},
    {"I64", torch::kLong},   {"I32", torch::kInt},    {"I16", torch::kShort}, {"I8", torch::kChar},
    {"U8", torch::kByte},    {"BOOL", torch::kBool},
};

[[noreturn]] void fail(const std::string& path, const std::string& what)
{
    throw EngineError("Invalid safetensors file " + path + ": " + what);
}

bool mulOverflows(std::uint64_t a, std::uint64_t b, std::uint64_t* out)
{
    if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a)
        return true;
    *out = a * b;
    return false;
}

} // namespace

bool safetensorsDtypeFromName(const std::string& name, torch::ScalarType* out)
{
    for (const DtypeName& d : kDtypes) {
        if (name == d.name) {
            *out = d.type;
            return true;
        }
    }
    return false;
}

std::string safetensorsDtypeName(torch::ScalarType type)
{
    for (const DtypeName& d : kDtypes) {
        if (d.type == type)
            return d.name;
    }
    throw EngineError(std::string("safetensors cannot store dtype ") + c10::toString(type));
}

std::shared_ptr<SafetensorsFile> SafetensorsFile::open(const std::string& path)
{
    std::shared_ptr<SafetensorsFile> file(new SafetensorsFile());
    file->m_self = file;
    file->m_path = path;

    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw EngineError("Cannot open " + path + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw EngineError("Cannot read " + path + ": not a regular file");
    }
    const std::uint64_t fileSize = static_cast<std::uint64_t>(st.st_size);
    if (fileSize < 8) {
        ::close(fd);
        fail(path, "the file is " + std::to_string(fileSize) + " bytes, shorter than the 8-byte header length");
    }
    void* map = ::mmap(nullptr, fileSize, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED)
        throw EngineError("Cannot memory-map " + path + ": " + std::strerror(errno));
    file->m_map = map;
    file->m_mapSize = fileSize;

    const auto* bytes = static_cast<const std::uint8_t*>(map);
    std::uint64_t headerLength = 0;
    for (int i = 7; i >= 0; --i)
        headerLength = (headerLength << 8) | bytes[i];
    if (headerLength > fileSize - 8)
        fail(path, "the header claims " + std::to_string(headerLength) + " bytes but only "
                       + std::to_string(fileSize - 8) + " follow (truncated or not a safetensors file)");
    if (headerLength > kMaxHeaderBytes)
        fail(path, "the header claims " + std::to_string(headerLength) + " bytes, more than any checkpoint needs");
    file->m_data = bytes + 8 + headerLength;
    file->m_dataSize = fileSize - 8 - headerLength;
    file->parseHeader(reinterpret_cast<const char*>(bytes + 8), headerLength);
    return file;
}

SafetensorsFile::~SafetensorsFile()
{
    if (m_map)
        ::munmap(m_map, m_mapSize);
}

void SafetensorsFile::parseHeader(const char* json, std::size_t length)
{
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(json, json + length);
    } catch (const nlohmann::json::exception& e) {
        fail(m_path, std::string("the header is not valid JSON (") + e.what() + ")");
    }
    if (!header.is_object())
        fail(m_path, "the header is not a JSON object");

    for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.key() == "__metadata__")
            continue;
        const nlohmann::json& v = it.value();
        const std::string& name = it.key();
        if (!v.is_object() || !v.contains("dtype") || !v.contains("shape") || !v.contains("data_offsets"))
            fail(m_path, "tensor '" + name + "' lacks dtype, shape or data_offsets");
        SafetensorsEntry e;
        e.name = name;
        if (!v["dtype"].is_string() || !safetensorsDtypeFromName(v["dtype"].get<std::string>(), &e.dtype))
            fail(m_path, "tensor '" + name + "' has unsupported dtype " + v["dtype"].dump());
        const nlohmann::json& shape = v["shape"];
        if (!shape.is_array() || shape.size() > 8)
            fail(m_path, "tensor '" + name + "' has a malformed shape " + shape.dump());
        std::uint64_t numel = 1;
        for (const auto& d : shape) {
            if (!d.is_number_unsigned())
                fail(m_path, "tensor '" + name + "' has a malformed shape " + shape.dump());
            const std::uint64_t dim = d.get<std::uint64_t>();
            if (dim > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) || mulOverflows(numel, dim, &numel))
                fail(m_path, "tensor '" + name + "' has a shape too large to exist " + shape.dump());
            e.shape.push_back(static_cast<std::int64_t>(dim));
        }
        const nlohmann::json& off = v["data_offsets"];
        if (!off.is_array() || off.size() != 2 || !off[0].is_number_unsigned() || !off[1].is_number_unsigned())
            fail(m_path, "tensor '" + name + "' has malformed data_offsets " + off.dump());
        e.begin = off[0].get<std::uint64_t>();
        e.end = off[1].get<std::uint64_t>();
        if (e.begin > e.end || e.end > m_dataSize)
            fail(m_path, "tensor '" + name + "' has data_offsets " + off.dump() + " outside the "
                             + std::to_string(m_dataSize) + "-byte data section (truncated file?)");
        std::uint64_t expected = 0;
        if (mulOverflows(numel, c10::elementSize(e.dtype), &expected) || expected != e.end - e.begin)
            fail(m_path, "tensor '" + name + "' occupies " + std::to_string(e.end - e.begin) + " bytes but "
                             + v["dtype"].get<std::string>() + " " + shape.dump() + " needs "
                             + std::to_string(numel * c10::elementSize(e.dtype)));
        m_entries.push_back(std::move(e));
    }

    std::vector<const SafetensorsEntry*> byOffset;
    for (const auto& e : m_entries)
        byOffset.push_back(&e);
    std::sort(byOffset.begin(), byOffset.end(),
              [](const SafetensorsEntry* a, const SafetensorsEntry* b) { return a->begin < b->begin; });
    for (std::size_t i = 1; i < byOffset.size(); ++i) {
        if (byOffset[i]->begin < byOffset[i - 1]->end)
            fail(m_path, "tensors '" + byOffset[i - 1]->name + "' and '" + byOffset[i]->name + "' overlap");
    }
}

const SafetensorsEntry* SafetensorsFile::find(const std::string& name) const
{
    for (const auto& e : m_entries) {
        if (e.name == name)
            return &e;
    }
    return nullptr;
}

torch::Tensor SafetensorsFile::tensor(const SafetensorsEntry& entry) const
{
    void* ptr = const_cast<std::uint8_t*>(m_data + entry.begin);
    const auto options = torch::TensorOptions().dtype(entry.dtype);
    if (reinterpret_cast<std::uintptr_t>(ptr) % c10::elementSize(entry.dtype) != 0)
        return torch::from_blob(ptr, entry.shape, options).clone();
    std::shared_ptr<SafetensorsFile> keepAlive = m_self.lock();
    return torch::from_blob(ptr, entry.shape, [keepAlive](void*) mutable { keepAlive.reset(); }, options);
}

TensorMap SafetensorsFile::readAll() const
{
    TensorMap out;
    for (const auto& e : m_entries)
        out[e.name] = tensor(e);
    return out;
}

void writeSafetensors(const std::string& path, const TensorMap& tensors)
{
    nlohmann::json header = nlohmann::json::object();
    std::uint64_t offset = 0;
    std::vector<torch::Tensor> contiguous;
    for (const auto& [name, t] : tensors) {
        torch::Tensor c = t.detach().to(torch::kCPU).contiguous();
        const std::uint64_t bytes = static_cast<std::uint64_t>(c.numel()) * c.element_size();
        header[name] = {{"dtype", safetensorsDtypeName(c.scalar_type())},
                        {"shape", c.sizes().vec()},
                        {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        contiguous.push_back(c);
    }
    std::string text = header.dump();
    while ((text.size() + 8) % 8 != 0)
        text.push_back(' ');
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        throw EngineError("Cannot write " + path);
    std::uint64_t n = text.size();
    char len[8];
    for (int i = 0; i < 8; ++i)
        len[i] = static_cast<char>((n >> (8 * i)) & 0xff);
    out.write(len, 8);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    for (const auto& c : contiguous)
        out.write(static_cast<const char*>(c.data_ptr()), static_cast<std::streamsize>(c.numel() * c.element_size()));
    if (!out)
        throw EngineError("Cannot write " + path);
}

} // namespace gitvqa
