using DermLens.Evaluation;
using DermLens.Models;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Runs;

/// <summary>
/// A run's model ready for inference: its architecture and weights, on the chosen device, in the run's memory
/// format and the chosen precision (auto: what this machine computes fastest), in eval mode; its class scores are
/// averaged over the run's test-time augmentation views and, for a snapshot ensemble, over the snapshots, then prior-corrected
/// where the run says so.
/// </summary>
public sealed class RunModel : IDisposable
{
    readonly IReadOnlyList<nn.Module<Tensor, Tensor>> _members;

    RunModel(RunConfig config, nn.Module<Tensor, Tensor> network, IReadOnlyList<nn.Module<Tensor, Tensor>> members,
        TestTimeAugmentation tta, Device device, Precision precision, string precisionReason)
    {
        Config = config;
        Network = network;
        _members = members;
        Tta = tta;
        Device = device;
        Precision = precision;
        PrecisionReason = precisionReason;
    }

    /// <summary>The run's configuration.</summary>
    public RunConfig Config { get; }

    /// <summary>The best checkpoint's network (model.pt), in eval mode on <see cref="Device"/>: the one explanations look into.</summary>
    public nn.Module<Tensor, Tensor> Network { get; }

    /// <summary>The views each image is scored in (the run's --tta).</summary>
    public TestTimeAugmentation Tta { get; }

    /// <summary>How many networks the scores average: the snapshots of a snapshot ensemble, else 1.</summary>
    public int MemberCount => _members.Count;

    public Device Device { get; }

    /// <summary>What the network computes in.</summary>
    public Precision Precision { get; }

    /// <summary>Why that precision (asked for, or what auto found), for the log.</summary>
    public string PrecisionReason { get; }

    /// <summary>
    /// Loads model.pt of the run, and its last snapshots when it was trained as a snapshot ensemble; config (null: the
    /// run's config.json) may carry overrides the caller applied (e.g. another --tta).
    /// </summary>
    public static RunModel Load(RunFolder run, string device = "cpu", string precision = "auto", RunConfig? config = null)
    {
        config ??= run.LoadConfig();
        var tta = TestTimeAugmentation.Parse(config.Tta);
        tta.CheckFits(config.Train.ImageSize.Height, config.Train.ImageSize.Width);
        var onDevice = Devices.Parse(device);
        var (chosen, reason) = PrecisionChoice.Resolve(precision, onDevice);
        var loaded = new List<nn.Module<Tensor, Tensor>>();
        try
        {
            var files = new List<string> { run.Model };
            if (config.Train.Snapshots > 0) files.AddRange(SnapshotFiles.Members(run, config.Train.Snapshots));
            foreach (var file in files)
            {
                var network = Checkpoint.Load(file, config.Arch, config.Classes.Count);
                loaded.Add(network);
                network.to(onDevice).eval();
                if (config.Train.ChannelsLast) ChannelsLast.Apply(network);
                MixedPrecision.Apply(network, chosen);
            }
        }
        catch
        {
            foreach (var network in loaded) network.Dispose();
            throw;
        }
        IReadOnlyList<nn.Module<Tensor, Tensor>> members = loaded.Count == 1 ? loaded : loaded.Skip(1).ToArray();
        return new RunModel(config, loaded[0], members, tta, onDevice, chosen, reason);
    }

    /// <summary>
    /// Class scores for a batch of normalised images: softmax, or sigmoid for a BCE run, averaged over the TTA views and
    /// the ensemble's members, then the run's prior correction; fp32 on the model's device.
    /// </summary>
    public Tensor Probabilities(Tensor images)
    {
        using var scope = NewDisposeScope();
        var onDevice = images.to(Device);
        Tensor? sum = null;
        foreach (var member in _members)
        {
            var scores = Tta.Average(onDevice, view => ClassificationLoss.Activation(Config.Train.Loss, member.call(view)));
            sum = sum is null ? scores : sum.add_(scores);
        }
        if (_members.Count > 1)
        {
            using var count = ((double)_members.Count).ToScalar();
            sum!.div_(count);
        }
        if (Config.PriorCorrection is { Tau: > 0 } correction) sum = correction.Apply(sum!);
        return sum!.MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        Network.Dispose();
        foreach (var member in _members)
            if (!ReferenceEquals(member, Network)) member.Dispose();
    }
}
