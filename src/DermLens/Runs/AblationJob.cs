using System.Diagnostics;
using DermLens.Data;
using DermLens.Imaging.Preprocessing;
using DermLens.Reporting;
using DermLens.Training;

namespace DermLens.Runs;

/// <summary>What an ablation compares: one training set-up, and the preprocessing steps to switch on one at a time.</summary>
public sealed record AblationRequest
{
    public required string Data { get; init; }
    public string? Format { get; init; }
    public required string Arch { get; init; }
    public required string Out { get; init; }
    /// <summary>The steps compared, as a chain (e.g. <c>fov,roi,gamma=auto</c>): each alone, then all together, against none.</summary>
    public required string Steps { get; init; }
    public TrainOptions Train { get; init; } = new();
    public bool Pretrained { get; init; }
    /// <summary>Training seeds; every seed trains every setting on the same split.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [0];
    /// <summary>Seed of the split, kept apart from the training seeds so separate ablations can share one split.</summary>
    public int SplitSeed { get; init; }
    public double TestFraction { get; init; } = 1.0 / 6;
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>The chains trained: none, each step alone, and (with more than one step) all of them in the given order.</summary>
    public IReadOnlyList<string> Settings()
    {
        var chain = PreprocessChain.Parse(Steps);
        if (chain.IsEmpty) throw new DermLensException("An ablation needs at least one preprocessing step (--steps).");
        var names = chain.Steps.Select(s => s.Name).ToList();
        var settings = new List<string> { PreprocessChain.NoneText };
        settings.AddRange(names.Distinct());
        if (names.Count > 1) settings.Add(chain.ToString());
        return settings;
    }
}

/// <summary>
/// Trains the same model (architecture, options, seed, split) once per preprocessing setting and seed, each into its own
/// run folder under Out, and keeps ablation.csv and ablation.md there up to date after every run.
/// </summary>
public sealed class AblationJob(AblationRequest request)
{
    public const string CsvName = "ablation.csv", TableName = "ablation.md";

    /// <summary>Receives one line per finished run.</summary>
    public Action<string> Message { get; init; } = _ => { };

    public IReadOnlyList<AblationRow> Run(CancellationToken ct = default)
    {
        var settings = request.Settings();
        if (request.Seeds.Count == 0) throw new DermLensException("An ablation needs at least one seed.");
        var dataset = DataSources.Open(request.Data, request.Format);
        var output = Path.GetFullPath(request.Out);
        Directory.CreateDirectory(output);
        var splitFile = Path.Combine(output, Split.FileName);
        Splitter.Make(dataset, new SplitOptions(request.TestFraction, request.ValidationFraction, request.SplitSeed)).Save(splitFile, dataset);

        var rows = new List<AblationRow>();
        foreach (var seed in request.Seeds)
            foreach (var setting in settings)
            {
                ct.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                var outcome = new TrainingJob(new TrainRequest
                {
                    Data = request.Data, Format = request.Format, Arch = request.Arch, Pretrained = request.Pretrained,
                    Out = Path.Combine(output, $"seed{seed}", FolderName(setting)), SplitFile = splitFile, Preprocess = setting,
                    Train = request.Train with { Seed = seed },
                    TestFraction = request.TestFraction, ValidationFraction = request.ValidationFraction,
                }).Run(ct);
                var m = outcome.TestMetrics;
                rows.Add(new AblationRow(setting, seed, m.Top1Accuracy, m.BalancedAccuracy, m.Count, outcome.Training.BestEpoch, clock.Elapsed));
                AtomicFile.WriteAllText(Path.Combine(output, CsvName), AblationTable.Csv(rows));
                AtomicFile.WriteAllText(Path.Combine(output, TableName), AblationTable.Markdown(rows));
                Message(FormattableString.Invariant(
                    $"seed {seed}, {setting}: accuracy {m.Top1Accuracy:P1}, balanced {m.BalancedAccuracy:P1} on {m.Count} test images, {clock.Elapsed.TotalSeconds:F0} s"));
            }
        return rows;
    }

    /// <summary>A folder name for a chain: '=' ':' ',' become '-', '_' and '+'.</summary>
    public static string FolderName(string setting) => setting.Replace('=', '-').Replace(':', '_').Replace(',', '+');
}

/// <summary>One trained setting of an ablation: test accuracy and balanced accuracy, test size, best epoch, wall time.</summary>
public sealed record AblationRow(string Setting, int Seed, double Accuracy, double BalancedAccuracy, int TestImages, int BestEpoch, TimeSpan Elapsed);
