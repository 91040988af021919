using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DermLens.Training;

/// <summary>
/// SGD with momentum and L2 weight decay over parameter groups, each with its own learning rate.
/// TorchSharp's own SGD passes implicitly converted Scalars to native code; the GC can finalise
/// them mid-call (seen here as a random "toFloat" failure under allocation pressure), so this
/// keeps every Scalar alive and disposes it explicitly.
/// </summary>
public sealed class MomentumSgd : IDisposable
{
    // TorchSharp's add_(tensor) calls add_(tensor, 1) with a temporary alpha; pass this one instead.
    static readonly Scalar One = 1.ToScalar();
    readonly Parameter[][] _groups;
    readonly Dictionary<Parameter, Tensor> _momentum = new(ReferenceEqualityComparer.Instance);

    public double Momentum { get; }
    public double WeightDecay { get; }

    /// <summary>Learning rate per parameter group, set by the schedule before each step.</summary>
    public double[] LearningRates { get; }

    public MomentumSgd(IEnumerable<IEnumerable<Parameter>> groups, double learningRate, double momentum, double weightDecay)
    {
        _groups = groups.Select(g => g.ToArray()).ToArray();
        LearningRates = Enumerable.Repeat(learningRate, _groups.Length).ToArray();
        Momentum = momentum;
        WeightDecay = weightDecay;
    }

    public MomentumSgd(IEnumerable<Parameter> parameters, double learningRate, double momentum, double weightDecay)
        : this([parameters], learningRate, momentum, weightDecay) { }

    public void ZeroGrad()
    {
        foreach (var p in _groups.SelectMany(g => g))
        {
            using var grad = p.grad;
            grad?.zero_();
        }
    }

    public void Step()
    {
        using var noGrad = no_grad();
        using var momentum = Momentum.ToScalar();
        using var decay = WeightDecay.ToScalar();
        for (int g = 0; g < _groups.Length; g++)
        {
            using var step = (-LearningRates[g]).ToScalar();
            foreach (var p in _groups[g])
            {
                if (!p.requires_grad) continue;
                using var grad = p.grad;
                if (grad is null) continue;
                using var direction = WeightDecay != 0 ? grad.add(p, decay) : grad.alias();
                if (Momentum != 0)
                {
                    if (_momentum.TryGetValue(p, out var buffer)) buffer.mul_(momentum).add_(direction, One);
                    else _momentum[p] = buffer = direction.clone().detach().DetachFromDisposeScope();
                    p.add_(buffer, step);
                }
                else p.add_(direction, step);
            }
        }
    }

    /// <summary>Writes the momentum buffers in parameter order, for resuming a run exactly.</summary>
    public void SaveState(string path)
    {
        var parameters = _groups.SelectMany(g => g).ToArray();
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(parameters.Length);
            foreach (var p in parameters)
            {
                bool has = _momentum.TryGetValue(p, out var buffer);
                writer.Write(has);
                if (!has) continue;
                using var scope = NewDisposeScope();
                buffer!.contiguous().cpu().Save(writer);
            }
        });
    }

    public void LoadState(string path)
    {
        var parameters = _groups.SelectMany(g => g).ToArray();
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadInt32() != parameters.Length)
            throw new DermLensException($"{path}: optimizer state is for a different model.");
        foreach (var p in parameters)
        {
            if (!reader.ReadBoolean()) continue;
            using var saved = zeros(p.shape, p.dtype, CPU);
            saved.Load(reader);
            // A buffer laid out like its parameter (e.g. channels-last), as Step's clone would have made it.
            var buffer = zeros_like(p).DetachFromDisposeScope();
            using (no_grad()) buffer.copy_(saved);
            _momentum[p] = buffer;
        }
    }

    public void Dispose()
    {
        foreach (var buffer in _momentum.Values) buffer.Dispose();
        _momentum.Clear();
    }
}
