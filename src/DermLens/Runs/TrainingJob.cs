using System.Globalization;
using DermLens.Data;
using DermLens.Evaluation;
using DermLens.Models;
using DermLens.Reporting;
using DermLens.Training;
using TorchSharp;

namespace DermLens.Runs;

/// <summary>
/// The whole `train` verb as a library call: open data, split, train in stages with early stopping,
/// keep the best checkpoint and a resumable state, then evaluate the best model on the test part or the separate test data.
/// </summary>
public sealed class TrainingJob(TrainRequest request)
{
    /// <summary>Receives human-readable events (also appended to log.txt).</summary>
    public Action<string> Message { get; init; } = _ => { };
    public IProgress<TrainProgress>? Progress { get; init; }
    /// <summary>Receives the progress of downloading ImageNet weights that are not in the cache yet.</summary>
    public IProgress<DownloadProgress>? Download { get; init; }

    public TrainingOutcome Run(CancellationToken ct = default)
    {
        request.Check();
        request.CheckOutputFolder();
        var arch = request.Architecture();
        var precision = PrecisionChoice.Resolve(request.Train.Precision, Devices.Parse(request.Train.Device));
        var dataset = request.OpenData();
        // Checked before the run folder exists: a test set that cannot be scored must not cost a training run.
        var testData = request.OpenTestData(dataset);
        var split = request.MakeSplit(dataset);
        request.RequireValidation(split);
        // Everything that can refuse the request (preprocessing, TTA, a weights file) runs before an existing run's files change.
        var config = request.ConfigFor(dataset, arch, precision.Precision, testData);
        var weightsNotes = new List<string>();
        var model = request.StartingModel(arch, dataset.Classes.Count, weightsNotes.Add, Download, ct);
        var run = RunFolder.Create(request.Out);
        if (request.Overwrite) run.Clear();
        AtomicFile.DeleteLeftovers(run.Path);
        Log(run, $"Data: {dataset.Format} at {request.Data}: {dataset.Samples.Count} images, {dataset.Classes.Count} classes");
        if (testData != null)
            Log(run, $"Test data: {testData.Format} at {request.TestData}: {testData.Samples.Count} images, {testData.Classes.Count} classes; " +
                     "all of the data above trains");

        split.Save(run.Split, dataset);
        Log(run, $"Split: {split.Train.Count} train, {split.Validation.Count} validation, {split.Test.Count} test");

        config.Save(run.Config);
        Log(run, $"Precision: {precision.Reason}");
        if (request.Train.HeadEpochs > 0 && !request.StartsTrained)
            Log(run, "No head stage: the backbone starts from random weights (use --pretrained or --weights for a coarse fit of the head first)");
        foreach (var note in weightsNotes) Log(run, note);
        return Train(run, config, dataset, split, model, resumeFrom: null, ct);
    }

    /// <summary>Continues an interrupted run from its last completed epoch, with optimizer and schedule state.</summary>
    public TrainingOutcome Resume(CancellationToken ct = default)
    {
        var run = RunFolder.Open(request.Out, requireModel: false);
        var config = run.LoadConfig();
        var dataset = DataSources.Open(config.Data, config.Format);
        var split = Split.Load(run.Split, dataset);
        AtomicFile.DeleteLeftovers(run.Path);
        var point = ResumePoint.Latest(run);
        var model = Checkpoint.Load(point.Weights, config.Arch, config.Classes.Count);
        Log(run, $"Resuming from {point.State}");
        return Train(run, config, dataset, split, model, point, ct);
    }

    TrainingOutcome Train(RunFolder run, RunConfig config, Dataset dataset, Split split,
        TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> model, ResumePoint? resumeFrom, CancellationToken ct)
    {
        var o = config.Train;
        var arch = ModelRegistry.Get(config.Arch);
        var device = Devices.Parse(o.Device);
        var groups = new LayerGroups(model, arch.LayerGroups.Length, arch.GroupOf);
        using var loss = ClassificationLoss.For(o, split.Train.Select(s => s.Label).ToArray(), config.Classes.Count, device);
        var cache = PipelineFactory.Cache(dataset, config);
        var trainLoader = PipelineFactory.Training(split.Train, cache, config);
        var validationLoader = PipelineFactory.Evaluation(split.Validation, cache, config);

        var lrSearch = TimeSpan.Zero;
        if (o.LearningRate == null)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var sweep = LrFinder.RunForTraining(model, groups, o, trainLoader, loss.Compute, device, new LrFinderOptions(), ct: ct);
            sweep.SaveCsv(run.LrFindCsv);
            LrFinderPlot.Save(sweep, run.LrFindPlot);
            lrSearch = clock.Elapsed;
            var found = LrSearch.Of(sweep, o.LrRule, lrSearch);
            o = o with { LearningRate = found.Chosen };
            config = config with { Train = o, LrSearch = found };
            config.Save(run.Config);
            var firstStage = Recipes.FirstStageTrainable(o, groups.Count);
            Log(run, $"LR range test ({firstStage.Count(t => t)}/{firstStage.Length} layer groups trained): valley {RateText.Format(sweep.Valley)}, " +
                     $"steepest {RateText.Format(sweep.Steepest)}, minimum/10 {RateText.Format(sweep.Minimum)}; training with the {o.LrRule} rule's " +
                     $"{RateText.Format(found.Chosen)}; {lrSearch.TotalSeconds:F0} s");
        }
        var stages = Recipes.Stages(o, groups.Count);
        Log(run, "Stages: " + string.Join("; ", stages.Select(s =>
            $"{s.Name} {s.Epochs} epochs, {s.Trainable.Count(t => t)}/{s.Trainable.Length} layer groups trainable" +
            (Enumerable.Range(1, s.Epochs).All(s.IsSnapshotEpoch) ? "" : ", checkpoint and early stopping judged at SGDR cycle ends"))));
        var reportedUnreadable = new HashSet<string>();
        var trainer = new Trainer(model, groups, loss, o, device)
        {
            SaveBest = epoch =>
            {
                Checkpoint.Save(model, run.Model);
                Log(run, $"Epoch {epoch}: validation {o.EarlyStopMetric} improved, checkpoint saved");
            },
            SaveSnapshot = cycle =>
            {
                if (o.Snapshots == 0) return;
                Checkpoint.Save(model, SnapshotFiles.Of(run, cycle));
                Log(run, $"SGDR cycle {cycle} ended: snapshot saved");
            },
            SaveState = (state, optimizer) => ResumePoint.Save(run, point =>
            {
                Checkpoint.Save(model, point.Weights);
                optimizer.SaveState(point.Optimizer);
                state.Save(point.State);
            }),
            CheckpointDescription = run.Model,
            EpochEnded = e =>
            {
                foreach (var (file, reason) in cache.Unreadable)
                    if (reportedUnreadable.Add(file)) Log(run, $"Skipped unreadable image {file}: {reason}");
                Log(run, string.Create(CultureInfo.InvariantCulture,
                    $"Epoch {e.Epoch}: train loss {e.TrainLoss:F4} acc {e.TrainAccuracy:P1}, validation loss {e.ValidationLoss:F4} acc {e.ValidationAccuracy:P1} balanced {e.ValidationBalancedAccuracy:P1}, lr {e.LearningRate:G3}, {e.Seconds:F1} s"));
            },
        };
        var result = resumeFrom != null
            ? trainer.Fit(stages, trainLoader, validationLoader, Progress, ct, TrainerState.Load(resumeFrom.State), resumeFrom.Optimizer)
            : trainer.Fit(stages, trainLoader, validationLoader, Progress, ct);
        Log(run, $"Training stopped: {result.StopReason}; best epoch {result.BestEpoch}");
        if (cache.Unreadable.Count > 0) Log(run, $"{cache.Unreadable.Count} unreadable image(s) skipped");
        foreach (var line in cache.PreprocessNotes.LogLines("training and validation images")) Log(run, line);

        WriteHistory(run, result);
        TrainingCurvesPlot.Save(result.History, run.TrainingCurves);
        LearningRatePlot.Save(result.LearningRates, run.LrSchedule);
        if (result.StopReason.Kind == StopKind.Interrupted)
        {
            Log(run, $"Interrupted after epoch {result.History.Count}; continue with: dermlens train --resume {run.Path}");
            throw new OperationCanceledException(ct);
        }
        if (result.BestEpoch == 0) throw new DermLensException("Training ended before any epoch finished; no model was saved.");
        config = ScoreCorrectionFit.Resolve(new ScoreSettings
            {
                Calibration = o.Calibration, PriorCorrection = o.PriorCorrection, Malignant = o.Malignant, TargetSensitivity = o.TargetSensitivity,
            },
            run, config, dataset, split, o.Device, o.Precision, m => Log(run, m), cache, ct);
        config.Save(run.Config);

        if (config.TestData == null && split.Test.Count == 0)
        {
            Log(run, $"No test part: test evaluation skipped; evaluate later with: dermlens evaluate --run {run.Path} --data DIR");
            return new TrainingOutcome(run, result, TestMetrics: null, lrSearch);
        }
        var metrics = new EvaluationJob(run, config.TestData, config.TestFormat)
        {
            Message = Message, Options = new InferenceOptions { Device = o.Device, Precision = o.Precision },
        }.Run(ct);
        return new TrainingOutcome(run, result, metrics, lrSearch);
    }

    void Log(RunFolder run, string message)
    {
        run.AppendLog(message);
        Message(message);
    }

    static void WriteHistory(RunFolder run, TrainResult result)
    {
        var lines = new List<string> { "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,validation_balanced_accuracy,learning_rate,seconds" };
        lines.AddRange(result.History.Select(e => string.Create(CultureInfo.InvariantCulture,
            $"{e.Epoch},{e.TrainLoss:R},{e.TrainAccuracy:R},{e.ValidationLoss:R},{e.ValidationAccuracy:R},{e.ValidationBalancedAccuracy:R},{e.LearningRate:R},{e.Seconds:F2}")));
        AtomicFile.WriteAllText(run.History, string.Join('\n', lines) + "\n");
    }
}

/// <summary>The result of <see cref="TrainingJob.Run"/>: where it is, how training went, test metrics (null when there was
/// nothing to test on: a test fraction of 0 and no test data), time spent on the LR range test.</summary>
public sealed record TrainingOutcome(RunFolder Run, TrainResult Training, ClassificationMetrics? TestMetrics, TimeSpan LrSearch);
