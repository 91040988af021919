using DermLens.Bench;

var name = args.FirstOrDefault() ?? "";
var benchmarks = new Dictionary<string, Func<string[], string>>
{
    ["pipeline"] = PipelineBenchmark.Run,
    ["recipe"] = RecipeBenchmark.Run,
    ["preprocess"] = PreprocessBenchmark.Run,
    ["explain"] = ExplainBenchmark.Run,
    ["cam-cost"] = CamCostBenchmark.Run,
    ["speed"] = SpeedBenchmark.Run,
    ["ham10000"] = HamBenchmark.Run,
    ["predict"] = PredictBenchmark.Run,
    ["serve"] = ServeBenchmark.Run,
    ["onnx"] = OnnxBenchmark.Run,
};
if (!benchmarks.TryGetValue(name, out var run))
{
    Console.Error.WriteLine($"usage: dotnet run --project bench/DermLens.Bench -c Release -- <{string.Join('|', benchmarks.Keys)}> [options]");
    return 1;
}
var report = run(args[1..]);
Console.WriteLine(report);
var results = Path.Combine(AppContext.BaseDirectory, "../../../../results");
Directory.CreateDirectory(results);
var file = Path.Combine(Path.GetFullPath(results), (name == "recipe" ? RecipeBenchmark.ResultsName(args[1..]) : name) + ".md");
File.WriteAllText(file, report);
Console.WriteLine($"saved {file}");
return 0;
