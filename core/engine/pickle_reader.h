#pragma once
// A restricted, non-executing unpickler for the `data.pkl` inside a torch.save zip checkpoint.
//
// It interprets only the opcodes a state dict uses and never imports or calls anything: GLOBAL names are checked
// against an allowlist (anything else, e.g. `os.system` or `builtins.eval`, is refused with an error naming it),
// REDUCE of an allowed "dict factory" (collections.OrderedDict) yields an empty dict, REDUCE of any other allowed
// global yields an inert Call node, and BINPERSID yields an inert PersistentId node. Interpreting those nodes (the
// torch tensor rebuild) is the caller's business; this file knows nothing about torch.
//
// Every resource is bounded (stack, mark nesting, memo, number of values, string lengths against the remaining
// bytes), the interpreter never recurses, and every failure is a gitvqa::EngineError naming the source, the byte
// offset and the problem.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <set>
#include <string>
#include <vector>

namespace gitvqa::pickle {

using ValueId = std::uint32_t;

struct Value {
    enum class Kind { None, Bool, Int, Float, String, Tuple, List, Dict, Global, Call, PersistentId };

    Kind kind = Kind::None;
    bool boolean = false;
    std::int64_t integer = 0;
    double real = 0.0;
    // String: the decoded UTF-8 bytes. Global: "module.name". Call: the callable's "module.name".
    // Dict: the factory's "module.name" (e.g. "collections.OrderedDict"), empty for a plain `{}`.
    std::string text;
    // Tuple/List: the elements. Dict: keys and values interleaved (k0, v0, k1, v1, ...), in insertion order.
    // Call: one element, the argument tuple. PersistentId: one element, the persistent id value.
    std::vector<ValueId> items;
};

const char* kindName(Value::Kind kind);

struct Options {
    // Globals that GLOBAL/STACK_GLOBAL may name, as "module.name". Everything else is refused.
    std::set<std::string> allowedGlobals;
    // The subset of allowedGlobals that REDUCE with an empty argument tuple turns into an empty, mutable Dict.
    std::set<std::string> dictFactories;

    std::size_t maxStackDepth = 1u << 20;
    std::size_t maxMarkDepth = 1024;
    std::size_t maxMemoEntries = 1u << 22;
    // A state dict needs ~15 values per tensor; 4M values is ~250k tensors (and ~350 MB of arena at most).
    std::size_t maxValues = 1u << 22;
};

// The parsed object graph. Values live in an arena and refer to each other by id, so aliasing (memo) and even
// self-referencing containers are harmless; walkers must still bound their own depth.
class Document {
public:
    const Value& at(ValueId id) const { return values_.at(id); }
    ValueId root() const { return root_; }
    std::size_t size() const { return values_.size(); }

private:
    friend class Parser;
    std::deque<Value> values_;
    ValueId root_ = 0;
};

// Interprets `size` bytes of pickle data. `source` names the data in error messages (e.g. "model.bin (data.pkl)").
Document parse(const std::uint8_t* data, std::size_t size, const Options& options, const std::string& source);

} // namespace gitvqa::pickle
