using System.Globalization;
using System.Text;
using System.Text.Json;
using DermLens.Data;
using DermLens.Evaluation;
using DermLens.Models;
using DermLens.Reporting;
using DermLens.Runs;

namespace DermLens.Bench;

/// <summary>
/// Real-data accuracy on ham10000-train: one lesion-grouped, stratified, seeded split (5:1 train+validation : test,
/// a tenth of train for validation), the same for every configuration and for the PyTorch peer. A configuration is one
/// `dermlens train` command (run as the real CLI, so the recorded command is exactly what ran), or an `evaluate` of an
/// earlier configuration's run with other inference options. Each is scored from its predictions.csv with lesion-resampled
/// bootstrap intervals and kept as one row of bench/results/ham10000.md (rows: ham10000.json), with a plot of balanced
/// accuracy against training minutes.
/// </summary>
static class HamBenchmark
{
    /// <summary>A named configuration: train arguments, or (From set) evaluate arguments on From's run.</summary>
    sealed record Config(string Name, string What, string Arguments, string? From = null);

    const string Screen = "--arch resnet18 --pretrained --image-size 96x128 --batch-size 32";

    static readonly Config[] Configs =
    [
        new("s-plain", "screen: the peer's plain recipe in DermLens (CE, cosine from 0.01, no head stage), DermLens augmentation, 4 epochs",
            $"{Screen} --epochs 4 --lr 0.01 --schedule cosine --early-stop balanced-accuracy"),
        new("s-plain-tta", "s-plain scored with flip TTA (4 views)", "--tta flips", From: "s-plain"),
        new("s-logit-adjust", "screen: s-plain with logit-adjusted cross-entropy, tau 1",
            $"{Screen} --epochs 4 --lr 0.01 --schedule cosine --early-stop balanced-accuracy --logit-adjust 1"),
        new("s-logit-adjust-tta", "s-logit-adjust scored with flip TTA", "--tta flips", From: "s-logit-adjust"),
        new("s-light-aug", "screen: s-logit-adjust with random crops keeping at least 75 % of the image (default 35 %)",
            $"{Screen} --epochs 4 --lr 0.01 --schedule cosine --early-stop balanced-accuracy --logit-adjust 1 --min-crop 0.75"),
        new("s-class-weights", "screen: s-plain with inverse-frequency class weights in the loss",
            $"{Screen} --epochs 4 --lr 0.01 --schedule cosine --early-stop balanced-accuracy --class-weights"),
        new("s-balanced", "screen: s-plain with the research system's dynamic balancing (oversampling with fresh augmentation)",
            $"{Screen} --epochs 4 --lr 0.01 --schedule cosine --early-stop balanced-accuracy --balanced"),
        new("s-balanced-light", "screen: s-balanced with random crops keeping at least 75 % of the image",
            $"{Screen} --epochs 4 --lr 0.01 --schedule cosine --early-stop balanced-accuracy --balanced --min-crop 0.75"),
        new("f-dermoscopy", "full budget: the first dermoscopy preset (150x200, 5 epochs, cosine from 0.01, CE, dynamic balancing, selection on validation balanced accuracy)",
            "--arch resnet18 --pretrained --image-size 150x200 --epochs 5 --lr 0.01 --schedule cosine --balanced --early-stop balanced-accuracy"),
        new("s-sgdr-snapshots", "screen: logit adjustment, SGDR 2 cycles of 2 epochs restarting at half the rate, snapshots of both cycle ends averaged",
            $"{Screen} --lr 0.01 --schedule sgdr --cycles 2 --cycle-len 2 --cycle-mult 1 --restart-decay 0.5 --snapshots 2 --early-stop balanced-accuracy --patience 9 --logit-adjust 1"),
        new("s-sgdr-best", "s-sgdr-snapshots scored with its best checkpoint alone", "--snapshots 0", From: "s-sgdr-snapshots"),
        new("s-sgdr-snapshots-tta", "s-sgdr-snapshots scored with flip TTA", "--tta flips", From: "s-sgdr-snapshots"),
        new("s-plain-prior", "s-plain scored with post-hoc prior correction, tau chosen on validation", "--prior-correction auto", From: "s-plain"),
        new("s-balanced-prior", "s-balanced scored with post-hoc prior correction, tau chosen on validation", "--prior-correction auto", From: "s-balanced"),
        new("f-dermoscopy-prior", "f-dermoscopy scored with post-hoc prior correction, tau chosen on validation", "--prior-correction auto", From: "f-dermoscopy"),
        new("s-flips", "screen: the peer's recipe in DermLens, augmentation included (flips only)",
            $"{Screen} --epochs 4 --lr 0.01 --schedule cosine --early-stop balanced-accuracy --augment flips"),
        new("s-flips-prior", "s-flips scored with post-hoc prior correction, tau chosen on validation", "--prior-correction auto", From: "s-flips"),
        new("f-flips-prior", "full budget: the peer's recipe in DermLens (150x200, 6 epochs, flips only) with post-hoc prior correction chosen on validation",
            "--arch resnet18 --pretrained --image-size 150x200 --batch-size 32 --epochs 6 --lr 0.01 --schedule cosine --early-stop balanced-accuracy --augment flips --prior-correction auto"),
        new("f-dermoscopy-hour", "full budget inside the hour: the dermoscopy recipe as a user types it, 5 epochs at 144x192 (4:3, the whole frame)",
            "--arch resnet18 --pretrained --recipe dermoscopy --image-size 144x192 --epochs 5"),
    ];

    sealed record Row(
        string Name, string What, string Command, string Date, double TrainMinutes, double ImagesPerSecond, int Epochs,
        int TestImages, int TestLesions, MetricInterval BalancedAccuracy, MetricInterval Accuracy, MetricInterval MacroAuc,
        IReadOnlyList<string> Classes, IReadOnlyList<MetricInterval?> Recall, string Load);

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Run(string[] args)
    {
        var data = Path.Combine(Shared.Find(), "ham10000-train");
        var work = Option(args, "--work") ?? Path.Combine(Path.GetTempPath(), "dermlens-ham10000-bench");
        var results = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../results"));
        var splitFile = Path.Combine(work, "split.csv");
        var dataset = DataSources.Open(data, null);
        EnsureSplit(dataset, splitFile);

        Row row;
        if (args.Contains("--table")) return Render(LoadRows(results), results);
        if (args.Contains("--peer")) row = Peer(args, data, work, splitFile, dataset);
        else
        {
            var name = Option(args, "--config") ?? throw new ArgumentException(
                "usage: ham10000 --config NAME | --peer [--epochs N] [--size HxW] | --table; configurations: " + string.Join(", ", Configs.Select(c => c.Name)));
            var config = Configs.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"Unknown configuration '{name}'.");
            row = config.From == null ? Train(config, data, work, splitFile, dataset) : Evaluate(config, work, results, dataset);
        }
        var rows = LoadRows(results).Where(r => r.Name != row.Name).Append(row).ToList();
        File.WriteAllText(Path.Combine(results, "ham10000.json"), JsonSerializer.Serialize(rows, Json));
        return Render(rows, results);
    }

    /// <summary>Writes ham10000.md and ham10000.png from the rows; the table's text.</summary>
    static string Render(IReadOnlyList<Row> rows, string results)
    {
        var table = Table(rows);
        File.WriteAllText(Path.Combine(results, "ham10000.md"), table);
        Plot(rows, Path.Combine(results, "ham10000.png"));
        return table;
    }

    /// <summary>The lesion-grouped split every configuration and the peer use: drawn once (seed 0) and reused.</summary>
    static void EnsureSplit(Dataset dataset, string splitFile)
    {
        if (File.Exists(splitFile))
        {
            Split.Load(splitFile, dataset);
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(splitFile)!);
        Splitter.Make(dataset, new SplitOptions(1.0 / 6, 0.1, 0)).Save(splitFile, dataset);
    }

    static Row Train(Config config, string data, string work, string splitFile, Dataset dataset)
    {
        var run = Path.Combine(work, "runs", config.Name);
        if (Directory.Exists(run)) Directory.Delete(run, recursive: true);
        var arguments = $"train --data {data} --split {splitFile} --out {run} {config.Arguments}";
        var load = Shared.LoadAverage();
        var seconds = Shared.Dermlens(arguments, Path.Combine(work, config.Name + ".log"));
        var folder = new RunFolder(run);
        var history = CsvTable.Read(folder.History);
        int epochs = history.Rows.Count;
        double epochSeconds = history.Rows.Sum(r => double.Parse(r[history.Column("seconds")], CultureInfo.InvariantCulture));
        int trainImages = Split.Load(folder.Split, dataset).Train.Count;
        var display = $"dermlens train --data ham10000-train --split SPLIT --out RUN {config.Arguments}";
        return Score(config, display, folder, seconds / 60, trainImages * epochs / epochSeconds, epochs, dataset, load);
    }

    static Row Evaluate(Config config, string work, string results, Dataset dataset)
    {
        var from = LoadRows(results).FirstOrDefault(r => r.Name == config.From)
                   ?? throw new ArgumentException($"Run configuration {config.From} first.");
        var run = Path.Combine(work, "runs", config.From!);
        var load = Shared.LoadAverage();
        Shared.Dermlens($"evaluate --run {run} {config.Arguments}", Path.Combine(work, config.Name + ".log"));
        var display = $"{from.Command}; then dermlens evaluate --run RUN {config.Arguments}";
        return Score(config, display, new RunFolder(run), from.TrainMinutes, from.ImagesPerSecond, from.Epochs, dataset, load);
    }

    static Row Peer(string[] args, string data, string work, string splitFile, Dataset dataset)
    {
        int epochs = int.Parse(Option(args, "--epochs") ?? "6", CultureInfo.InvariantCulture);
        var size = Option(args, "--size") ?? "150x200";
        var name = Option(args, "--name") ?? $"peer-{size}-{epochs}ep";
        var arch = ModelRegistry.GetPretrained("resnet18");
        var weights = arch.Pretrained!.BackboneFile(null, CancellationToken.None);
        var inv = CultureInfo.InvariantCulture;
        var mean = string.Join(',', arch.Normalisation.Mean.Select(m => m.ToString("R", inv)));
        var std = string.Join(',', arch.Normalisation.Std.Select(m => m.ToString("R", inv)));
        var folder = Path.Combine(work, "runs", name);
        Directory.CreateDirectory(folder);
        File.Copy(splitFile, Path.Combine(folder, "split.csv"), overwrite: true);
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../ham10000_pytorch.py"));
        var arguments = $"{script} --data {data} --split {splitFile} --weights {weights} --mean {mean} --std {std} --epochs {epochs} --size {size} " +
                        $"--out {new RunFolder(folder).Predictions}";
        var load = Shared.LoadAverage();
        var log = Path.Combine(work, name + ".log");
        var seconds = Shared.Execute("/usr/bin/python3", arguments, log);
        var summary = JsonDocument.Parse(File.ReadLines(log).Last(l => l.Contains("train_seconds"))).RootElement;
        var config = new Config(name, $"PyTorch peer: torchvision ResNet-18 from the same weights, SGD momentum 0.9, cosine from 0.01, CE, flips, {size}, batch 32, {epochs} epochs, last epoch",
            arguments);
        var display = $"/usr/bin/python3 bench/ham10000_pytorch.py --data ham10000-train --split SPLIT --weights {Path.GetFileName(weights)} --epochs {epochs} --size {size}";
        return Score(config, display, new RunFolder(folder), seconds / 60, summary.GetProperty("images_per_second").GetDouble(), epochs, dataset, load);
    }

    static Row Score(Config config, string command, RunFolder run, double minutes, double imagesPerSecond, int epochs, Dataset dataset, string load)
    {
        var predictions = PredictionsCsv.Load(run.Predictions, dataset.Classes);
        var groupOf = dataset.Samples.ToDictionary(s => s.Id, s => s.Group ?? s.Id);
        var intervals = GroupBootstrap.Compute(predictions.Select(p => p.True).ToArray(), predictions.Select(p => p.Probabilities).ToArray(),
            predictions.Select(p => groupOf[p.Id]).ToArray(), dataset.Classes.Count);
        var row = new Row(config.Name, config.What, command, DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), minutes, imagesPerSecond,
            epochs, predictions.Count, intervals.Groups, intervals.BalancedAccuracy, intervals.Accuracy,
            intervals.MacroAuc ?? throw new InvalidOperationException("The HAM10000 test part has every class, so its macro AUC is defined."),
            dataset.Classes, intervals.Recall, load);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{row.Name}: balanced accuracy {Format(row.BalancedAccuracy)}, accuracy {Format(row.Accuracy)}, macro AUC {Format(row.MacroAuc)}, {row.TrainMinutes:F1} min"));
        return row;
    }

    /// <summary>Runs the built DermLens CLI with the arguments, its output going to log; the wall-clock seconds.</summary>
    static List<Row> LoadRows(string results)
    {
        var file = Path.Combine(results, "ham10000.json");
        return File.Exists(file) ? JsonSerializer.Deserialize<List<Row>>(File.ReadAllText(file), Json)! : [];
    }

    static string Table(IReadOnlyList<Row> rows)
    {
        var s = new StringBuilder();
        s.AppendLine("# HAM10000 accuracy: DermLens configurations and the PyTorch peer");
        s.AppendLine();
        s.AppendLine("Data: `../shared/data/ham10000-train` (8,362 images, 6,228 lesions), split once by lesion, stratified, seed 0: " +
                     "5:1 train+validation : test, a tenth of train for validation (`Splitter`, `SplitOptions(1/6, 0.1, 0)`); every row uses that split " +
                     "(DermLens through `--split`, the peer reads the same split.csv and trains on its train part). Intervals: 95 % percentile bootstrap " +
                     "over test **lesions** (2,000 resamples, seed 0). Minutes: wall clock of the whole command (data loading and the final test evaluation " +
                     "included); rows scored from an earlier run with other inference options repeat that run's minutes. Images/s: training images per second " +
                     "of epoch time (validation included). Choices were made on validation; the test part is read once per row.");
        s.AppendLine();
        s.AppendLine("Reproduce a row: `dotnet build -c Release src/DermLens.Cli && dotnet run --project bench/DermLens.Bench -c Release -- ham10000 --config NAME` " +
                     "(peer: `... -- ham10000 --peer [--epochs 6] [--size 150x200]`, needs Debian's python3-torch). Run them alone on the machine.");
        s.AppendLine();
        s.AppendLine("| configuration | balanced accuracy | accuracy | macro AUC | train min | images/s | epochs | what | date, load |");
        s.AppendLine("|---|---|---|---|---:|---:|---:|---|---|");
        foreach (var r in rows)
            s.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {Format(r.BalancedAccuracy)} | {Format(r.Accuracy)} | {Format(r.MacroAuc)} | {r.TrainMinutes:F1} | {r.ImagesPerSecond:F1} | {r.Epochs} | {r.What} | {r.Date}, {r.Load} |"));
        s.AppendLine();
        s.AppendLine("## Recall per class");
        s.AppendLine();
        var classes = rows.FirstOrDefault()?.Classes ?? [];
        s.AppendLine("| configuration | " + string.Join(" | ", classes) + " |");
        s.AppendLine("|---|" + string.Concat(classes.Select(_ => "---|")));
        foreach (var r in rows)
            s.AppendLine($"| {r.Name} | " + string.Join(" | ", r.Recall.Select(m => m == null ? "—" : Format(m))) + " |");
        s.AppendLine();
        s.AppendLine("## Commands");
        s.AppendLine();
        foreach (var r in rows) s.AppendLine($"- **{r.Name}** ({r.TestImages} test images, {r.TestLesions} lesions): `{r.Command}`");
        return s.ToString();
    }

    static void Plot(IReadOnlyList<Row> rows, string path) => FrontierPlot.Save(
        rows.Select(r => new FrontierPoint(r.Name, r.TrainMinutes, r.BalancedAccuracy.Value, r.BalancedAccuracy.Low, r.BalancedAccuracy.High)).ToArray(),
        path, "HAM10000 held-out lesions: balanced accuracy against training minutes (95 % lesion bootstrap)",
        "minutes of the training command (2 CPU cores)", "balanced accuracy");

    static string Format(MetricInterval m) => string.Create(CultureInfo.InvariantCulture, $"{m.Value:F3} [{m.Low:F3}, {m.High:F3}]");

    static string? Option(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
