using System.Globalization;

namespace DermLens.Tests.Runs;

/// <summary>The README's library example (docs/examples/PredictExample.cs) is compiled into these tests, and runs as shown.</summary>
[Collection(TrainedRunCollection.Name)]
public class LibraryExampleTests(TrainedRun trained)
{
    static readonly string Repository = ArchitectureTests.Repository;

    [Fact]
    public void The_library_example_prints_the_top_two_classes_of_a_photo_and_the_referral()
    {
        var config = trained.Run.LoadConfig();
        var photo = Directory.GetFiles(Path.Combine(config.Data, "Tumor")).First();
        var output = new StringWriter();

        PredictExample.Print(trained.Run.Path, photo, output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var top = lines.Take(2).Select(l => l.Split(' ')).ToArray();
        Assert.All(top, t => Assert.Contains(t[0], config.Classes));
        var probabilities = top.Select(t => double.Parse(t[1], CultureInfo.InvariantCulture)).ToArray();
        Assert.True(probabilities[0] >= probabilities[1] && probabilities.All(p => p is >= 0 and <= 1), output.ToString());
        Assert.True(lines.Length is 2 or 3, output.ToString());
    }

    [Fact]
    public void The_library_example_fails_on_a_photo_it_cannot_read()
    {
        var notAPhoto = Path.Combine(trained.Scratch("not-a-photo"), "x.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(notAPhoto)!);
        File.WriteAllText(notAPhoto, "not an image");
        Assert.Throws<InvalidDataException>(() => PredictExample.Print(trained.Run.Path, notAPhoto, TextWriter.Null));
    }

    [Fact]
    public void The_readme_shows_the_library_example_as_it_is_compiled_here()
    {
        var example = File.ReadAllText(Path.Combine(Repository, "docs", "examples", "PredictExample.cs")).ReplaceLineEndings("\n").Trim();
        var readme = File.ReadAllText(Path.Combine(Repository, "README.md")).ReplaceLineEndings("\n");
        Assert.True(readme.Contains("```csharp\n" + example + "\n```"),
            "README.md must show docs/examples/PredictExample.cs verbatim in a ```csharp block (section \"Install\", the library paragraph): " +
            "copy the file there after changing it.");
    }
}
