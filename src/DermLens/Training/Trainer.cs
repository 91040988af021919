using System.Diagnostics;
using DermLens.Data;
using DermLens.Evaluation;
using DermLens.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Training;

/// <summary>
/// Staged supervised training: per stage a schedule, per layer group a share of the learning rate and
/// frozen or not; SGD with momentum (<see cref="MomentumSgd"/>); early stopping on a validation metric
/// with a checkpoint of the best epoch (with SGDR, the best cycle end); a resumable state after every epoch.
/// </summary>
public sealed class Trainer(nn.Module<Tensor, Tensor> model, LayerGroups groups, ClassificationLoss loss, TrainOptions options, Device device)
{
    /// <summary>Called with the 1-based epoch whenever the validation metric improves; saves the checkpoint.</summary>
    public Action<int> SaveBest { get; init; } = _ => { };

    /// <summary>Called with the 1-based cycle number at the end of each SGDR cycle, e.g. to keep a snapshot ensemble's member.</summary>
    public Action<int> SaveSnapshot { get; init; } = _ => { };

    /// <summary>Called after each epoch with the resumable state and the optimizer (to save its momentum).</summary>
    public Action<TrainerState, MomentumSgd> SaveState { get; init; } = (_, _) => { };

    /// <summary>Where the last good checkpoint lives, named in the message when training diverges.</summary>
    public string CheckpointDescription { get; init; } = "the run folder";

    /// <summary>Called after each epoch with its record, e.g. to log it.</summary>
    public Action<EpochRecord> EpochEnded { get; init; } = _ => { };

    public TrainResult Fit(IReadOnlyList<TrainStage> stages, BatchLoader train, BatchLoader validation,
        IProgress<TrainProgress>? progress = null, CancellationToken ct = default,
        TrainerState? resume = null, string? optimizerState = null)
    {
        model.to(device);
        if (options.ChannelsLast) ChannelsLast.Apply(model);
        MixedPrecision.Apply(model, PrecisionChoice.ResolveFor(model, options.Precision, device));
        using var optimizer = new MomentumSgd(groups.Parameters, options.PeakLearningRate(), options.Momentum, options.WeightDecay);
        if (resume != null && optimizerState != null) optimizer.LoadState(optimizerState);
        var metric = EarlyStopping.Parse(options.EarlyStopMetric);
        var state = resume ?? new TrainerState { BestValue = double.NaN };
        int stepsPerEpoch = train.BatchesPerEpoch();
        int totalEpochs = stages.Sum(s => s.Epochs);
        var stopReason = StopReason.Completed;

        for (int s = state.Stage; s < stages.Count && stopReason.Kind == StopKind.Completed; s++)
        {
            var stage = stages[s];
            int stageSteps = Math.Max(1, stepsPerEpoch * stage.Epochs);
            int firstEpoch = s == state.Stage ? state.EpochInStage : 0;
            for (int e = firstEpoch; e < stage.Epochs; e++)
            {
                if (ct.IsCancellationRequested) { stopReason = StopReason.Interrupted; break; }
                int epoch = state.Epoch + 1;
                var clock = Stopwatch.StartNew();
                model.train();
                groups.ApplyTrainable(stage.Trainable, options.TrainBatchNorm);
                double lossSum = 0, lr = 0; long correct = 0, seen = 0;
                int step = 0;
                // The epoch's data order and augmentation depend on the global epoch only, so a resumed run sees the same batches.
                foreach (var batch in train.Epoch(epoch - 1, ct))
                {
                    lr = stage.Schedule.At((double)(e * stepsPerEpoch + step) / stageSteps);
                    for (int g = 0; g < groups.Count; g++) optimizer.LearningRates[g] = lr * stage.GroupLrFactors[g];
                    state.LearningRates.Add(lr);
                    using var scope = NewDisposeScope();
                    var y = batch.LabelsTensor(device);
                    var logits = model.forward(batch.ImagesTensor(device));
                    var l = loss.Compute(logits, y);
                    double value = l.item<float>();
                    if (!double.IsFinite(value)) throw new TrainingDivergedException(epoch, step + 1, state.BestEpoch > 0 ? CheckpointDescription : null);
                    optimizer.ZeroGrad();
                    l.backward();
                    optimizer.Step();
                    lossSum += value * batch.Count;
                    correct += logits.argmax(1).eq(y).sum().item<long>();
                    seen += batch.Count;
                    step++;
                    progress?.Report(new TrainProgress($"train {stage.Name}", epoch, totalEpochs, step, stepsPerEpoch, lossSum / seen, (double)correct / seen));
                    if (ct.IsCancellationRequested) break;
                }
                if (ct.IsCancellationRequested) { stopReason = StopReason.Interrupted; break; }
                if (seen == 0) throw new DermLensException("No training image could be read; see the skipped files listed above.");

                var v = Validate(validation, epoch, totalEpochs, progress, ct);
                var record = new EpochRecord(epoch, lossSum / seen, (double)correct / seen, v.Loss, v.Accuracy, lr,
                    clock.Elapsed.TotalSeconds, v.BalancedAccuracy);
                state.History.Add(record);
                EpochEnded(record);
                double value2 = metric.Of(record);
                bool snapshot = stage.IsSnapshotEpoch(e + 1);
                bool improved = snapshot && (state.BestEpoch == 0 || metric.Improves(value2, state.BestValue));
                if (improved) SaveBest(epoch);
                if (snapshot && stage.Schedule is Schedules.SgdrSchedule)
                    SaveSnapshot(Enumerable.Range(1, e + 1).Count(stage.IsSnapshotEpoch));
                state = state with
                {
                    Stage = e + 1 == stage.Epochs ? s + 1 : s,
                    EpochInStage = e + 1 == stage.Epochs ? 0 : e + 1,
                    Epoch = epoch,
                    BestEpoch = improved ? epoch : state.BestEpoch,
                    BestValue = improved ? value2 : state.BestValue,
                };
                SaveState(state, optimizer);
                // After the last epoch the run completed; calling that an early stop would misreport it.
                if (snapshot && epoch < totalEpochs && epoch - state.BestEpoch >= options.Patience)
                {
                    stopReason = StopReason.EarlyStop(metric.Name, options.Patience);
                    break;
                }
            }
        }
        return new TrainResult(state.History, state.BestEpoch, stopReason, state.LearningRates);
    }

    (double Loss, double Accuracy, double BalancedAccuracy) Validate(BatchLoader validation, int epoch, int epochs,
        IProgress<TrainProgress>? progress, CancellationToken ct)
    {
        model.eval();
        using var noGrad = no_grad();
        double lossSum = 0;
        var truth = new List<long>();
        var predicted = new List<long>();
        int step = 0, steps = validation.BatchesPerEpoch();
        foreach (var batch in validation.Epoch(0, ct))
        {
            using var scope = NewDisposeScope();
            var y = batch.LabelsTensor(device);
            var logits = model.forward(batch.ImagesTensor(device));
            lossSum += loss.Compute(logits, y).item<float>() * batch.Count;
            truth.AddRange(batch.Labels);
            predicted.AddRange(logits.argmax(1).cpu().data<long>().ToArray());
            int correct = truth.Zip(predicted).Count(p => p.First == p.Second);
            progress?.Report(new TrainProgress("validate", epoch, epochs, ++step, steps, lossSum / truth.Count, (double)correct / truth.Count));
        }
        if (truth.Count == 0) return (double.NaN, double.NaN, double.NaN);
        double accuracy = truth.Zip(predicted).Count(p => p.First == p.Second) / (double)truth.Count;
        return (lossSum / truth.Count, accuracy, BalancedAccuracy.Of(truth, predicted));
    }
}
