namespace DermLens.Tests.Cli;

[Trait("Category", "Slow")]
[Collection(TrainedRunCollection.Name)]
public class CaseStudyReportCliTests(TrainedRun trained)
{
    [Fact]
    public void Casestudy_then_report_write_the_panels_and_the_page()
    {
        var panels = trained.Scratch("cli-panels");
        var study = CliRunner.Run("casestudy", "--run", trained.Run.Path, "--min-errors", "1000", "--per-direction", "1",
            "--fallback-pairs", "1", "--out", panels);
        Assert.True(study.ExitCode == 0, study.ToString());
        Assert.Contains("No pair has 1000 or more test errors; showing the 1 most-confused pair(s) instead.", OneLine(study.Output));
        var index = File.ReadAllLines(Path.Combine(panels, "index.csv"));
        Assert.InRange(index.Length, 2, 3);
        Assert.All(index.Skip(1), row => Assert.True(File.Exists(Path.Combine(panels, row.Split(',')[^1]))));

        var page = trained.Scratch("cli-report") + ".html";
        var report = CliRunner.Run("report", "--run", trained.Run.Path, "--casestudy", panels, "--out", page);
        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Contains($"Report:{page}", OneLine(report.Output).Replace(" ", ""), StringComparison.Ordinal);
        var html = File.ReadAllText(page);
        var caseStudies = html[html.IndexOf("<section id=\"case-studies\">", StringComparison.Ordinal)..];
        caseStudies = caseStudies[..caseStudies.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Equal(index.Length - 1, caseStudies.Split("<figure><img src=\"data:image/png;base64,").Length - 1);

        var missing = CliRunner.Run("casestudy", "--run", trained.Scratch("nowhere"));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("Run folder not found", missing.Output);
    }

    /// <summary>The output with Spectre's line wrapping undone.</summary>
    static string OneLine(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
}
