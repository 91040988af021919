using System.Text.RegularExpressions;
using DermLens.Evaluation;
using DermLens.Reporting;
using DermLens.Runs;

namespace DermLens.Tests.Reporting;

[Trait("Category", "Slow")]
[Collection(TrainedRunCollection.Name)]
public class RunReportTests(TrainedRun trained)
{
    /// <summary>Writes the fixture's report with a CAM quality table whose method name needs escaping; returns the result and the page.</summary>
    internal static (RunReportResult Result, string Html) WriteWithCamQuality(TrainedRun trained, string output)
    {
        var camQuality = trained.Run.CamQuality;
        File.WriteAllText(camQuality, "method,pointing_game,energy_in_mask\ngradcam <b>&,0.812,0.640\nrandom,0.300,0.250\n");
        try
        {
            var result = new RunReport(trained.Run).Write(output);
            return (result, File.ReadAllText(result.Path));
        }
        finally
        {
            File.Delete(camQuality);
        }
    }

    [Fact]
    public void The_page_has_every_section_and_embeds_every_image()
    {
        var (result, html) = WriteWithCamQuality(trained, trained.Scratch("report") + ".html");

        Assert.Equal(["Configuration", "Training", "Test metrics", "Calibration", "Operating points", "Subgroups", "Most-confused pairs",
            "Case studies of the most-confused pairs", "CAM quality"], result.Sections);
        Assert.Equal(["LR finder (run dermlens lr-find, or train with --lr auto)"], result.Missing);
        foreach (var id in new[] { "configuration", "training", "metrics", "calibration", "operating-points", "subgroups", "confused-pairs", "case-studies", "cam-quality" })
            Assert.Contains($"<section id=\"{id}\">", html);
        Assert.Contains("<td>train.loss</td><td>bce</td>", html);
        Assert.Contains("<td>preprocess</td><td>gamma=1.3</td>", html);

        // Nothing is fetched from anywhere: every source is an embedded PNG and every link a place in the page.
        var sources = Regex.Matches(html, "src=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        // Curves and schedule, confusion matrix, reliability diagram, ROC and PR curves, one plot per subgrouping, panels.
        var subgroupings = ClassificationMetrics.Load(trained.Run.Metrics).Subgroups!.Count;
        Assert.Equal(2 + 1 + 1 + 2 + subgroupings + trained.CaseStudy.Entries.Count, sources.Count);
        foreach (var source in sources)
        {
            Assert.StartsWith("data:image/png;base64,", source);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Convert.FromBase64String(source["data:image/png;base64,".Length..])[..4]);
        }
        Assert.All(Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value), href => Assert.StartsWith("#", href));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html);

        Assert.Contains("<td>gradcam &lt;b&gt;&amp;</td><td class=\"num\">0.812</td>", html);
        foreach (var entry in trained.CaseStudy.Entries)
            Assert.Contains($"{entry.Id}: true {entry.True}, predicted {entry.Predicted}", html);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(result.Path)!, "*.tmp*"));
    }

    [Fact]
    public void A_run_evaluated_before_calibration_curves_and_subgroups_existed_still_gets_its_metrics_section()
    {
        var folder = trained.Scratch("old");
        Directory.CreateDirectory(folder);
        File.Copy(trained.Run.Config, Path.Combine(folder, "config.json"));
        var metrics = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(trained.Run.Metrics))!.AsObject();
        foreach (var added in new[] { "intervals", "calibration", "subgroups" }) Assert.True(metrics.Remove(added), $"metrics.json has no {added}");
        File.WriteAllText(Path.Combine(folder, "metrics.json"), metrics.ToJsonString());

        var result = new RunReport(new RunFolder(folder)).Write();

        Assert.Equal(["Configuration", "Test metrics"], result.Sections);
    }

    [Fact]
    public void A_run_with_only_its_configuration_still_gets_a_page_that_says_what_is_missing()
    {
        var folder = trained.Scratch("bare");
        Directory.CreateDirectory(folder);
        File.Copy(trained.Run.Config, Path.Combine(folder, "config.json"));

        var result = new RunReport(new RunFolder(folder)).Write();

        Assert.Equal(new RunFolder(folder).Report, result.Path);
        Assert.Equal(["Configuration"], result.Sections);
        Assert.Equal(6, result.Missing.Count);
        Assert.Contains("run dermlens evaluate", File.ReadAllText(result.Path));
    }
}
