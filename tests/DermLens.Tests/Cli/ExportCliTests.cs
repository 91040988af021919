using System.Text.Json;

namespace DermLens.Tests.Cli;

/// <summary>`dermlens export` then `dermlens predict --onnx`: a deployer's trip, without libtorch.</summary>
[Trait("Category", "Slow")]
public class ExportCliTests
{
    [Fact]
    public void Export_then_predict_with_onnx_gives_the_runs_top_classes_without_loading_libtorch()
    {
        using var dir = new TempDir();
        CliRunner.TrainTinyRun(dir["data"], dir["run"]);
        var export = CliRunner.Run("export", "--run", dir["run"], "--format", "onnx", "--out", dir["deploy/model.onnx"]);
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.True(File.Exists(dir["deploy/model.onnx.json"]));

        var images = Directory.GetFiles(dir["data"], "*.png", SearchOption.AllDirectories).Take(4).ToArray();
        // The dynamic loader names every shared library it opens: libtorch must not be one of them.
        var onnx = CliRunner.Run(["predict", "--onnx", dir["deploy/model.onnx"], "--json", .. images], whileRunning: null,
            new Dictionary<string, string> { ["LD_DEBUG"] = "files" });
        Assert.True(onnx.ExitCode == 0, onnx.ToString());
        Assert.Contains("libonnxruntime", onnx.Output);
        Assert.DoesNotContain("libtorch_cpu", onnx.Output);

        var run = CliRunner.Run(["predict", "--run", dir["run"], "--precision", "fp32", "--json", .. images]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(TopClasses(run.Output), TopClasses(onnx.Output));

        var tta = CliRunner.Run(["predict", "--onnx", dir["deploy/model.onnx"], "--tta", "flips", .. images]);
        Assert.NotEqual(0, tta.ExitCode);
        Assert.Contains("--tta not supported with --onnx", tta.Output);
    }

    /// <summary>Each image's most probable class, from predict --json (standard output, before the loader's lines on standard error).</summary>
    static string[] TopClasses(string output)
    {
        var start = output.IndexOf("[\n", StringComparison.Ordinal);
        var json = output[start..(output.IndexOf("\n]", start, StringComparison.Ordinal) + 2)];
        return JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(r => r.GetProperty("top")[0].GetProperty("class").GetString()!).ToArray();
    }
}
