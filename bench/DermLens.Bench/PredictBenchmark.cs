using System.Globalization;
using System.Text;
using DermLens.Data;

namespace DermLens.Bench;

/// <summary>
/// `predict` against `evaluate` on the same images with the same run, both as the real CLI (start-up and model load
/// included, as a user pays them): a ResNet-18 trained one epoch at 96x128 on ham10000-dev, then N of its images
/// (default 200) given to `predict` as files and to `evaluate --data` as an ImageFolder of copies, interleaved, three rounds.
/// </summary>
static class PredictBenchmark
{
    const int Rounds = 3;

    /// <summary>Arguments: the number of images (200).</summary>
    public static string Run(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var data = Path.Combine(Shared.Find(), "ham10000-dev");
        var work = Path.Combine(Path.GetTempPath(), "dermlens-predict-bench");
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        var run = Path.Combine(work, "run");
        Shared.Dermlens($"train --data {data} --out {run} --arch resnet18 --epochs 1 --image-size 96x128 --precision fp32", Path.Combine(work, "train.log"));

        var dataset = DataSources.Open(data);
        var images = dataset.Samples.Take(count).ToList();
        var folder = Path.Combine(work, "images");
        foreach (var sample in images)
        {
            var copy = Path.Combine(folder, dataset.Classes[sample.Label], Path.GetFileName(sample.Location));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(sample.Location, copy);
        }
        var files = string.Join(' ', images.Select(s => s.Location));

        var (predict, evaluate) = (new List<double>(), new List<double>());
        for (int round = 0; round < Rounds; round++)
        {
            predict.Add(Shared.Dermlens($"predict --run {run} --precision fp32 --csv {files}", Path.Combine(work, $"predict-{round}.log")));
            evaluate.Add(Shared.Dermlens($"evaluate --run {run} --precision fp32 --data {folder}", Path.Combine(work, $"evaluate-{round}.log")));
        }

        double Median(List<double> seconds) => seconds.Order().ElementAt(seconds.Count / 2);
        var s = new StringBuilder();
        s.AppendLine("# predict against evaluate on the same images");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"{count} images of `ham10000-dev` (200x150 JPEGs), a ResNet-18 run at 96x128 trained one epoch there, fp32, " +
                     $"both verbs as the real CLI (start-up, model load and decoding included), interleaved, {Rounds} rounds; median and range of the wall clock. " +
                     $"Load at the start: {Shared.LoadAverage()}. Command: `dotnet run --project bench/DermLens.Bench -c Release -- predict [{count}]`.");
        s.AppendLine();
        s.AppendLine("| verb | median s | range s | images/s | ratio to evaluate |");
        s.AppendLine("|---|---:|---|---:|---:|");
        foreach (var (verb, seconds) in new[] { ("evaluate --data", evaluate), ("predict", predict) })
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| `{verb}` | {Median(seconds):F1} | {seconds.Min():F1}-{seconds.Max():F1} | {count / Median(seconds):F1} | {Median(seconds) / Median(evaluate):F2} |");
        return s.ToString();
    }
}
