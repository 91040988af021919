using DermLens.Data;
using DermLens.Imaging;
using DermLens.Models;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Tests.Training;

public class LrFinderTests
{
    /// <summary>A small CNN with our BatchNorm2d, so the sweep moves running statistics as well as weights.</summary>
    static nn.Module<Tensor, Tensor> TinyCnn() => nn.Sequential(
        ("conv", nn.Conv2d(3, 8, 3)), ("bn", new BatchNorm2d(8)), ("relu", nn.ReLU()),
        ("pool", nn.AdaptiveAvgPool2d(1)), ("flatten", nn.Flatten()), ("fc", nn.Linear(8, 2)));

    static LrFinderResult Sweep(nn.Module<Tensor, Tensor> model, BatchLoader loader, LrFinderOptions options,
        IProgress<(int Step, int Steps, double Lr, double Loss)>? progress = null, CancellationToken ct = default)
    {
        using var loss = nn.CrossEntropyLoss();
        return LrFinder.Run(model, loader, loss.forward, CPU, options, progress, ct);
    }

    [Fact]
    public void A_sweep_over_a_frozen_body_leaves_every_parameter_trainable_as_before()
    {
        using var dir = new TempDir();
        using var model = TinyCnn();
        using var loss = nn.CrossEntropyLoss();
        var loader = TinyTask.Loaders(dir, perClass: 4).Train;
        bool frozeDuringSweep = false;
        LrFinder.Run(model, loader, loss.forward, CPU, new LrFinderOptions { Iterations = 8 }, freeze: () =>
        {
            foreach (var (name, p) in model.named_parameters()) p.requires_grad = name.StartsWith("fc.");
            frozeDuringSweep = true;
        });
        Assert.True(frozeDuringSweep);
        Assert.All(model.named_parameters(), np => Assert.True(np.parameter.requires_grad, $"{np.name} stayed frozen"));
    }

    [Fact]
    public void Stops_when_the_loss_diverges_and_suggests_rates_inside_the_sweep()
    {
        using var dir = new TempDir();
        using var model = TinyCnn();
        var options = new LrFinderOptions { StartLr = 1e-4, EndLr = 1e4, Iterations = 60 };

        var result = Sweep(model, TinyTask.Loaders(dir, perClass: 6).Train, options);

        Assert.Equal(LrFinderStop.Diverged, result.Stop);
        Assert.True(result.Lrs.Count < options.Iterations, $"ran all {result.Lrs.Count} iterations");
        Assert.True(result.Lrs[^1] < options.EndLr);
        // It stops at the first point above 4x the lowest smoothed loss so far, not earlier, not later.
        var s = result.SmoothedLosses;
        Assert.True(s[^1] > options.DivergeFactor * s.Min(), "stopped before the loss diverged");
        Assert.All(Enumerable.Range(1, s.Count - 2), i => Assert.True(s[i] <= options.DivergeFactor * s.Take(i + 1).Min()));
        foreach (var (name, lr) in new[] { ("valley", result.Valley), ("steepest", result.Steepest), ("minimum/10", result.Minimum) })
            Assert.True(lr >= result.Lrs[0] && lr <= result.Lrs[^1], $"{name} {lr} outside {result.Lrs[0]}..{result.Lrs[^1]}");
        Assert.True(result.Minimum < result.MinimumLossLr);
        Assert.Equal(result.SmoothedLosses.Skip(options.Iterations / 10).SkipLast(5).Min(), result.SmoothedLosses[result.MinimumIndex]);
        // The easy task is learnt on the way: the bottom of the smoothed loss is well below where it started.
        Assert.True(result.SmoothedLosses[result.MinimumIndex] < 0.8 * result.SmoothedLosses[0],
            string.Join(", ", result.SmoothedLosses.Select(l => l.ToString("F3"))));
    }

    [Fact]
    public void Weights_and_batchnorm_buffers_are_restored_exactly()
    {
        using var dir = new TempDir();
        using var model = TinyCnn();
        model.eval();
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        double? meanDuringSweep = null;
        var progress = new Progress(_ => meanDuringSweep = model.state_dict()["bn.running_mean"].abs().sum().item<float>());

        Sweep(model, TinyTask.Loaders(dir, perClass: 6).Train, new LrFinderOptions { StartLr = 1e-3, EndLr = 1, Iterations = 12 }, progress);

        // The sweep did move the statistics (else restoring them would prove nothing) ...
        Assert.True(meanDuringSweep > 0, "running mean never moved");
        Assert.True(before["bn.num_batches_tracked"].item<long>() == 0);
        // ... and every parameter and buffer is back bit for bit, with the model in the mode it was in.
        var after = model.state_dict();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.Contains("bn.running_var", after.Keys);
        foreach (var (name, tensor) in after)
            Assert.True(tensor.eq(before[name]).all().item<bool>(), $"{name} differs after the sweep");
        Assert.False(model.training);
        Assert.All(model.parameters(), p => Assert.True(p.grad is null || p.grad.count_nonzero().item<long>() == 0));
    }

    [Fact]
    public void Cycles_through_the_loader_and_raises_the_rate_exponentially_to_the_end()
    {
        using var dir = new TempDir();
        using var model = TinyCnn();
        var loader = TinyTask.Loaders(dir, perClass: 6).Train;
        Assert.Equal(3, loader.BatchesPerEpoch());
        var options = new LrFinderOptions { StartLr = 1e-6, EndLr = 1e-4, Iterations = 20 };

        var result = Sweep(model, loader, options);

        Assert.Equal(LrFinderStop.Completed, result.Stop);
        Assert.Equal(20, result.Lrs.Count);
        Assert.Equal(1e-6, result.Lrs[0], 15);
        Assert.Equal(1e-4, result.Lrs[^1], 12);
        var ratio = Math.Pow(100, 1.0 / 19);
        Assert.All(Enumerable.Range(1, 19), i => Assert.Equal(ratio, result.Lrs[i] / result.Lrs[i - 1], 9));
    }

    [Fact]
    public void Smoothing_is_an_exponential_moving_average_with_bias_correction()
    {
        using var dir = new TempDir();
        using var model = TinyCnn();
        var result = Sweep(model, TinyTask.Loaders(dir, perClass: 6).Train, new LrFinderOptions { StartLr = 1e-5, EndLr = 1e-3, Iterations = 8, Smoothing = 0.9 });

        double average = 0;
        for (int i = 0; i < result.Losses.Count; i++)
        {
            average = 0.9 * average + 0.1 * result.Losses[i];
            Assert.Equal(average / (1 - Math.Pow(0.9, i + 1)), result.SmoothedLosses[i], 12);
        }
        Assert.Equal(result.Losses[0], result.SmoothedLosses[0], 12);
    }

    [Fact]
    public void Cancelling_stops_the_sweep_and_still_restores_the_model()
    {
        using var dir = new TempDir();
        using var model = TinyCnn();
        var weight = model.state_dict()["conv.weight"].clone();
        using var cancel = new CancellationTokenSource();
        var progress = new Progress(p => { if (p.Step == 6) cancel.Cancel(); });

        var result = Sweep(model, TinyTask.Loaders(dir, perClass: 6).Train, new LrFinderOptions { StartLr = 1e-3, EndLr = 1, Iterations = 50 }, progress, cancel.Token);

        Assert.Equal(LrFinderStop.Interrupted, result.Stop);
        Assert.Equal(6, result.Lrs.Count);
        Assert.True(model.state_dict()["conv.weight"].eq(weight).all().item<bool>());
    }

    [Theory]
    [InlineData(0.0, 10.0, 100)]
    [InlineData(1e-3, 1e-4, 100)]
    [InlineData(1e-7, 10.0, 2)]
    public void Impossible_settings_are_refused(double start, double end, int iterations)
    {
        using var model = TinyCnn();
        using var dir = new TempDir();
        Assert.Throws<DermLensException>(() =>
            Sweep(model, TinyTask.Loaders(dir, perClass: 6).Train, new LrFinderOptions { StartLr = start, EndLr = end, Iterations = iterations }));
    }

    /// <summary>Reports on the caller's thread, so the callback sees the model mid-sweep.</summary>
    sealed class Progress(Action<(int Step, int Steps, double Lr, double Loss)> report) : IProgress<(int Step, int Steps, double Lr, double Loss)>
    {
        public void Report((int Step, int Steps, double Lr, double Loss) value) => report(value);
    }
}
