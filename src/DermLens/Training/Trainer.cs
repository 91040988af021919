using System.Diagnostics;
using DermLens.Data;
using DermLens.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Training;

/// <summary>
/// Supervised training with SGD + momentum (<see cref="MomentumSgd"/>), a per-iteration schedule, cross-entropy, early stopping
/// on validation loss, and a checkpoint of the best epoch.
/// </summary>
public sealed class Trainer(nn.Module<Tensor, Tensor> model, TrainOptions options, Device device)
{
    /// <summary>Called with the 1-based epoch whenever validation loss improves; saves the checkpoint.</summary>
    public Action<int> SaveBest { get; init; } = _ => { };

    /// <summary>Where the last good checkpoint lives, named in the message when training diverges.</summary>
    public string CheckpointDescription { get; init; } = "the run folder";

    public ISchedule? Schedule { get; init; }

    /// <summary>Called after each epoch with its record, e.g. to log it.</summary>
    public Action<EpochRecord> EpochEnded { get; init; } = _ => { };

    public TrainResult Fit(BatchLoader train, BatchLoader validation, IProgress<TrainProgress>? progress = null,
        CancellationToken ct = default)
    {
        model.to(device);
        using var optimizer = new MomentumSgd(model.parameters(), options.LearningRate, options.Momentum, options.WeightDecay);
        using var loss = nn.CrossEntropyLoss();
        var schedule = Schedule ?? new CosineSchedule(options.LearningRate, options.LearningRate / 100);
        int stepsPerEpoch = train.BatchesPerEpoch();
        int totalSteps = Math.Max(1, stepsPerEpoch * options.Epochs);

        var history = new List<EpochRecord>();
        var lrs = new List<double>();
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0, globalStep = 0;
        string stopReason = "completed all epochs";

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            if (ct.IsCancellationRequested) { stopReason = "interrupted"; break; }
            var clock = Stopwatch.StartNew();
            model.train();
            double lossSum = 0; long correct = 0, seen = 0;
            int step = 0;
            double lr = options.LearningRate;
            foreach (var batch in train.Epoch(epoch - 1, ct))
            {
                lr = schedule.At((double)globalStep / totalSteps);
                Array.Fill(optimizer.LearningRates, lr);
                lrs.Add(lr);
                using var scope = NewDisposeScope();
                var x = batch.ImagesTensor(device);
                var y = batch.LabelsTensor(device);
                var logits = model.forward(x);
                var l = loss.forward(logits, y);
                double value = l.item<float>();
                if (!double.IsFinite(value)) throw new TrainingDivergedException(epoch, step + 1, CheckpointDescription);
                optimizer.ZeroGrad();
                l.backward();
                optimizer.Step();
                lossSum += value * batch.Count;
                correct += logits.argmax(1).eq(y).sum().item<long>();
                seen += batch.Count;
                step++; globalStep++;
                progress?.Report(new TrainProgress("train", epoch, options.Epochs, step, stepsPerEpoch, lossSum / seen, (double)correct / seen));
                if (ct.IsCancellationRequested) break;
            }
            if (seen == 0) throw new DermLensException("No training image could be read; see the skipped files listed above.");

            var (valLoss, valAccuracy) = Validate(validation, loss, epoch, progress, ct);
            var record = new EpochRecord(epoch, lossSum / seen, (double)correct / seen, valLoss, valAccuracy, lr, clock.Elapsed.TotalSeconds);
            history.Add(record);
            EpochEnded(record);
            // Changes below 0.01% are float noise (CPU reductions are not bit-reproducible), not progress.
            if (bestEpoch == 0 || valLoss < bestLoss - Math.Abs(bestLoss) * 1e-4)
            {
                bestLoss = valLoss;
                bestEpoch = epoch;
                SaveBest(epoch);
            }
            else if (epoch - bestEpoch >= options.Patience)
            {
                stopReason = $"early stop: validation loss did not improve for {options.Patience} epochs";
                break;
            }
            if (ct.IsCancellationRequested) { stopReason = "interrupted"; break; }
        }
        return new TrainResult(history, bestEpoch, stopReason, lrs);
    }

    (double Loss, double Accuracy) Validate(BatchLoader validation, nn.Module<Tensor, Tensor, Tensor> loss, int epoch,
        IProgress<TrainProgress>? progress, CancellationToken ct)
    {
        model.eval();
        using var noGrad = no_grad();
        double lossSum = 0; long correct = 0, seen = 0;
        int step = 0, steps = validation.BatchesPerEpoch();
        foreach (var batch in validation.Epoch(0, ct))
        {
            using var scope = NewDisposeScope();
            var y = batch.LabelsTensor(device);
            var logits = model.forward(batch.ImagesTensor(device));
            lossSum += loss.forward(logits, y).item<float>() * batch.Count;
            correct += logits.argmax(1).eq(y).sum().item<long>();
            seen += batch.Count;
            progress?.Report(new TrainProgress("validate", epoch, options.Epochs, ++step, steps, lossSum / seen, (double)correct / seen));
        }
        return seen == 0 ? (double.NaN, double.NaN) : (lossSum / seen, (double)correct / seen);
    }
}
