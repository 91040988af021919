using DermLens.Imaging.Preprocessing;
using DermLens.Runs;

namespace DermLens.Tests.Imaging.Preprocessing;

public class PreprocessNoteTallyTests
{
    [Fact]
    public void Notes_differing_only_in_numbers_count_as_one_kind_with_examples()
    {
        var tally = new PreprocessNoteTally();
        for (int i = 0; i < 5; i++)
            tally.Add($"/data/img{i}.jpg", [new("roi", $"largest dark region covers only 0.{i}% of the image; full image kept")]);
        tally.Add("/data/img0.jpg", [new("hair", "ignored: the file was already recorded")]);
        tally.Add("/data/dark.jpg", [new("fov", "image is dark almost everywhere"), new("roi", "no dark region survives the clean-up")]);
        tally.Add("/data/clean.jpg", []);

        var lines = tally.Summary(examples: 2);
        Assert.Equal(3, lines.Count);
        Assert.Equal(6, tally.Files);
        Assert.StartsWith("Preprocessing note, roi: largest dark region covers only #% of the image; full image kept (5 images; e.g. img0.jpg: largest dark region covers only 0.0%", lines[0]);
        Assert.Contains("img1.jpg: ", lines[0]);
        Assert.DoesNotContain("img2.jpg", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("Preprocessing note, fov: image is dark almost everywhere (1 image; e.g. dark.jpg"));
        Assert.DoesNotContain(lines, l => l.Contains("ignored"));
    }

    [Fact]
    public void Inference_uses_the_stored_chain_unless_another_is_asked_for()
    {
        var config = new RunConfig
        {
            Data = "d", Format = "imagefolder", Arch = "resnet18", Classes = ["a", "b"], Mean = [0, 0, 0], Std = [1, 1, 1],
            Train = new(), Preprocess = "fov,gamma=1.3",
        };
        var stored = InferencePreprocessing.For(config, null);
        Assert.Equal("fov,gamma=1.3", stored.Chain.ToString());
        Assert.Null(stored.Warning);
        Assert.Null(InferencePreprocessing.For(config, " FOV, gamma=1.30 ").Warning);
        var other = InferencePreprocessing.For(config, "none");
        Assert.True(other.Chain.IsEmpty);
        Assert.Contains("trained with preprocessing 'fov,gamma=1.3' but 'none'", other.Warning);
        Assert.Throws<DermLensException>(() => InferencePreprocessing.For(config, "fov,blur"));
    }
}
