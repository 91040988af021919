using System.Numerics;
using static TorchSharp.torch;

namespace DermLens.Models;

/// <summary>
/// Reads a state dict that torch.save wrote in PyTorch's legacy format (before 1.6, or with
/// _use_new_zipfile_serialization=False), as torchvision's oldest published checkpoints (the DenseNets) are: pickles
/// of the magic number, the format version, the writer's system, the state dict with its storages by key, and the
/// storage keys, then each storage's element count and raw bytes.
/// </summary>
static class LegacyCheckpoint
{
    static readonly BigInteger MagicNumber = BigInteger.Parse("1950a86a20f9469cfc6c", System.Globalization.NumberStyles.HexNumber);
    const long FormatVersion = 1001;

    sealed class Storage(ScalarType type, long elementSize)
    {
        public ScalarType Type { get; } = type;
        public long ElementSize { get; } = elementSize;
        public Tensor? Data { get; set; }
    }

    sealed record TensorView(Storage Storage, long Offset, long[] Shape, long[] Strides);

    /// <summary>The state dict in file; tensors belong to the caller's dispose scope. Throws InvalidDataException where the file is not such a checkpoint.</summary>
    public static Dictionary<string, Tensor> ReadStateDict(string file)
    {
        using var stream = File.OpenRead(file);
        using var input = new BinaryReader(stream);
        var storages = new Dictionary<string, Storage>();
        var plain = new PickleMachine(input, _ => throw new InvalidDataException("unexpected persistent id"), Call);
        if (plain.Load() is not BigInteger magic || magic != MagicNumber)
            throw new InvalidDataException("it does not start with PyTorch's magic number");
        if (plain.Load() is not FormatVersion)
            throw new InvalidDataException("its format version is not 1001");
        if (plain.Load() is Dictionary<object, object?> system && system.TryGetValue("little_endian", out var little) && little is false)
            throw new InvalidDataException("it was written on a big-endian machine");

        var root = new PickleMachine(input, id => PersistentStorage(id, storages), Call).Load();
        if (plain.Load() is not List<object?> keys) throw new InvalidDataException("the storage keys are missing");
        foreach (var key in keys.Cast<string>())
        {
            var storage = storages[key];
            var count = input.ReadInt64();
            var bytes = input.ReadBytes(checked((int)(count * storage.ElementSize)));
            if (bytes.Length != count * storage.ElementSize) throw new InvalidDataException($"storage {key} ends early");
            storage.Data = empty(count, storage.Type);
            storage.Data.bytes = bytes;
        }

        if (root is not Dictionary<object, object?> dict) throw new InvalidDataException("it holds no dict");
        var stateDict = new Dictionary<string, Tensor>();
        foreach (var (key, value) in dict)
        {
            if (key is not string name || value is not TensorView view) throw new InvalidDataException("it is not a state dict of named tensors");
            var data = view.Storage.Data ?? throw new InvalidDataException($"the storage of '{name}' is missing");
            stateDict[name] = data.as_strided(view.Shape, view.Strides, view.Offset).clone();
        }
        return stateDict;
    }

    // ('storage', storage type, key, location, element count, view metadata)
    static Storage PersistentStorage(object id, Dictionary<string, Storage> storages)
    {
        if (id is not object?[] { Length: 6 } fields || fields[0] is not "storage" || fields[1] is not PickleGlobal type || fields[2] is not string key)
            throw new InvalidDataException("it refers to something other than a tensor storage");
        if (fields[5] != null) throw new InvalidDataException("it holds views of storages, which DermLens does not read");
        if (!storages.TryGetValue(key, out var storage))
            storages[key] = storage = type.Name switch
            {
                "FloatStorage" => new Storage(ScalarType.Float32, 4),
                "DoubleStorage" => new Storage(ScalarType.Float64, 8),
                "HalfStorage" => new Storage(ScalarType.Float16, 2),
                "BFloat16Storage" => new Storage(ScalarType.BFloat16, 2),
                "LongStorage" => new Storage(ScalarType.Int64, 8),
                "IntStorage" => new Storage(ScalarType.Int32, 4),
                "ShortStorage" => new Storage(ScalarType.Int16, 2),
                "CharStorage" => new Storage(ScalarType.Int8, 1),
                "ByteStorage" => new Storage(ScalarType.Byte, 1),
                "BoolStorage" => new Storage(ScalarType.Bool, 1),
                _ => throw new InvalidDataException($"it holds a {type}"),
            };
        return storage;
    }

    static object Call(PickleGlobal callable, object[] args) => callable.ToString() switch
    {
        // Python 3 pickles an OrderedDict's items after the call; Python 2 passes them as its argument.
        "collections.OrderedDict" => args is [List<object?> items]
            ? items.Cast<List<object?>>().ToDictionary(pair => pair[0]!, pair => pair[1])
            : new Dictionary<object, object?>(),
        // torch._utils._rebuild_tensor(storage, offset, size, stride); the _v2 form adds requires_grad and hooks.
        "torch._utils._rebuild_tensor" or "torch._utils._rebuild_tensor_v2" when args is [Storage storage, long offset, object[] shape, object[] strides, ..] =>
            new TensorView(storage, offset, shape.Cast<long>().ToArray(), strides.Cast<long>().ToArray()),
        _ => throw new InvalidDataException($"it calls {callable}, which a state dict does not"),
    };
}
