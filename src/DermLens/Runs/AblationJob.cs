using System.Diagnostics;
using System.Globalization;
using DermLens.Data;
using DermLens.Imaging.Preprocessing;
using DermLens.Reporting;
using DermLens.Training;

namespace DermLens.Runs;

/// <summary>What an ablation compares: one training set-up, and the preprocessing steps to switch on one at a time.</summary>
public sealed record AblationRequest
{
    /// <summary>How every run trains, exactly as `train` would with these options; its Out is the ablation's folder, and
    /// the ablation sets each run's preprocessing, split and seed itself.</summary>
    public required TrainRequest Training { get; init; }
    /// <summary>The steps compared, as a chain (e.g. <c>fov,roi,gamma=auto</c>): each alone, then all together, against none.</summary>
    public required string Steps { get; init; }
    /// <summary>Training seeds; every seed trains every setting on the same split.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [0];
    /// <summary>Seed of the split, kept apart from the training seeds so separate ablations can share one split.</summary>
    public int SplitSeed { get; init; }

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
/// run folder under the request's Out, and keeps ablation.csv and ablation.md there up to date after every run. Run again on the same
/// Out with the same options (e.g. more seeds, or after an interruption) it keeps the split and the finished rows and
/// trains only the rest; the options themselves are not compared.
/// </summary>
public sealed class AblationJob(AblationRequest request)
{
    public const string CsvName = "ablation.csv", TableName = "ablation.md";

    /// <summary>Receives one line per finished run.</summary>
    public Action<string> Message { get; init; } = _ => { };

    public IReadOnlyList<AblationRow> Run(CancellationToken ct = default)
    {
        var settings = request.Settings();
        var training = request.Training;
        if (training.Preprocess != null || training.SplitFile != null)
            throw new DermLensException("An ablation sets each run's preprocessing and split itself; leave out --preprocess and --split (--steps lists the steps).");
        training.Check();
        if (request.Seeds.Count == 0) throw new DermLensException("An ablation needs at least one seed.");
        var dataset = training.OpenData();
        var output = Path.GetFullPath(training.Out);
        var splitFile = Path.Combine(output, Split.FileName);
        var split = File.Exists(splitFile) ? Split.Load(splitFile, dataset)
            : (training with { Train = training.Train with { Seed = request.SplitSeed } }).MakeSplit(dataset);
        training.RequireValidation(split);
        if (split.Test.Count == 0 && training.TestData == null)
            throw new DermLensException("An ablation compares test metrics, but its split has no test part; use a --test-fraction above 0.");
        Directory.CreateDirectory(output);
        if (!File.Exists(splitFile)) split.Save(splitFile, dataset);

        var rows = Finished(Path.Combine(output, CsvName)).Where(r => settings.Contains(r.Setting)).ToList();
        int total = settings.Count * request.Seeds.Count, done = rows.Count(r => request.Seeds.Contains(r.Seed));
        Message(done == 0 ? $"Training {total} runs into {output}"
            : $"Training {total - done} of {total} runs into {output}; {done} are done there already and kept");
        foreach (var seed in request.Seeds)
            foreach (var setting in settings)
            {
                ct.ThrowIfCancellationRequested();
                if (rows.Any(r => r.Setting == setting && r.Seed == seed)) continue;
                var clock = Stopwatch.StartNew();
                var outcome = new TrainingJob(training with
                {
                    // A run left unfinished by an interrupted ablation is trained again from the start.
                    Out = Path.Combine(output, $"seed{seed}", FolderName(setting)), SplitFile = splitFile, Preprocess = setting, Overwrite = true,
                    Train = training.Train with { Seed = seed },
                }).Run(ct);
                var m = outcome.TestMetrics ?? throw new InvalidOperationException("A split with a test part is always evaluated.");
                rows.Add(new AblationRow(setting, seed, m.Top1Accuracy, m.BalancedAccuracy, m.Count, outcome.Training.BestEpoch, clock.Elapsed));
                Save(output, rows);
                Message(FormattableString.Invariant(
                    $"seed {seed}, {setting}: accuracy {m.Top1Accuracy:P1}, balanced {m.BalancedAccuracy:P1} on {m.Count} test images, {clock.Elapsed.TotalSeconds:F0} s"));
            }
        Save(output, rows);
        return rows;
    }

    static void Save(string output, IReadOnlyList<AblationRow> rows)
    {
        AtomicFile.WriteAllText(Path.Combine(output, CsvName), AblationTable.Csv(rows));
        AtomicFile.WriteAllText(Path.Combine(output, TableName), AblationTable.Markdown(rows));
    }

    /// <summary>The rows of an earlier ablation.csv in this folder, none when there is none.</summary>
    static IEnumerable<AblationRow> Finished(string csv)
    {
        if (!File.Exists(csv)) yield break;
        var table = CsvTable.Read(csv);
        int setting = table.Column("setting"), seed = table.Column("seed"), accuracy = table.Column("accuracy"),
            balanced = table.Column("balanced_accuracy"), images = table.Column("test_images"), best = table.Column("best_epoch"),
            seconds = table.Column("seconds");
        foreach (var r in table.Rows)
            yield return new AblationRow(r[setting], Number<int>(r[seed]), Number<double>(r[accuracy]), Number<double>(r[balanced]),
                Number<int>(r[images]), Number<int>(r[best]), TimeSpan.FromSeconds(Number<double>(r[seconds])));

        T Number<T>(string text) where T : IParsable<T> => T.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value
            : throw new DermLensException($"{csv}: '{text}' is not a number; delete the file to start the ablation afresh.");
    }

    /// <summary>A folder name for a chain: '=' ':' ',' become '-', '_' and '+'.</summary>
    public static string FolderName(string setting) => setting.Replace('=', '-').Replace(':', '_').Replace(',', '+');
}
