using DermLens.Imaging;

namespace DermLens.Tests.Cli;

[Trait("Category", "Slow")]
public class ExplainCliTests
{
    [Fact]
    public void Explain_writes_a_picture_and_a_raw_map_per_method()
    {
        using var dir = new TempDir();
        var data = dir["data"];
        var run = dir["run"];
        CliRunner.TrainTinyRun(data, run);
        var image = Directory.GetFiles(Path.Combine(data, "Ulcer"), "*.png")[0];
        var stem = Path.GetFileNameWithoutExtension(image);

        foreach (var (method, mapBytes, more) in new (string, int, string[])[]
        {
            ("gradcam", 32 * 32 * 4, []), ("gradcam++", 32 * 32 * 4, []), ("guided", 3 * 32 * 32 * 4, []), ("guided-gradcam", 3 * 32 * 32 * 4, []),
            ("hirescam", 32 * 32 * 4, []), ("scorecam", 32 * 32 * 4, []),
            ("layercam", 32 * 32 * 4, ["--layer", "fused", "--smooth", "aug,eigen"]),
        })
        {
            var explain = CliRunner.Run(["explain", "--run", run, "--method", method, "--class", "Tumor", "--out", dir["maps"], .. more, image]);
            Assert.True(explain.ExitCode == 0, explain.ToString());
            Assert.Contains("Tumor", explain.Output);
            var picture = ImageCodec.Decode(Path.Combine(dir["maps"], $"{stem}.{method}.png"));
            Assert.Equal(32, picture.Height);
            var npy = File.ReadAllBytes(Path.Combine(dir["maps"], $"{stem}.{method}.npy"));
            Assert.Equal(10 + BitConverter.ToUInt16(npy, 8) + mapBytes, npy.Length);
        }

        var unknown = CliRunner.Run("explain", "--run", run, "--class", "Nevus", image);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("no class 'Nevus'", unknown.Output);
        var method404 = CliRunner.Run("explain", "--run", run, "--method", "lime", image);
        Assert.NotEqual(0, method404.ExitCode);
        Assert.Contains("gradcam++", method404.Output);
        var smooth404 = CliRunner.Run("explain", "--run", run, "--smooth", "aug,blur", image);
        Assert.NotEqual(0, smooth404.ExitCode);
        Assert.Contains("Unknown CAM smoothing 'blur'", smooth404.Output);
        var emptyLayer = CliRunner.Run("explain", "--run", run, "--layer", "layer3+", image);
        Assert.NotEqual(0, emptyLayer.ExitCode);
        Assert.Contains("'layer3+' has an empty name", emptyLayer.Output);
    }
}
