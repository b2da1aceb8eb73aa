#include "engine/pickle_reader.h"

#include "engine/engine_error.h"

#include <cstdio>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <utility>

namespace gitvqa::pickle {

const char* kindName(Value::Kind kind)
{
    switch (kind) {
    case Value::Kind::None: return "None";
    case Value::Kind::Bool: return "bool";
    case Value::Kind::Int: return "int";
    case Value::Kind::Float: return "float";
    case Value::Kind::String: return "str";
    case Value::Kind::Tuple: return "tuple";
    case Value::Kind::List: return "list";
    case Value::Kind::Dict: return "dict";
    case Value::Kind::Global: return "global";
    case Value::Kind::Call: return "call";
    case Value::Kind::PersistentId: return "persistent id";
    }
    return "?";
}

namespace {

// The opcodes this reader accepts (pickle protocols 2 to 5, restricted to what a torch state dict uses).
enum Op : std::uint8_t {
    kMark = '(',
    kStop = '.',
    kBinInt = 'J',
    kBinInt1 = 'K',
    kBinInt2 = 'M',
    kNone = 'N',
    kBinPersId = 'Q',
    kReduce = 'R',
    kBinUnicode = 'X',
    kAppend = 'a',
    kBuild = 'b',
    kGlobal = 'c',
    kAppends = 'e',
    kBinGet = 'h',
    kLongBinGet = 'j',
    kList = 'l',
    kBinPut = 'q',
    kLongBinPut = 'r',
    kSetItem = 's',
    kTuple = 't',
    kSetItems = 'u',
    kBinFloat = 'G',
    kEmptyDict = '}',
    kEmptyList = ']',
    kEmptyTuple = ')',
    kProto = 0x80,
    kTuple1 = 0x85,
    kTuple2 = 0x86,
    kTuple3 = 0x87,
    kNewTrue = 0x88,
    kNewFalse = 0x89,
    kLong1 = 0x8a,
    kShortBinUnicode = 0x8c,
    kBinUnicode8 = 0x8d,
    kStackGlobal = 0x93,
    kMemoize = 0x94,
    kFrame = 0x95,
};

constexpr std::size_t kMaxGlobalNameLength = 256;

} // namespace

class Parser {
public:
    Parser(const std::uint8_t* data, std::size_t size, const Options& options, const std::string& source)
        : data_(data), size_(size), options_(options), source_(source)
    {
    }

    Document run()
    {
        if (data_ == nullptr || size_ == 0)
            fail("the pickle is empty");
        // Shared immutable singletons: None, False, True.
        noneId_ = add(Value{});
        Value f;
        f.kind = Value::Kind::Bool;
        falseId_ = add(f);
        f.boolean = true;
        trueId_ = add(f);

        while (pos_ < size_) {
            opPos_ = pos_;
            const std::uint8_t op = data_[pos_++];
            if (op == kStop) {
                if (stack_.size() <= frameBase())
                    fail("STOP with an empty stack");
                doc_.root_ = stack_.back();
                return std::move(doc_);
            }
            step(op);
        }
        opPos_ = size_;
        fail("the pickle ends without a STOP opcode (truncated data)");
    }

private:
    [[noreturn]] void fail(const std::string& what) const
    {
        throw EngineError(source_ + ": invalid pickle at byte " + std::to_string(opPos_) + ": " + what);
    }

    // --- raw input -------------------------------------------------------------------------------------------------
    const std::uint8_t* take(std::size_t n)
    {
        if (n > size_ - pos_)
            fail("truncated data (needs " + std::to_string(n) + " more bytes, " + std::to_string(size_ - pos_) +
                 " left)");
        const std::uint8_t* p = data_ + pos_;
        pos_ += n;
        return p;
    }
    std::uint64_t readLE(std::size_t n)
    {
        const std::uint8_t* p = take(n);
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < n; ++i)
            v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
        return v;
    }
    std::string readLine()
    {
        const std::size_t start = pos_;
        while (pos_ < size_ && data_[pos_] != '\n') {
            const std::uint8_t c = data_[pos_];
            if (c < 0x20 || c > 0x7e)
                fail("GLOBAL name contains a non-printable byte");
            if (pos_ - start >= kMaxGlobalNameLength)
                fail("GLOBAL name is longer than " + std::to_string(kMaxGlobalNameLength) + " bytes");
            ++pos_;
        }
        if (pos_ >= size_)
            fail("truncated GLOBAL name (no newline)");
        std::string line(reinterpret_cast<const char*>(data_ + start), pos_ - start);
        ++pos_; // the newline
        return line;
    }

    // --- values and stack ------------------------------------------------------------------------------------------
    ValueId add(Value v)
    {
        if (doc_.values_.size() >= options_.maxValues)
            fail("more than " + std::to_string(options_.maxValues) + " values");
        doc_.values_.push_back(std::move(v));
        return static_cast<ValueId>(doc_.values_.size() - 1);
    }
    Value& at(ValueId id) { return doc_.values_[id]; }

    std::size_t frameBase() const { return marks_.empty() ? 0 : marks_.back(); }
    void push(ValueId id)
    {
        if (stack_.size() >= options_.maxStackDepth)
            fail("stack deeper than " + std::to_string(options_.maxStackDepth));
        stack_.push_back(id);
    }
    ValueId pop(const char* opName)
    {
        if (stack_.size() <= frameBase())
            fail(std::string("stack underflow in ") + opName);
        const ValueId id = stack_.back();
        stack_.pop_back();
        return id;
    }
    ValueId top(const char* opName)
    {
        if (stack_.size() <= frameBase())
            fail(std::string("stack underflow in ") + opName);
        return stack_.back();
    }
    std::vector<ValueId> popMark(const char* opName)
    {
        if (marks_.empty())
            fail(std::string(opName) + " without a preceding MARK");
        const std::size_t base = marks_.back();
        marks_.pop_back();
        std::vector<ValueId> items(stack_.begin() + static_cast<std::ptrdiff_t>(base), stack_.end());
        stack_.resize(base);
        return items;
    }
    Value& expect(ValueId id, Value::Kind kind, const char* opName)
    {
        Value& v = at(id);
        if (v.kind != kind)
            fail(std::string(opName) + " expects a " + kindName(kind) + ", found a " + kindName(v.kind));
        return v;
    }

    ValueId makeInt(std::int64_t i)
    {
        Value v;
        v.kind = Value::Kind::Int;
        v.integer = i;
        return add(std::move(v));
    }
    ValueId makeString(std::size_t length)
    {
        const std::uint8_t* p = take(length);
        Value v;
        v.kind = Value::Kind::String;
        v.text.assign(reinterpret_cast<const char*>(p), length);
        return add(std::move(v));
    }
    ValueId makeSeq(Value::Kind kind, std::vector<ValueId> items)
    {
        Value v;
        v.kind = kind;
        v.items = std::move(items);
        return add(std::move(v));
    }
    ValueId makeGlobal(const std::string& module, const std::string& name)
    {
        const std::string full = module + "." + name;
        if (options_.allowedGlobals.count(full) == 0)
            fail("refusing global '" + full +
                 "': only the torch state-dict globals are allowed (a checkpoint must never run code)");
        Value v;
        v.kind = Value::Kind::Global;
        v.text = full;
        return add(std::move(v));
    }

    void memoPut(std::uint64_t index)
    {
        if (index > std::numeric_limits<std::uint32_t>::max())
            fail("memo index out of range");
        const ValueId id = top("PUT");
        auto it = memo_.find(static_cast<std::uint32_t>(index));
        if (it != memo_.end()) {
            it->second = id;
            return;
        }
        if (memo_.size() >= options_.maxMemoEntries)
            fail("more than " + std::to_string(options_.maxMemoEntries) + " memo entries");
        memo_.emplace(static_cast<std::uint32_t>(index), id);
    }
    void memoGet(std::uint64_t index)
    {
        auto it = index <= std::numeric_limits<std::uint32_t>::max() ? memo_.find(static_cast<std::uint32_t>(index))
                                                                       : memo_.end();
        if (it == memo_.end())
            fail("GET of memo entry " + std::to_string(index) + " that was never stored");
        push(it->second);
    }

    void setItems(ValueId dictId, const std::vector<ValueId>& kv, const char* opName)
    {
        if (kv.size() % 2 != 0)
            fail(std::string(opName) + " with an odd number of items");
        Value& dict = expect(dictId, Value::Kind::Dict, opName);
        dict.items.insert(dict.items.end(), kv.begin(), kv.end());
    }
    void appendItems(ValueId listId, const std::vector<ValueId>& items, const char* opName)
    {
        Value& list = expect(listId, Value::Kind::List, opName);
        list.items.insert(list.items.end(), items.begin(), items.end());
    }

    void step(std::uint8_t op)
    {
        switch (op) {
        case kProto: {
            const std::uint64_t version = readLE(1);
            if (version < 2 || version > 5)
                fail("unsupported pickle protocol " + std::to_string(version));
            break;
        }
        case kFrame: {
            // Protocol 4 framing is only a read-ahead hint; the frame must lie inside the data.
            const std::uint64_t length = readLE(8);
            if (length > size_ - pos_)
                fail("FRAME of " + std::to_string(length) + " bytes extends past the end of the data");
            break;
        }
        case kMark:
            if (marks_.size() >= options_.maxMarkDepth)
                fail("MARKs nested deeper than " + std::to_string(options_.maxMarkDepth));
            marks_.push_back(stack_.size());
            break;
        case kNone: push(noneId_); break;
        case kNewTrue: push(trueId_); break;
        case kNewFalse: push(falseId_); break;
        case kBinInt: push(makeInt(static_cast<std::int32_t>(static_cast<std::uint32_t>(readLE(4))))); break;
        case kBinInt1: push(makeInt(static_cast<std::int64_t>(readLE(1)))); break;
        case kBinInt2: push(makeInt(static_cast<std::int64_t>(readLE(2)))); break;
        case kLong1: {
            const std::size_t n = static_cast<std::size_t>(readLE(1));
            if (n > 8)
                fail("LONG1 integer of " + std::to_string(n) + " bytes does not fit 64 bits");
            std::uint64_t raw = n == 0 ? 0 : readLE(n);
            if (n > 0 && n < 8 && (raw >> (8 * n - 1)) & 1u)
                raw |= ~std::uint64_t{0} << (8 * n); // sign-extend
            std::int64_t value = 0;
            std::memcpy(&value, &raw, sizeof value);
            push(makeInt(value));
            break;
        }
        case kBinFloat: {
            const std::uint8_t* p = take(8);
            std::uint64_t bits = 0;
            for (int i = 0; i < 8; ++i)
                bits = (bits << 8) | p[i]; // big-endian
            Value v;
            v.kind = Value::Kind::Float;
            std::memcpy(&v.real, &bits, sizeof bits);
            push(add(std::move(v)));
            break;
        }
        case kShortBinUnicode: push(makeString(static_cast<std::size_t>(readLE(1)))); break;
        case kBinUnicode: push(makeString(static_cast<std::size_t>(readLE(4)))); break;
        case kBinUnicode8: {
            const std::uint64_t length = readLE(8);
            if (length > size_ - pos_)
                fail("string of " + std::to_string(length) + " bytes extends past the end of the data");
            push(makeString(static_cast<std::size_t>(length)));
            break;
        }
        case kEmptyTuple: push(makeSeq(Value::Kind::Tuple, {})); break;
        case kEmptyList: push(makeSeq(Value::Kind::List, {})); break;
        case kEmptyDict: push(makeSeq(Value::Kind::Dict, {})); break;
        case kTuple: push(makeSeq(Value::Kind::Tuple, popMark("TUPLE"))); break;
        case kList: push(makeSeq(Value::Kind::List, popMark("LIST"))); break;
        case kTuple1:
        case kTuple2:
        case kTuple3: {
            const std::size_t n = static_cast<std::size_t>(op - kTuple1) + 1;
            std::vector<ValueId> items(n);
            for (std::size_t i = n; i-- > 0;)
                items[i] = pop("TUPLE1/2/3");
            push(makeSeq(Value::Kind::Tuple, std::move(items)));
            break;
        }
        case kAppend: {
            const ValueId item = pop("APPEND");
            appendItems(top("APPEND"), {item}, "APPEND");
            break;
        }
        case kAppends: {
            const std::vector<ValueId> items = popMark("APPENDS");
            appendItems(top("APPENDS"), items, "APPENDS");
            break;
        }
        case kSetItem: {
            const ValueId value = pop("SETITEM");
            const ValueId key = pop("SETITEM");
            setItems(top("SETITEM"), {key, value}, "SETITEM");
            break;
        }
        case kSetItems: {
            const std::vector<ValueId> kv = popMark("SETITEMS");
            setItems(top("SETITEMS"), kv, "SETITEMS");
            break;
        }
        case kBinPut: memoPut(readLE(1)); break;
        case kLongBinPut: memoPut(readLE(4)); break;
        case kMemoize: memoPut(memo_.size()); break;
        case kBinGet: memoGet(readLE(1)); break;
        case kLongBinGet: memoGet(readLE(4)); break;
        case kGlobal: {
            const std::string module = readLine();
            const std::string name = readLine();
            push(makeGlobal(module, name));
            break;
        }
        case kStackGlobal: {
            const ValueId nameId = pop("STACK_GLOBAL");
            const ValueId moduleId = pop("STACK_GLOBAL");
            const std::string name = expect(nameId, Value::Kind::String, "STACK_GLOBAL").text;
            const std::string module = expect(moduleId, Value::Kind::String, "STACK_GLOBAL").text;
            if (name.size() > kMaxGlobalNameLength || module.size() > kMaxGlobalNameLength)
                fail("STACK_GLOBAL name is too long");
            push(makeGlobal(module, name));
            break;
        }
        case kReduce: {
            const ValueId argsId = pop("REDUCE");
            const ValueId callableId = pop("REDUCE");
            const std::string callable = expect(callableId, Value::Kind::Global, "REDUCE").text;
            const std::size_t argCount = expect(argsId, Value::Kind::Tuple, "REDUCE").items.size();
            if (options_.dictFactories.count(callable) != 0) {
                if (argCount != 0)
                    fail(callable + " called with arguments (only the empty form is supported)");
                Value dict;
                dict.kind = Value::Kind::Dict;
                dict.text = callable;
                push(add(std::move(dict)));
            } else {
                Value call;
                call.kind = Value::Kind::Call;
                call.text = callable;
                call.items = {argsId};
                push(add(std::move(call)));
            }
            break;
        }
        case kBuild: {
            // Only dicts take a state here (torch.save attaches `_metadata` to the OrderedDict); it is dropped.
            const ValueId stateId = pop("BUILD");
            expect(top("BUILD"), Value::Kind::Dict, "BUILD");
            const Value::Kind stateKind = at(stateId).kind;
            if (stateKind != Value::Kind::Dict && stateKind != Value::Kind::None && stateKind != Value::Kind::Tuple)
                fail(std::string("BUILD with a ") + kindName(stateKind) + " state");
            break;
        }
        case kBinPersId: {
            Value pid;
            pid.kind = Value::Kind::PersistentId;
            pid.items = {pop("BINPERSID")};
            push(add(std::move(pid)));
            break;
        }
        default: {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", op);
            std::string shown(hex);
            if (op >= 0x20 && op <= 0x7e)
                shown += std::string(" ('") + static_cast<char>(op) + "')";
            fail("unsupported pickle opcode " + shown);
        }
        }
    }

    const std::uint8_t* data_;
    std::size_t size_;
    const Options& options_;
    const std::string& source_;
    std::size_t pos_ = 0;
    std::size_t opPos_ = 0;

    Document doc_;
    std::vector<ValueId> stack_;
    std::vector<std::size_t> marks_;
    std::unordered_map<std::uint32_t, ValueId> memo_;
    ValueId noneId_ = 0, falseId_ = 0, trueId_ = 0;
};

Document parse(const std::uint8_t* data, std::size_t size, const Options& options, const std::string& source)
{
    return Parser(data, size, options, source).run();
}

} // namespace gitvqa::pickle
