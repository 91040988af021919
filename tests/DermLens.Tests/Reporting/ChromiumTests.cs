using System.Diagnostics;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace DermLens.Tests.Reporting;

/// <summary>Headless Chromium (Debian's chromium), found on the PATH or through DERMLENS_CHROMIUM.</summary>
static class Chromium
{
    public static string? Executable { get; } = new[] { Environment.GetEnvironmentVariable("DERMLENS_CHROMIUM"), "chromium", "chromium-browser", "google-chrome" }
        .Where(name => !string.IsNullOrEmpty(name))
        .Select(name => Path.IsPathRooted(name) ? name : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, name!)).FirstOrDefault(File.Exists))
        .FirstOrDefault(path => path != null && File.Exists(path));

    /// <summary>Runs the browser headless on a page with extra arguments; returns standard output and error.</summary>
    public static (string Output, string Error) Run(string page, string profile, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--headless", "--disable-gpu", "--no-sandbox", "--enable-logging=stderr", "--v=0", $"--user-data-dir={profile}" }
                     .Concat(arguments).Append(new Uri(page).AbsoluteUri))
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90))) { process.Kill(true); throw new TimeoutException("chromium did not finish"); }
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {error.Result}");
        return (output.Result, error.Result);
    }
}

/// <summary>A fact that is skipped, with the reason, where Chromium is not installed.</summary>
sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null) Skip = "Chromium is not installed (apt-get install chromium), so the report is not checked in a browser";
    }
}

[Trait("Category", "Slow")]
[Collection(TrainedRunCollection.Name)]
public class ChromiumTests(TrainedRun trained)
{
    [ChromiumFact]
    public void The_report_loads_from_disk_without_console_errors_and_renders_its_sections()
    {
        var page = trained.Scratch("browser") + ".html";
        var (_, html) = RunReportTests.WriteWithCamQuality(trained, page);
        var profile = trained.Scratch("profile");
        var screenshot = trained.Scratch("shot") + ".png";

        var (dom, domLog) = Chromium.Run(page, profile, "--dump-dom");
        var (_, shotLog) = Chromium.Run(page, profile, $"--screenshot={screenshot}", "--window-size=1280,2400", "--hide-scrollbars");

        // Console messages (script errors, blocked loads under the page's content security policy) are logged as CONSOLE lines.
        foreach (var log in new[] { domLog, shotLog })
            Assert.DoesNotMatch(new Regex("CONSOLE|Uncaught"), log);
        foreach (var id in new[] { "configuration", "training", "metrics", "calibration", "operating-points", "subgroups", "confused-pairs", "case-studies", "cam-quality" })
            Assert.Contains($"<section id=\"{id}\">", dom);
        Assert.Equal(Regex.Matches(html, "<img ").Count, Regex.Matches(dom, "<img ").Count);

        using var png = new PngFile(screenshot);
        Assert.Equal(1280, png.Width);
        var inked = png.Count(c => c.Red < 235 || c.Green < 235 || c.Blue < 235);
        Assert.True(inked > png.Width * png.Height / 50, $"the screenshot is nearly blank: {inked} non-white pixels");
        Assert.True(png.Count(PngFile.IsDark, new SKRectI(0, 0, png.Width, 120)) > 500, "no heading drawn at the top");
    }
}
