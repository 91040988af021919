using DermLens.Models;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Runs;

/// <summary>
/// A run's best model ready for inference: its architecture and weights, on the chosen device, in the run's memory
/// format and the chosen precision (auto: what this machine computes fastest), in eval mode.
/// </summary>
public sealed class RunModel : IDisposable
{
    RunModel(RunConfig config, nn.Module<Tensor, Tensor> network, Device device, Precision precision, string precisionReason)
    {
        Config = config;
        Network = network;
        Device = device;
        Precision = precision;
        PrecisionReason = precisionReason;
    }

    /// <summary>The run's configuration.</summary>
    public RunConfig Config { get; }

    /// <summary>The network, in eval mode on <see cref="Device"/>.</summary>
    public nn.Module<Tensor, Tensor> Network { get; }

    public Device Device { get; }

    /// <summary>What the network computes in.</summary>
    public Precision Precision { get; }

    /// <summary>Why that precision (asked for, or what auto found), for the log.</summary>
    public string PrecisionReason { get; }

    /// <summary>Loads model.pt of the run; config (null: the run's config.json) may carry overrides the caller applied.</summary>
    public static RunModel Load(RunFolder run, string device = "cpu", string precision = "auto", RunConfig? config = null)
    {
        config ??= run.LoadConfig();
        var onDevice = Devices.Parse(device);
        var (chosen, reason) = PrecisionChoice.Resolve(precision, onDevice);
        var network = Checkpoint.Load(run.Model, config.Arch, config.Classes.Count);
        try
        {
            network.to(onDevice).eval();
            if (config.Train.ChannelsLast) ChannelsLast.Apply(network);
            MixedPrecision.Apply(network, chosen);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        return new RunModel(config, network, onDevice, chosen, reason);
    }

    /// <summary>Class scores for a batch of normalised images: softmax, or sigmoid for a BCE run; fp32 on the model's device.</summary>
    public Tensor Probabilities(Tensor images) => ClassificationLoss.Activation(Config.Train.Loss, Network.call(images.to(Device)));

    public void Dispose() => Network.Dispose();
}
