namespace DermLens.Runs;

/// <summary>The folder a run writes into; every later verb works from it alone. Every artifact's name is here.</summary>
public sealed class RunFolder
{
    public string Path { get; }

    public RunFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Config => File("config.json");
    public string Split => File(Data.Split.FileName);
    /// <summary>The best checkpoint, a PyTorch state dict.</summary>
    public string Model => File("model.pt");
    /// <summary>export's default ONNX file (its sidecar is <see cref="OnnxSidecar.PathFor"/>).</summary>
    public string Onnx => File("model.onnx");
    public string Metrics => File("metrics.json");
    public string Log => File("log.txt");
    public string History => File("history.csv");
    /// <summary>The last completed epoch's weights, momentum buffers and schedule position, for --resume: see <see cref="ResumePoint"/>.</summary>
    public string ResumeFolder => File("resume");
    public string LrFindCsv => File("lr_find.csv");
    public string LrFindPlot => File("lr_find.png");
    public string TrainingCurves => File("training_curves.png");
    public string LrSchedule => File("lr_schedule.png");
    public string Predictions => File("predictions.csv");
    public string ConfusionMatrixCsv => File("confusion_matrix.csv");
    public string ConfusionMatrixPlot => File("confusion_matrix.png");
    public string ConfusedPairs => File("confused_pairs.csv");
    public string ReliabilityPlot => File("reliability.png");
    public string RocCsv => File("roc.csv");
    public string RocPlot => File("roc.png");
    public string PrecisionRecallCsv => File("pr.csv");
    public string PrecisionRecallPlot => File("pr.png");
    public string Screening => File("screening.json");
    public string SubgroupsCsv => File("subgroups.csv");
    /// <summary>The folder of subgroup plots, one per grouping (see <see cref="SubgroupPlot"/>).</summary>
    public string SubgroupPlots => File("subgroups");

    /// <summary>The plot of one grouping's subgroups: its name in lower case, runs of other characters as one hyphen.</summary>
    public string SubgroupPlot(string grouping) =>
        System.IO.Path.Combine(SubgroupPlots, System.Text.RegularExpressions.Regex.Replace(grouping.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-') + ".png");
    public string CamQuality => File("cam_quality.csv");
    /// <summary>Each CAM method's scores minus the centred Gaussian's, with bootstrap intervals.</summary>
    public string CamQualityVsGaussian => File("cam_quality_vs_gaussian.csv");
    /// <summary>The case-study panels' default folder (its index is <see cref="CaseStudyJob.IndexName"/>).</summary>
    public string CaseStudies => File("casestudy");
    /// <summary>explain's default output folder.</summary>
    public string Explanations => File("explain");
    public string Report => File("report.html");
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Every file a run writes at the top of its folder (snapshots apart: <see cref="SnapshotFiles"/>).</summary>
    IEnumerable<string> Files =>
    [
        Config, Split, Model, Metrics, Log, History, LrFindCsv, LrFindPlot,
        TrainingCurves, LrSchedule, Predictions, ConfusionMatrixCsv, ConfusionMatrixPlot, ConfusedPairs, ReliabilityPlot,
        RocCsv, RocPlot, PrecisionRecallCsv, PrecisionRecallPlot, Screening, SubgroupsCsv, CamQuality, CamQualityVsGaussian, Report,
    ];

    /// <summary>Whether the folder exists and holds anything.</summary>
    public bool HasEntries => Directory.Exists(Path) && Directory.EnumerateFileSystemEntries(Path).Any();

    /// <summary>Removes what an earlier run wrote here (its files, resume point, snapshots, case studies and explanations), so that nothing
    /// of it mixes with a new run; files DermLens did not write stay.</summary>
    public void Clear()
    {
        foreach (var file in Files) System.IO.File.Delete(file);
        SnapshotFiles.DeleteAll(this);
        foreach (var folder in ResumePoint.Folders(this).Append(CaseStudies).Append(Explanations).Append(SubgroupPlots))
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    public static RunFolder Create(string path)
    {
        Directory.CreateDirectory(path);
        return new RunFolder(path);
    }

    /// <summary>Opens an existing run; clear errors when the folder, its config or its model is missing.</summary>
    public static RunFolder Open(string path, bool requireModel = true)
    {
        var run = new RunFolder(path);
        if (!Directory.Exists(run.Path)) throw new DermLensException($"Run folder not found: {path}");
        if (!System.IO.File.Exists(run.Config))
            throw new DermLensException($"{path} is not a DermLens run folder (no config.json). Train first: dermlens train --out {path} ...");
        if (requireModel && !System.IO.File.Exists(run.Model))
            throw new DermLensException($"{path} has no trained model ({System.IO.Path.GetFileName(run.Model)} missing). Train first.");
        return run;
    }

    public RunConfig LoadConfig() => RunConfig.Load(Config);

    public void AppendLog(string line)
    {
        Directory.CreateDirectory(Path);
        System.IO.File.AppendAllText(Log, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}Z {line}{Environment.NewLine}");
    }
}
