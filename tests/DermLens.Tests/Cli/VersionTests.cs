using System.Text.RegularExpressions;

namespace DermLens.Tests.Cli;

/// <summary>`dermlens --version` says which DermLens, TorchSharp and libtorch run, loading libtorch to tell.</summary>
[Trait("Category", "Slow")]
public class VersionTests
{
    [Fact]
    public void Version_prints_dermlens_torchsharp_and_the_loaded_libtorch()
    {
        var result = CliRunner.Run("--version");
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^dermlens \d+\.\d+\.\d+", lines[0]);
        Assert.Equal("TorchSharp " + typeof(TorchSharp.torch).Assembly.GetName().Version!.ToString(3), lines[1]);
        var libtorch = Regex.Match(lines[2], @"^libtorch (\S+) \((.+)\)$");
        Assert.True(libtorch.Success, lines[2]);
        Assert.Equal("2.10.0", libtorch.Groups[1].Value);
        Assert.True(File.Exists(libtorch.Groups[2].Value), libtorch.Groups[2].Value);
        Assert.StartsWith("devices: cpu", lines[3]);
    }
}
