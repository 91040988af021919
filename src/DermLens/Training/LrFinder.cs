using DermLens.Data;
using DermLens.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Training;

/// <summary>
/// The learning-rate range test (L. Smith 2017, fastai's lr_find): train for a few mini-batches while the learning
/// rate rises exponentially, record the smoothed loss, stop when it diverges. The model's parameters and buffers
/// (BatchNorm statistics included) are put back afterwards, so the test leaves no trace on the model.
/// </summary>
public static class LrFinder
{
    /// <summary>The last points of a diverged sweep are already blowing up; fastai leaves 5 out of its suggestions.</summary>
    const int SkipEnd = 5;

    /// <summary>
    /// Sweeps the learning rate over mini-batches of <paramref name="loader"/> (its epochs repeat as needed) with
    /// <see cref="MomentumSgd"/> on every parameter that requires a gradient. Afterwards the model holds its
    /// original values, is in its original train/eval mode, has zeroed gradients, its parameters require gradients as
    /// before, and lives on <paramref name="device"/>.
    /// <paramref name="freeze"/>, called once the model is in train mode, freezes what the first stage of training
    /// leaves alone (e.g. <see cref="LayerGroups.ApplyTrainable"/>), so the sweep tests the rate that stage trains with.
    /// </summary>
    public static LrFinderResult Run(nn.Module<Tensor, Tensor> model, BatchLoader loader, Func<Tensor, Tensor, Tensor> lossFunction,
        Device device, LrFinderOptions options, IProgress<(int Step, int Steps, double Lr, double Loss)>? progress = null,
        CancellationToken ct = default, Action? freeze = null)
    {
        options.Validate();
        model.to(device);
        bool wasTraining = model.training;
        var saved = Snapshot(model);
        var trainable = model.parameters().Select(p => p.requires_grad).ToArray();
        try
        {
            model.train();
            freeze?.Invoke();
            return Sweep(model, loader, lossFunction, device, options, progress, ct);
        }
        finally
        {
            Restore(model, saved);
            model.train(wasTraining);
            foreach (var (p, wasTrainable) in model.parameters().Zip(trainable)) p.requires_grad = wasTrainable;
        }
    }

    /// <summary>
    /// The sweep a training run with <paramref name="training"/> starts with (`train --lr auto`, `lr-find`): in that run's
    /// memory format, training only what its first stage trains, so the suggestion fits the stage it is for.
    /// </summary>
    public static LrFinderResult RunForTraining(nn.Module<Tensor, Tensor> model, LayerGroups groups, TrainOptions training,
        BatchLoader loader, Func<Tensor, Tensor, Tensor> lossFunction, Device device, LrFinderOptions options,
        IProgress<(int Step, int Steps, double Lr, double Loss)>? progress = null, CancellationToken ct = default)
    {
        var firstStage = Recipes.FirstStageTrainable(training, groups.Count);
        if (training.ChannelsLast) ChannelsLast.Apply(model);
        MixedPrecision.Apply(model, PrecisionChoice.ResolveFor(model, training.Precision, device));
        return Run(model, loader, lossFunction, device, options, progress, ct, () => groups.ApplyTrainable(firstStage, training.TrainBatchNorm));
    }

    static LrFinderResult Sweep(nn.Module<Tensor, Tensor> model, BatchLoader loader, Func<Tensor, Tensor, Tensor> lossFunction,
        Device device, LrFinderOptions o, IProgress<(int, int, double, double)>? progress, CancellationToken ct)
    {
        using var optimizer = new MomentumSgd(model.parameters(), o.StartLr, o.Momentum, o.WeightDecay);
        var (lrs, losses, smoothed) = (new List<double>(), new List<double>(), new List<double>());
        double average = 0, best = double.PositiveInfinity;
        LrFinderStop? stop = null;
        for (int epoch = 0; stop is null; epoch++)
        {
            if (ct.IsCancellationRequested) { stop = LrFinderStop.Interrupted; break; }
            // Leaving an epoch early must also stop the loader's producer, which would otherwise wait on a full channel.
            using var epochCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
            int batches = 0;
            try
            {
                foreach (var batch in loader.Epoch(epoch, epochCancel.Token))
                {
                    batches++;
                    int step = lrs.Count;
                    // Exponential from StartLr at the first step to EndLr at the last.
                    double lr = o.StartLr * Math.Pow(o.EndLr / o.StartLr, (double)step / (o.Iterations - 1));
                    double loss = TrainStep(model, optimizer, lossFunction, batch, device, lr);
                    if (!double.IsFinite(loss)) { stop = LrFinderStop.Diverged; break; }

                    average = o.Smoothing * average + (1 - o.Smoothing) * loss;
                    double smooth = average / (1 - Math.Pow(o.Smoothing, step + 1));
                    lrs.Add(lr);
                    losses.Add(loss);
                    smoothed.Add(smooth);
                    progress?.Report((step + 1, o.Iterations, lr, smooth));
                    best = Math.Min(best, smooth);

                    if (smooth > o.DivergeFactor * best) stop = LrFinderStop.Diverged;
                    else if (lrs.Count >= o.Iterations) stop = LrFinderStop.Completed;
                    else if (ct.IsCancellationRequested) stop = LrFinderStop.Interrupted;
                    if (stop is not null) break;
                }
            }
            finally { epochCancel.Cancel(); }
            if (batches == 0 && stop is null)
                throw new DermLensException("The LR range test got no training batch: the training set is empty or no image could be read.");
        }
        return new LrFinderResult(lrs, losses, smoothed, stop.Value, skipStart: o.Iterations / 10, skipEnd: SkipEnd);
    }

    static double TrainStep(nn.Module<Tensor, Tensor> model, MomentumSgd optimizer, Func<Tensor, Tensor, Tensor> lossFunction,
        Batch batch, Device device, double lr)
    {
        using var scope = NewDisposeScope();
        Array.Fill(optimizer.LearningRates, lr);
        var loss = lossFunction(model.forward(batch.ImagesTensor(device)), batch.LabelsTensor(device));
        double value = loss.item<float>();
        if (!double.IsFinite(value)) return value;
        optimizer.ZeroGrad();
        loss.backward();
        optimizer.Step();
        return value;
    }

    /// <summary>Copies of every parameter and buffer (no_grad: without autograd history), kept out of any dispose scope the caller has open.</summary>
    static Dictionary<string, Tensor> Snapshot(nn.Module model)
    {
        using var noGrad = no_grad();
        return model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone().DetachFromDisposeScope());
    }

    static void Restore(nn.Module model, Dictionary<string, Tensor> saved)
    {
        using (no_grad())
            foreach (var (name, tensor) in model.state_dict()) tensor.copy_(saved[name]);
        foreach (var copy in saved.Values) copy.Dispose();
        foreach (var parameter in model.parameters())
        {
            // Gradients of the sweep's last step would otherwise linger and leak into a caller that accumulates.
            using var grad = parameter.grad;
            grad?.zero_();
        }
    }
}
