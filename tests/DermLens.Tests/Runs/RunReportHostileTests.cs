using System.Text.RegularExpressions;
using DermLens.Imaging;
using DermLens.Runs;
using DermLens.Training;

namespace DermLens.Tests.Runs;

/// <summary>A run folder received from someone else: its case-study index names files outside it, links and fakes.</summary>
public class RunReportHostileTests
{
    const string Secret = "TOP-SECRET-7f3a";

    [Fact]
    public void The_report_embeds_only_real_png_panels_inside_the_case_study_folder()
    {
        using var dir = new TempDir();
        var outside = dir["outside"];
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.txt"), Secret);
        var outsidePng = Path.Combine(outside, "private.png");
        ImageCodec.SavePng(new RgbImage(4, 4), outsidePng);

        var run = RunFolder.Create(dir["run"]);
        new RunConfig
        {
            Data = "d", Format = "imagefolder", Arch = "resnet18", Classes = ["a", "b"], Mean = [0, 0, 0], Std = [1, 1, 1], Train = new TrainOptions(),
        }.Save(run.Config);
        Directory.CreateDirectory(run.CaseStudies);
        File.WriteAllText(run.File("secret.txt"), Secret);
        File.WriteAllText(Path.Combine(run.CaseStudies, "fake.png"), Secret);
        File.CreateSymbolicLink(Path.Combine(run.CaseStudies, "link.png"), outsidePng);
        Directory.CreateSymbolicLink(Path.Combine(run.CaseStudies, "linkdir"), outside);
        ImageCodec.SavePng(new RgbImage(4, 4), Path.Combine(run.CaseStudies, "real.png"));
        string[] panels =
        [
            Path.Combine(outside, "secret.txt"), "../secret.txt", "../../outside/secret.txt", "fake.png", "link.png", "linkdir/private.png",
            "real.png",
        ];
        File.WriteAllText(Path.Combine(run.CaseStudies, CaseStudyJob.IndexName),
            "pair,pair_errors,image,true,predicted,p1,second,p2,p_true,panel\n" +
            string.Concat(panels.Select((p, i) => $"a / b,7,img{i},a,b,0.6,a,0.4,0.4,{p}\n")));

        var html = File.ReadAllText(new RunReport(run).Write().Path);

        var sources = Regex.Matches(html, "src=\"data:image/png;base64,([^\"]*)\"").Select(m => Convert.FromBase64String(m.Groups[1].Value)).ToList();
        Assert.Equal(File.ReadAllBytes(Path.Combine(run.CaseStudies, "real.png")), Assert.Single(sources));
        Assert.DoesNotContain(Secret, html);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Secret)), html);
        Assert.Equal(5, Regex.Matches(html, "not a file inside").Count);
        Assert.Contains("is not a PNG image; not shown", html);
    }

    [Theory]
    [InlineData("panel.png", true)]
    [InlineData("sub/panel.png", true)]
    [InlineData("../panel.png", false)]
    [InlineData("sub/../../panel.png", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("", false)]
    public void Only_names_that_stay_inside_the_folder_resolve(string name, bool inside)
    {
        using var dir = new TempDir();
        Assert.Equal(inside, ConfinedPath.Resolve(dir.Path, name) != null);
    }
}
