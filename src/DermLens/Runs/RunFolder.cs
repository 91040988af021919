namespace DermLens.Runs;

/// <summary>The folder a run writes into; every later verb works from it alone.</summary>
public sealed class RunFolder
{
    public string Path { get; }

    public RunFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Config => File("config.json");
    public string Split => File("split.csv");
    public string Model => File("model.pt");
    public string Metrics => File("metrics.json");
    public string Log => File("log.txt");
    public string History => File("history.csv");
    public string File(string name) => System.IO.Path.Combine(Path, name);

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
