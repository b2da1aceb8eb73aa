#include "engine/pytorch_bin_reader.h"

#include "engine/engine_error.h"
#include "engine/pickle_reader.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/torch.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <new>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

namespace gitvqa {
namespace {

using pickle::Value;
using pickle::ValueId;
using Kind = pickle::Value::Kind;

constexpr std::size_t kMaxPickleBytes = std::size_t{256} << 20;
constexpr std::size_t kMaxDims = 64;
constexpr std::size_t kMaxStorageKeyLength = 64;
// Tensors may share storages (tied weights), but the copies they become may not exceed this multiple of the
// checkpoint's storage bytes (plus a small allowance): a hostile pickle cannot make one storage balloon.
constexpr std::uint64_t kMaxMaterializedFactor = 4;
constexpr std::uint64_t kMaterializedAllowance = std::uint64_t{64} << 20;

struct StorageType {
    const char* global;
    c10::ScalarType dtype;
};

constexpr StorageType kStorageTypes[] = {
    {"torch.FloatStorage", c10::ScalarType::Float},   {"torch.DoubleStorage", c10::ScalarType::Double},
    {"torch.HalfStorage", c10::ScalarType::Half},     {"torch.BFloat16Storage", c10::ScalarType::BFloat16},
    {"torch.LongStorage", c10::ScalarType::Long},     {"torch.IntStorage", c10::ScalarType::Int},
    {"torch.ShortStorage", c10::ScalarType::Short},   {"torch.CharStorage", c10::ScalarType::Char},
    {"torch.ByteStorage", c10::ScalarType::Byte},     {"torch.BoolStorage", c10::ScalarType::Bool},
};

constexpr const char* kOrderedDict = "collections.OrderedDict";
constexpr const char* kRebuildTensorV2 = "torch._utils._rebuild_tensor_v2";
constexpr const char* kRebuildTensor = "torch._utils._rebuild_tensor";
constexpr const char* kRebuildParameter = "torch._utils._rebuild_parameter";

const pickle::Options& pickleOptions()
{
    static const pickle::Options options = [] {
        pickle::Options o;
        o.allowedGlobals = {kOrderedDict, kRebuildTensorV2, kRebuildTensor, kRebuildParameter};
        for (const StorageType& s : kStorageTypes)
            o.allowedGlobals.insert(s.global);
        o.dictFactories = {kOrderedDict};
        return o;
    }();
    return options;
}

// One tensor of the state dict, as described by the pickle and not yet read.
struct TensorSpec {
    std::string key;
    std::string storageKey;
    c10::ScalarType dtype = c10::ScalarType::Float;
    std::int64_t storageNumel = 0;
    std::int64_t offset = 0;
    std::vector<std::int64_t> sizes;
    std::vector<std::int64_t> strides;
    std::int64_t numel = 0;
};

class BinReader {
public:
    explicit BinReader(std::string path) : path_(std::move(path)) {}

    TensorMap load()
    {
        sniff();
        guarded("cannot open it as a PyTorch zip checkpoint (truncated or corrupt file?)",
                [&] { reader_ = std::make_unique<caffe2::serialize::PyTorchStreamReader>(path_); });
        checkByteOrder();

        const pickle::Document doc = readPickle();
        const std::vector<TensorSpec> specs = interpret(doc);
        return materialize(specs);
    }

private:
    [[noreturn]] void fail(const std::string& what) const { throw EngineError(path_ + ": " + what); }
    [[noreturn]] void failTensor(const std::string& key, const std::string& what) const
    {
        fail("tensor '" + shown(key) + "': " + what);
    }

    // Runs `fn`, turning libtorch's and the allocator's exceptions into an EngineError that says what was being done.
    template <typename Fn>
    auto guarded(const std::string& doing, Fn&& fn) -> decltype(fn())
    {
        try {
            return fn();
        } catch (const EngineError&) {
            throw;
        } catch (const c10::Error& e) {
            std::string msg = e.what_without_backtrace();
            const std::size_t nl = msg.find('\n');
            if (nl != std::string::npos)
                msg.resize(nl);
            fail(doing + ": " + msg);
        } catch (const std::bad_alloc&) {
            fail(doing + ": out of memory");
        } catch (const std::exception& e) {
            fail(doing + ": " + e.what());
        }
    }

    // Gives clear messages for the files PyTorchStreamReader would reject cryptically.
    void sniff() const
    {
        std::error_code ec;
        if (std::filesystem::is_directory(path_, ec))
            fail("is a directory, not a pytorch_model.bin file");
        std::ifstream in(path_, std::ios::binary);
        if (!in)
            fail("cannot open the file for reading");
        char head[512] = {};
        in.read(head, sizeof head);
        const std::streamsize got = in.gcount();
        if (got == 0)
            fail("the file is empty (not a PyTorch checkpoint)");
        if (got >= 4 && std::memcmp(head, "PK\x03\x04", 4) == 0)
            return;
        const bool legacyPickle = static_cast<unsigned char>(head[0]) == 0x80;
        const bool legacyTar = got >= 262 && std::memcmp(head + 257, "ustar", 5) == 0;
        if (legacyPickle || legacyTar)
            fail("this is the legacy (pre-1.6) torch.save format, which is not supported; re-save it with "
                 "torch>=1.6 or convert it to safetensors");
        fail("not a PyTorch zip checkpoint (no zip signature at the start of the file)");
    }

    bool hasRecord(const std::string& name)
    {
        return guarded("cannot look up record '" + name + "'", [&] { return reader_->hasRecord(name); });
    }

    void checkByteOrder()
    {
        if (!hasRecord("byteorder"))
            return; // written since torch 2.1; older checkpoints are little-endian
        const auto [ptr, size] =
            guarded("cannot read the 'byteorder' record", [&] { return reader_->getRecord("byteorder"); });
        const std::string order(static_cast<const char*>(ptr.get()), std::min<std::size_t>(size, 16));
        if (order != "little")
            fail("byte order '" + shown(order) + "' is not supported (only little-endian checkpoints)");
    }

    pickle::Document readPickle()
    {
        if (!hasRecord("data.pkl"))
            fail("no 'data.pkl' record: not a torch.save checkpoint (a TorchScript archive?)");
        auto [ptr, size] = guarded("cannot read the 'data.pkl' record", [&] { return reader_->getRecord("data.pkl"); });
        if (size > kMaxPickleBytes)
            fail("'data.pkl' is " + std::to_string(size) + " bytes, more than a state dict needs");
        return pickle::parse(static_cast<const std::uint8_t*>(ptr.get()), size, pickleOptions(),
                             path_ + " (data.pkl)");
    }

    // Keys and names come from the file: keep them short and free of control characters in messages.
    static std::string shown(const std::string& s)
    {
        constexpr std::size_t kMax = 160;
        std::string out;
        for (std::size_t i = 0; i < s.size() && i < kMax; ++i) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c < 0x20 || c == 0x7f) {
                char hex[8];
                std::snprintf(hex, sizeof hex, "\\x%02x", c);
                out += hex;
            } else {
                out += static_cast<char>(c);
            }
        }
        return s.size() > kMax ? out + "..." : out;
    }

    // --- pickle value tree -> tensor specs -------------------------------------------------------------------------
    const Value& expectKind(const pickle::Document& doc, ValueId id, Kind kind, const std::string& key,
                            const char* what) const
    {
        const Value& v = doc.at(id);
        if (v.kind != kind)
            failTensor(key, std::string(what) + " should be a " + pickle::kindName(kind) + ", found a " +
                                pickle::kindName(v.kind));
        return v;
    }

    std::vector<std::int64_t> intTuple(const pickle::Document& doc, ValueId id, const std::string& key,
                                       const char* what) const
    {
        const Value& t = expectKind(doc, id, Kind::Tuple, key, what);
        if (t.items.size() > kMaxDims)
            failTensor(key, std::string(what) + " has more than " + std::to_string(kMaxDims) + " dimensions");
        std::vector<std::int64_t> out;
        for (ValueId item : t.items) {
            const Value& v = expectKind(doc, item, Kind::Int, key, what);
            if (v.integer < 0)
                failTensor(key, std::string(what) + " has a negative entry " + std::to_string(v.integer));
            out.push_back(v.integer);
        }
        return out;
    }

    void readStorage(const pickle::Document& doc, ValueId id, TensorSpec& spec) const
    {
        const Value& pidNode = expectKind(doc, id, Kind::PersistentId, spec.key, "the storage");
        const Value& pid = expectKind(doc, pidNode.items.at(0), Kind::Tuple, spec.key, "the persistent id");
        if (pid.items.size() != 5)
            failTensor(spec.key, "the persistent id should have 5 fields, found " + std::to_string(pid.items.size()));
        const Value& tag = expectKind(doc, pid.items[0], Kind::String, spec.key, "the persistent id tag");
        if (tag.text != "storage")
            failTensor(spec.key, "unknown persistent id tag '" + shown(tag.text) + "'");
        const Value& type = expectKind(doc, pid.items[1], Kind::Global, spec.key, "the storage type");
        bool known = false;
        for (const StorageType& s : kStorageTypes) {
            if (type.text == s.global) {
                spec.dtype = s.dtype;
                known = true;
            }
        }
        if (!known)
            failTensor(spec.key, "unsupported storage type '" + type.text + "'");
        spec.storageKey = expectKind(doc, pid.items[2], Kind::String, spec.key, "the storage key").text;
        expectKind(doc, pid.items[3], Kind::String, spec.key, "the storage location"); // e.g. "cpu", "cuda:0"
        spec.storageNumel = expectKind(doc, pid.items[4], Kind::Int, spec.key, "the storage size").integer;
        if (spec.storageNumel < 0)
            failTensor(spec.key, "negative storage size");

        const std::string& k = spec.storageKey;
        bool safe = !k.empty() && k.size() <= kMaxStorageKeyLength;
        for (char c : k)
            safe = safe && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_');
        if (!safe)
            failTensor(spec.key, "invalid storage key '" + shown(k) + "'");
    }

    TensorSpec readTensor(const pickle::Document& doc, ValueId id, const std::string& key, bool allowParameter) const
    {
        TensorSpec spec;
        spec.key = key;
        const Value& call = doc.at(id);
        if (call.kind != Kind::Call)
            failTensor(key, std::string("the value is a ") + pickle::kindName(call.kind) + ", not a tensor");
        const Value& args = doc.at(call.items.at(0));
        if (call.text == kRebuildParameter && allowParameter) {
            if (args.items.size() != 3)
                failTensor(key, "_rebuild_parameter takes 3 arguments, found " + std::to_string(args.items.size()));
            return readTensor(doc, args.items[0], key, false);
        }
        if (call.text == kRebuildTensorV2) {
            if (args.items.size() != 6 && args.items.size() != 7)
                failTensor(key, "_rebuild_tensor_v2 takes 6 or 7 arguments, found " + std::to_string(args.items.size()));
        } else if (call.text == kRebuildTensor) {
            if (args.items.size() != 4)
                failTensor(key, "_rebuild_tensor takes 4 arguments, found " + std::to_string(args.items.size()));
        } else {
            failTensor(key, "the value is built by '" + call.text + "', not a tensor rebuild");
        }
        readStorage(doc, args.items[0], spec);
        spec.offset = expectKind(doc, args.items[1], Kind::Int, key, "the storage offset").integer;
        if (spec.offset < 0)
            failTensor(key, "negative storage offset " + std::to_string(spec.offset));
        spec.sizes = intTuple(doc, args.items[2], key, "the size");
        spec.strides = intTuple(doc, args.items[3], key, "the stride");
        if (spec.sizes.size() != spec.strides.size())
            failTensor(key, "size and stride have different lengths");
        if (args.items.size() >= 5)
            expectKind(doc, args.items[4], Kind::Bool, key, "requires_grad");

        // Element count and extent, overflow-checked: offset + sum((size-1)*stride) must index inside the storage.
        std::int64_t numel = 1;
        std::int64_t last = spec.offset;
        bool overflow = false;
        for (std::size_t d = 0; d < spec.sizes.size(); ++d) {
            overflow |= __builtin_mul_overflow(numel, spec.sizes[d], &numel);
            if (spec.sizes[d] > 0) {
                std::int64_t span = 0;
                overflow |= __builtin_mul_overflow(spec.sizes[d] - 1, spec.strides[d], &span);
                overflow |= __builtin_add_overflow(last, span, &last);
            }
        }
        if (overflow)
            failTensor(key, "size/stride overflow 64-bit arithmetic");
        spec.numel = numel;
        if (numel > 0 && last >= spec.storageNumel)
            failTensor(key, "offset " + std::to_string(spec.offset) + " with size " + shapeText(spec.sizes) +
                                " and stride " + shapeText(spec.strides) + " reaches element " +
                                std::to_string(last) + ", beyond its storage '" + spec.storageKey + "' of " +
                                std::to_string(spec.storageNumel) + " elements");
        if (numel > spec.storageNumel)
            failTensor(key, "has " + std::to_string(numel) + " elements but its storage only " +
                                std::to_string(spec.storageNumel) + " (overlapping/expanded views are not supported)");
        return spec;
    }

    static std::string shapeText(const std::vector<std::int64_t>& v)
    {
        std::string s = "(";
        for (std::size_t i = 0; i < v.size(); ++i)
            s += (i ? ", " : "") + std::to_string(v[i]);
        return s + ")";
    }

    std::vector<TensorSpec> interpret(const pickle::Document& doc) const
    {
        const Value& root = doc.at(doc.root());
        if (root.kind != Kind::Dict)
            fail(std::string("data.pkl holds a ") + pickle::kindName(root.kind) + ", not a state dict");
        std::vector<TensorSpec> specs;
        std::set<std::string> seen;
        for (std::size_t i = 0; i + 1 < root.items.size(); i += 2) {
            const Value& key = doc.at(root.items[i]);
            if (key.kind != Kind::String)
                fail(std::string("state dict key #") + std::to_string(i / 2) + " is a " + pickle::kindName(key.kind) +
                     ", not a string");
            if (!seen.insert(key.text).second)
                fail("state dict key '" + shown(key.text) + "' appears twice");
            const Value& value = doc.at(root.items[i + 1]);
            if (value.kind == Kind::Dict)
                failTensor(key.text, "holds a nested dict; only a flat state dict is supported (is this a training "
                                     "checkpoint? save model.state_dict() instead)");
            specs.push_back(readTensor(doc, root.items[i + 1], key.text, true));
        }
        return specs;
    }

    // --- storage records -> owned tensors --------------------------------------------------------------------------
    struct Record {
        at::DataPtr data;
        std::size_t bytes = 0;
        bool loaded = false;
        int usesLeft = 0;
    };

    TensorMap materialize(const std::vector<TensorSpec>& specs)
    {
        std::map<std::string, Record> records;
        for (const TensorSpec& spec : specs) {
            Record& r = records[spec.storageKey];
            if (r.usesLeft == 0 && !hasRecord("data/" + spec.storageKey))
                failTensor(spec.key, "its storage record 'data/" + spec.storageKey + "' is missing from the archive");
            ++r.usesLeft;
        }

        std::uint64_t storageBytes = 0;
        std::uint64_t materializedBytes = 0;
        TensorMap out;
        for (const TensorSpec& spec : specs) {
            Record& r = records[spec.storageKey];
            const std::string recordName = "data/" + spec.storageKey;
            if (!r.loaded) {
                guarded("cannot read record '" + recordName + "' (truncated or corrupt file?)", [&] {
                    std::tie(r.data, r.bytes) = reader_->getRecord(recordName);
                });
                r.loaded = true;
                storageBytes += r.bytes;
            }
            const std::size_t elemSize = c10::elementSize(spec.dtype);
            std::uint64_t expected = 0;
            if (__builtin_mul_overflow(static_cast<std::uint64_t>(spec.storageNumel), elemSize, &expected) ||
                expected != r.bytes)
                failTensor(spec.key, "its storage '" + spec.storageKey + "' should hold " +
                                         std::to_string(spec.storageNumel) + " elements of " +
                                         std::to_string(elemSize) + " bytes, but record '" + recordName + "' has " +
                                         std::to_string(r.bytes) + " bytes");
            materializedBytes += static_cast<std::uint64_t>(spec.numel) * elemSize; // <= r.bytes, no overflow
            if (materializedBytes > storageBytes * kMaxMaterializedFactor + kMaterializedAllowance)
                failTensor(spec.key, "the tensors reuse their storages so often that copying them would need " +
                                         std::to_string(materializedBytes) + " bytes");

            out.emplace(spec.key, guarded("cannot copy tensor '" + spec.key + "'", [&] { return copyOut(spec, r); }));
            if (--r.usesLeft == 0)
                r.data.clear(); // release the record buffer as soon as its last tensor is copied
        }
        return out;
    }

    static torch::Tensor copyOut(const TensorSpec& spec, const Record& r)
    {
        // Bool bytes are read as uint8 and normalised, so a hostile byte other than 0/1 never becomes a bool.
        const c10::ScalarType readType = spec.dtype == c10::ScalarType::Bool ? c10::ScalarType::Byte : spec.dtype;
        const auto options = torch::TensorOptions().dtype(readType).device(torch::kCPU);
        torch::Tensor t;
        if (spec.numel == 0) {
            t = torch::empty(spec.sizes, options);
        } else {
            auto* base = static_cast<std::uint8_t*>(r.data.get()) +
                         static_cast<std::size_t>(spec.offset) * c10::elementSize(spec.dtype);
            t = torch::from_blob(base, spec.sizes, spec.strides, options).clone(at::MemoryFormat::Contiguous);
        }
        if (spec.dtype == c10::ScalarType::Bool)
            t = t.ne(0);
        return t;
    }

    std::string path_;
    std::unique_ptr<caffe2::serialize::PyTorchStreamReader> reader_;
};

} // namespace

TensorMap loadPytorchBin(const std::string& path)
{
    return BinReader(path).load();
}

} // namespace gitvqa
