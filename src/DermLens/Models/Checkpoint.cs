using TorchSharp.PyBridge;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Models;

/// <summary>Saves and restores model weights as PyTorch state-dict pickles (readable by torch.load), checking names and shapes on the way in.</summary>
public static class Checkpoint
{
    const int MismatchesShown = 5;

    /// <summary>Writes the model's parameters and buffers to path atomically, in the format torch.save(model.state_dict()) writes.</summary>
    public static void Save(Module model, string path)
    {
        // The pickle writes raw storage bytes, so tensors in another memory order (channels-last) go as contiguous copies.
        using var scope = NewDisposeScope();
        var stateDict = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().contiguous());
        AtomicFile.Write(path, stream => PyTorchPickler.PickleStateDict(stream, stateDict, leaveOpen: true));
    }

    /// <summary>Builds a fresh network of the named architecture and fills it with the weights in path.</summary>
    public static Module<Tensor, Tensor> Load(string path, string architecture, int numClasses)
    {
        var model = ModelRegistry.Create(architecture, numClasses);
        try
        {
            LoadInto(model, path);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Replaces the model's parameters and buffers with those in path; the file must hold exactly the model's names and shapes.</summary>
    public static void LoadInto(Module model, string path)
    {
        using var scope = NewDisposeScope();
        var saved = ReadStateDict(path);
        var problems = Mismatches(model.state_dict(), saved);
        if (problems.Count > 0)
        {
            var shown = string.Join("; ", problems.Take(MismatchesShown));
            var more = problems.Count > MismatchesShown ? $" (and {problems.Count - MismatchesShown} more)" : "";
            throw new DermLensException($"Checkpoint '{path}' does not fit the model: {shown}{more}.");
        }
        using var noGrad = no_grad();
        model.load_state_dict(saved, strict: true);
    }

    /// <summary>Reads a state dict saved by torch.save or by <see cref="Save"/>; the tensors belong to the caller's dispose scope.</summary>
    public static Dictionary<string, Tensor> ReadStateDict(string path)
    {
        if (!File.Exists(path))
            throw new DermLensException($"Checkpoint '{path}' does not exist.");
        try
        {
            using var stream = File.OpenRead(path);
            var table = PyTorchUnpickler.UnpickleStateDict(stream);
            var stateDict = new Dictionary<string, Tensor>();
            foreach (var key in table.Keys)
            {
                if (key is not string name || table[key] is not Tensor tensor)
                    throw new InvalidDataException("it is not a state dict of named tensors");
                stateDict[name] = tensor;
            }
            return stateDict;
        }
        catch (Exception e) when (e is not DermLensException)
        {
            throw new DermLensException($"Checkpoint '{path}' cannot be read as a PyTorch state dict: {e.Message}", e);
        }
    }

    static List<string> Mismatches(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> saved)
    {
        var problems = new List<string>();
        foreach (var (name, tensor) in expected)
        {
            if (!saved.TryGetValue(name, out var found))
                problems.Add($"'{name}' missing");
            else if (!tensor.shape.SequenceEqual(found.shape))
                problems.Add($"'{name}' has shape [{string.Join(", ", found.shape)}], model expects [{string.Join(", ", tensor.shape)}]");
        }
        problems.AddRange(saved.Keys.Where(name => !expected.ContainsKey(name)).Select(name => $"'{name}' unexpected"));
        return problems;
    }
}
