// loadPytorchBin: the reference pytorch_model.bin matches model.safetensors exactly, hand-built checkpoints
// rebuild strided/offset views correctly, and hostile or broken files fail with a specific EngineError.

#include "engine/engine_error.h"
#include "engine/pytorch_bin_reader.h"

#include <caffe2/serialize/inline_container.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "reference_data.h"

namespace {

// --- a tiny pickle assembler ----------------------------------------------------------------------------------------
struct Pickle {
    std::string bytes;

    Pickle& raw(const std::string& s) { bytes += s; return *this; }
    Pickle& op(unsigned char c) { bytes += static_cast<char>(c); return *this; }
    Pickle& le32(std::uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
            bytes += static_cast<char>((v >> (8 * i)) & 0xff);
        return *this;
    }
    Pickle& proto() { return op(0x80).op(2); }
    Pickle& global(const std::string& module, const std::string& name) { return op('c').raw(module + "\n" + name + "\n"); }
    Pickle& str(const std::string& s) { return op('X').le32(static_cast<std::uint32_t>(s.size())).raw(s); }
    Pickle& integer(std::int32_t v) { return op('J').le32(static_cast<std::uint32_t>(v)); }
    Pickle& mark() { return op('('); }
    Pickle& tuple() { return op('t'); }
    Pickle& emptyTuple() { return op(')'); }
    Pickle& reduce() { return op('R'); }
    Pickle& setitem() { return op('s'); }
    Pickle& stop() { return op('.'); }
    Pickle& orderedDict() { return global("collections", "OrderedDict").emptyTuple().reduce(); }
    Pickle& ints(const std::vector<std::int64_t>& v)
    {
        mark();
        for (std::int64_t x : v)
            integer(static_cast<std::int32_t>(x));
        return tuple();
    }
};

struct TensorDesc {
    std::string key;
    std::string storageType; // e.g. "FloatStorage"
    std::string storageKey;
    std::int64_t storageNumel;
    std::int64_t offset;
    std::vector<std::int64_t> sizes;
    std::vector<std::int64_t> strides;
};

// The pickle torch.save writes for an OrderedDict of tensors (protocol 2, _rebuild_tensor_v2).
std::string stateDictPickle(const std::vector<TensorDesc>& tensors)
{
    Pickle p;
    p.proto().orderedDict();
    for (const TensorDesc& t : tensors) {
        p.str(t.key).global("torch._utils", "_rebuild_tensor_v2").mark();
        p.mark().str("storage").global("torch", t.storageType).str(t.storageKey).str("cpu");
        p.integer(static_cast<std::int32_t>(t.storageNumel)).tuple().op('Q');
        p.integer(static_cast<std::int32_t>(t.offset)).ints(t.sizes).ints(t.strides).op(0x89).orderedDict();
        p.tuple().reduce().setitem();
    }
    return p.stop().bytes;
}

std::string floatBytes(const std::vector<float>& v)
{
    return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(float));
}

void writeCheckpoint(const QString& path, const std::string& pickle, const std::map<std::string, std::string>& records)
{
    caffe2::serialize::PyTorchStreamWriter writer(path.toStdString());
    writer.writeRecord("data.pkl", pickle.data(), pickle.size());
    for (const auto& [name, data] : records)
        writer.writeRecord(name, data.data(), data.size());
    writer.writeEndOfFile();
}

// The EngineError message of `fn`, or a marker when it threw something else or nothing.
QString errorOf(const std::function<void()>& fn)
{
    try {
        fn();
    } catch (const gitvqa::EngineError& e) {
        return QString::fromStdString(e.what());
    } catch (const std::exception& e) {
        return QStringLiteral("<not an EngineError: %1>").arg(QString::fromStdString(e.what()));
    }
    return QStringLiteral("<no exception>");
}

// --- a local safetensors reader (F32 only), independent of the engine's ---------------------------------------------
gitvqa::TensorMap readSafetensorsF32(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot open " + path.toStdString());
    const QByteArray all = f.readAll();
    if (all.size() < 8)
        throw std::runtime_error("safetensors too short");
    std::uint64_t headerLen = 0;
    for (int i = 0; i < 8; ++i)
        headerLen |= static_cast<std::uint64_t>(static_cast<unsigned char>(all[i])) << (8 * i);
    if (headerLen > static_cast<std::uint64_t>(all.size()) - 8)
        throw std::runtime_error("safetensors header too long");
    const auto header = nlohmann::json::parse(all.constData() + 8, all.constData() + 8 + headerLen);
    const char* data = all.constData() + 8 + headerLen;
    const std::uint64_t dataLen = static_cast<std::uint64_t>(all.size()) - 8 - headerLen;
    gitvqa::TensorMap out;
    for (const auto& [name, entry] : header.items()) {
        if (name == "__metadata__")
            continue;
        if (entry.at("dtype").get<std::string>() != "F32")
            throw std::runtime_error(name + ": dtype " + entry.at("dtype").get<std::string>() + " not handled");
        const auto shape = entry.at("shape").get<std::vector<std::int64_t>>();
        const auto offsets = entry.at("data_offsets").get<std::vector<std::uint64_t>>();
        std::int64_t numel = 1;
        for (std::int64_t s : shape)
            numel *= s;
        if (offsets.size() != 2 || offsets[1] > dataLen || offsets[1] - offsets[0] != std::uint64_t(numel) * 4)
            throw std::runtime_error(name + ": bad data_offsets");
        torch::Tensor t = torch::empty(shape, torch::kFloat32);
        std::memcpy(t.data_ptr(), data + offsets[0], offsets[1] - offsets[0]);
        out.emplace(name, t);
    }
    return out;
}

} // namespace

class TestPytorchBin : public QObject {
    Q_OBJECT

private:
    QTemporaryDir tmp_;

    QString tmpFile(const QString& name) const { return tmp_.filePath(name); }

    // Writes a checkpoint with one float tensor over a 6-element storage and returns the load error.
    QString loadError(const QString& name, const std::string& pickle,
                      const std::map<std::string, std::string>& records = {{"data/0", floatBytes({0, 1, 2, 3, 4, 5})}})
    {
        const QString path = tmpFile(name);
        writeCheckpoint(path, pickle, records);
        return errorOf([&] { gitvqa::loadPytorchBin(path.toStdString()); });
    }

#define EXPECT_ERROR(message, ...)                                                                                   \
    do {                                                                                                             \
        const QString msg__ = (message);                                                                             \
        for (const char* part : {__VA_ARGS__})                                                                       \
            QVERIFY2(msg__.contains(QLatin1String(part)),                                                            \
                     qPrintable(QStringLiteral("expected '%1' in: %2").arg(QLatin1String(part), msg__)));            \
    } while (false)

private Q_SLOTS:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void referenceMatchesSafetensors()
    {
        const QString binPath = gitvqa::testing::referencePath(QStringLiteral("tiny-git-image/pytorch_model.bin"));
        const QString stPath = gitvqa::testing::referencePath(QStringLiteral("tiny-git-image/model.safetensors"));
        const gitvqa::TensorMap bin = gitvqa::loadPytorchBin(binPath.toStdString());
        const gitvqa::TensorMap st = readSafetensorsF32(stPath);
        QVERIFY(!bin.empty());
        QCOMPARE(bin.size(), st.size());
        for (const auto& [key, expected] : st) {
            const auto it = bin.find(key);
            QVERIFY2(it != bin.end(), key.c_str());
            const torch::Tensor& t = it->second;
            QVERIFY2(t.sizes() == expected.sizes(), key.c_str());
            QVERIFY2(t.scalar_type() == expected.scalar_type(), key.c_str());
            QVERIFY2(t.is_contiguous(), key.c_str());
            QVERIFY2(t.device().is_cpu(), key.c_str());
            QVERIFY2(torch::equal(t, expected), key.c_str());
        }
    }

    void rebuildsStridedViewsAndDtypes()
    {
        const std::string pickle = stateDictPickle({
            {"view", "FloatStorage", "0", 12, 2, {2, 3}, {1, 2}},  // offset 2, column-major
            {"whole", "FloatStorage", "0", 12, 0, {12}, {1}},       // shares storage 0
            {"flags", "BoolStorage", "1", 4, 0, {4}, {1}},
            {"ids", "LongStorage", "2", 3, 1, {2}, {1}},
            {"empty", "FloatStorage", "0", 12, 12, {0, 5}, {5, 1}},
        });
        std::vector<float> storage(12);
        for (int i = 0; i < 12; ++i)
            storage[i] = float(i);
        const std::int64_t longs[3] = {7, -8, 1LL << 40};
        const QString path = tmpFile(QStringLiteral("strided.bin"));
        writeCheckpoint(path, pickle,
                        {{"data/0", floatBytes(storage)},
                         {"data/1", std::string("\x00\x01\x02\x00", 4)},
                         {"data/2", std::string(reinterpret_cast<const char*>(longs), sizeof longs)}});
        const gitvqa::TensorMap m = gitvqa::loadPytorchBin(path.toStdString());
        QCOMPARE(m.size(), std::size_t(5));

        const torch::Tensor view = m.at("view");
        QVERIFY(view.is_contiguous());
        QVERIFY(torch::equal(view, torch::tensor({2.f, 4.f, 6.f, 3.f, 5.f, 7.f}).reshape({2, 3})));
        QVERIFY(torch::equal(m.at("whole"), torch::arange(12, torch::kFloat32)));
        m.at("whole").fill_(-1); // the tensors own separate memory
        QCOMPARE(view[0][0].item<float>(), 2.f);

        QCOMPARE(m.at("flags").scalar_type(), torch::kBool);
        QVERIFY(torch::equal(m.at("flags"), torch::tensor({false, true, true, false})));
        QCOMPARE(m.at("ids").scalar_type(), torch::kInt64);
        QCOMPARE(m.at("ids")[0].item<std::int64_t>(), std::int64_t(-8));
        QCOMPARE(m.at("ids")[1].item<std::int64_t>(), std::int64_t(1) << 40);
        QCOMPARE(m.at("empty").sizes(), torch::IntArrayRef({0, 5}));
    }

    void refusesCodeExecutionGlobals()
    {
        // The classic: os.system('...') via GLOBAL + REDUCE.
        Pickle osSystem;
        osSystem.proto().global("os", "system").mark().str("echo pwned").tuple().reduce().stop();
        EXPECT_ERROR(loadError(QStringLiteral("os_system.bin"), osSystem.bytes), "os.system", "refusing global",
                     "data.pkl", "os_system.bin");

        // STACK_GLOBAL spelling of builtins.eval (protocol 4 style).
        Pickle eval;
        eval.op(0x80).op(4).op(0x8c).op(8).raw("builtins").op(0x8c).op(4).raw("eval").op(0x93);
        eval.mark().str("1+1").tuple().reduce().stop();
        EXPECT_ERROR(loadError(QStringLiteral("eval.bin"), eval.bytes), "builtins.eval", "refusing global");

        // Hidden inside an otherwise valid state dict entry.
        Pickle getattr;
        getattr.proto().orderedDict().str("w").global("__builtin__", "getattr").mark().tuple().reduce().setitem().stop();
        EXPECT_ERROR(loadError(QStringLiteral("getattr.bin"), getattr.bytes), "__builtin__.getattr");

        // An allowed global that is not a tensor rebuild cannot smuggle a value in.
        Pickle storageCall;
        storageCall.proto().orderedDict().str("w").global("torch", "FloatStorage").emptyTuple().reduce().setitem().stop();
        EXPECT_ERROR(loadError(QStringLiteral("storagecall.bin"), storageCall.bytes), "tensor 'w'", "torch.FloatStorage",
                     "not a tensor rebuild");
    }

    void refusesMissingStorageRecord()
    {
        const std::string pickle = stateDictPickle({{"w", "FloatStorage", "7", 6, 0, {6}, {1}}});
        EXPECT_ERROR(loadError(QStringLiteral("missing.bin"), pickle), "tensor 'w'", "data/7", "missing");
        const std::string badKey = stateDictPickle({{"w", "FloatStorage", "../data.pkl", 6, 0, {6}, {1}}});
        EXPECT_ERROR(loadError(QStringLiteral("badkey.bin"), badKey), "tensor 'w'", "invalid storage key '../data.pkl'");
        const std::string twice = stateDictPickle({{"w", "FloatStorage", "0", 6, 0, {6}, {1}},
                                                   {"w", "FloatStorage", "0", 6, 0, {6}, {1}}});
        EXPECT_ERROR(loadError(QStringLiteral("twice.bin"), twice), "state dict key 'w' appears twice");
    }

    void refusesViewsOutsideStorage()
    {
        EXPECT_ERROR(loadError(QStringLiteral("size.bin"), stateDictPickle({{"w", "FloatStorage", "0", 6, 0, {3, 3}, {3, 1}}})),
                     "tensor 'w'", "beyond its storage");
        EXPECT_ERROR(loadError(QStringLiteral("offset.bin"), stateDictPickle({{"w", "FloatStorage", "0", 6, 5, {2}, {1}}})),
                     "tensor 'w'", "beyond its storage");
        EXPECT_ERROR(loadError(QStringLiteral("stride.bin"), stateDictPickle({{"w", "FloatStorage", "0", 6, 0, {2, 2}, {1, 5}}})),
                     "beyond its storage");
        EXPECT_ERROR(loadError(QStringLiteral("overflow.bin"),
                               stateDictPickle({{"w", "FloatStorage", "0", 6, 0, {65536, 65536, 65536, 65536}, {0, 0, 0, 0}}})),
                     "overflow");
        EXPECT_ERROR(loadError(QStringLiteral("expand.bin"), stateDictPickle({{"w", "FloatStorage", "0", 6, 0, {100}, {0}}})),
                     "elements but its storage only 6");
        // The pickle claims 60 elements; the record holds 6.
        EXPECT_ERROR(loadError(QStringLiteral("numel.bin"), stateDictPickle({{"w", "FloatStorage", "0", 60, 0, {60}, {1}}})),
                     "tensor 'w'", "24 bytes");
        EXPECT_ERROR(loadError(QStringLiteral("negative.bin"), stateDictPickle({{"w", "FloatStorage", "0", 6, 0, {-1}, {1}}})),
                     "negative");
        EXPECT_ERROR(loadError(QStringLiteral("dtype.bin"), stateDictPickle({{"w", "QInt8Storage", "0", 6, 0, {6}, {1}}})),
                     "torch.QInt8Storage");
    }

    void refusesBrokenPickles()
    {
        Pickle unknown;
        unknown.proto().op('i').stop(); // INST: not in the allowed set
        EXPECT_ERROR(loadError(QStringLiteral("opcode.bin"), unknown.bytes), "unsupported pickle opcode 0x69", "byte 2");

        Pickle underflow;
        underflow.proto().orderedDict().setitem().stop();
        EXPECT_ERROR(loadError(QStringLiteral("underflow.bin"), underflow.bytes), "stack underflow in SETITEM");

        Pickle noStop;
        noStop.proto().orderedDict();
        EXPECT_ERROR(loadError(QStringLiteral("nostop.bin"), noStop.bytes), "without a STOP");

        const std::string full = stateDictPickle({{"w", "FloatStorage", "0", 6, 0, {6}, {1}}});
        EXPECT_ERROR(loadError(QStringLiteral("cut.bin"), full.substr(0, full.size() / 2)), "data.pkl", "invalid pickle");

        Pickle longString;
        longString.proto().op('X').le32(0x7fffffff).raw("abc").stop();
        EXPECT_ERROR(loadError(QStringLiteral("longstr.bin"), longString.bytes), "truncated data");

        Pickle badGet;
        badGet.proto().op('h').op(9).stop();
        EXPECT_ERROR(loadError(QStringLiteral("memo.bin"), badGet.bytes), "memo entry 9");

        Pickle deepMarks;
        deepMarks.proto();
        for (int i = 0; i < 5000; ++i)
            deepMarks.mark();
        EXPECT_ERROR(loadError(QStringLiteral("marks.bin"), deepMarks.stop().bytes), "MARKs nested deeper");

        Pickle notDict;
        notDict.proto().op('N').stop();
        EXPECT_ERROR(loadError(QStringLiteral("none.bin"), notDict.bytes), "holds a None, not a state dict");
    }

    void refusesBrokenFiles()
    {
        const QString ref = gitvqa::testing::referencePath(QStringLiteral("tiny-git-image/pytorch_model.bin"));
        QFile in(ref);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray all = in.readAll();

        const auto write = [&](const QString& name, const QByteArray& bytes) {
            QFile out(tmpFile(name));
            out.open(QIODevice::WriteOnly);
            out.write(bytes);
            out.close();
            return tmpFile(name).toStdString();
        };
        const std::string half = write(QStringLiteral("half.bin"), all.left(all.size() / 2));
        EXPECT_ERROR(errorOf([&] { gitvqa::loadPytorchBin(half); }), "half.bin", "truncated or corrupt");

        const std::string text = write(QStringLiteral("text.bin"), QByteArray("this is not a checkpoint\n"));
        EXPECT_ERROR(errorOf([&] { gitvqa::loadPytorchBin(text); }), "text.bin", "not a PyTorch zip checkpoint");

        const std::string empty = write(QStringLiteral("empty.bin"), QByteArray());
        EXPECT_ERROR(errorOf([&] { gitvqa::loadPytorchBin(empty); }), "empty.bin", "empty");

        const std::string legacy = write(QStringLiteral("legacy.bin"), QByteArray("\x80\x02\x8a\x0alegacy", 11));
        EXPECT_ERROR(errorOf([&] { gitvqa::loadPytorchBin(legacy); }), "legacy", "torch>=1.6", "safetensors");

        EXPECT_ERROR(errorOf([&] { gitvqa::loadPytorchBin(tmpFile(QStringLiteral("nope.bin")).toStdString()); }),
                     "nope.bin", "cannot open");
    }
};

GITVQA_REFERENCE_TEST_MAIN(TestPytorchBin)
#include "test_pytorch_bin.moc"
