using TorchSharp.PyBridge;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Models;

/// <summary>
/// Loads a backbone from a torchvision-style weights file (PyTorch pickle from torch.save, or safetensors) into a
/// model: every name and shape outside the classification head must match; the head is taken only where it fits,
/// since ImageNet checkpoints carry one for 1000 classes.
/// </summary>
public static class WeightsImport
{
    const int MismatchesShown = 8;
    const string StepCounter = ".num_batches_tracked";

    /// <summary>Copies the file's weights into the model in place (on whatever device it is); throws a DermLensException listing every mismatch.</summary>
    public static ImportedWeights LoadBackbone(Module model, ArchitectureInfo arch, string file)
    {
        using var scope = NewDisposeScope();
        var saved = Read(file);
        if (model is DenseNet) saved = saved.ToDictionary(p => DenseNet.CurrentKey(p.Key), p => p.Value);

        var target = model.state_dict();
        bool IsHead(string name) => name.StartsWith(arch.HeadName + ".", StringComparison.Ordinal);
        var problems = new List<string>();
        string? headMismatch = null;
        foreach (var (name, tensor) in target)
        {
            if (!saved.TryGetValue(name, out var found))
            {
                if (IsHead(name)) headMismatch ??= $"the file has no '{name}'";
                // Checkpoints from before PyTorch 0.4.1 have no BatchNorm step counters; they stay at zero.
                else if (!name.EndsWith(StepCounter, StringComparison.Ordinal)) problems.Add($"'{name}' missing");
            }
            else if (!found.shape.SequenceEqual(tensor.shape))
            {
                var shapes = $"'{name}' has shape {Shape(found)}, model expects {Shape(tensor)}";
                if (IsHead(name)) headMismatch ??= shapes;
                else problems.Add(shapes);
            }
        }
        problems.AddRange(saved.Keys.Where(name => !target.ContainsKey(name)).Select(name => $"'{name}' unexpected"));
        if (problems.Count > 0)
        {
            var more = problems.Count > MismatchesShown ? $" (and {problems.Count - MismatchesShown} more)" : "";
            throw new DermLensException($"Weights '{file}' do not fit {arch.Name}: {string.Join("; ", problems.Take(MismatchesShown))}{more}.");
        }

        var loaded = 0;
        using (no_grad())
        {
            foreach (var (name, tensor) in target)
            {
                if (!saved.TryGetValue(name, out var found) || (IsHead(name) && headMismatch != null)) continue;
                tensor.copy_(found);
                loaded++;
            }
        }
        return new ImportedWeights(file, loaded, headMismatch);
    }

    /// <summary>Reads a state dict from a PyTorch pickle (zip, or the legacy format before 1.6) or a safetensors file, telling them apart by content; tensors belong to the caller's dispose scope.</summary>
    public static Dictionary<string, Tensor> Read(string file)
    {
        if (!File.Exists(file)) throw new DermLensException($"Weights file '{file}' does not exist.");
        var head = new byte[9];
        int length;
        using (var stream = File.OpenRead(file)) length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);

        if (length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
            return Checkpoint.ReadStateDict(file);
        if (length >= 1 && head[0] == 0x80)
        {
            try
            {
                return LegacyCheckpoint.ReadStateDict(file);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or InvalidCastException or KeyNotFoundException or OverflowException)
            {
                throw new DermLensException($"Weights '{file}' cannot be read as a state dict in PyTorch's legacy format (torch.save before 1.6): " +
                    $"{e.Message}; load it in PyTorch and save it again with torch.save.", e);
            }
        }
        // safetensors: an 8-byte little-endian header length, then the JSON header.
        if (length == head.Length && head[8] == '{')
        {
            try
            {
                return Safetensors.LoadStateDict(file);
            }
            catch (Exception e) when (e is not DermLensException)
            {
                throw new DermLensException($"Weights '{file}' cannot be read as safetensors: {e.Message}", e);
            }
        }
        throw new DermLensException($"Weights '{file}' are neither a PyTorch checkpoint (torch.save) nor a safetensors file.");
    }

    static string Shape(Tensor tensor) => "[" + string.Join(", ", tensor.shape) + "]";
}
