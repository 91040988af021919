using Xunit;
using DermLens.Data;

namespace DermLens.Tests.Data;

public class SplitFileTests
{
    static readonly Lazy<Dataset> Ham = new(() => new Ham10000Source().Read(SharedData.Ham10000));

    [Fact]
    public void Round_trips_through_split_csv()
    {
        using var dir = new TempDir();
        var path = dir[Split.FileName];
        var split = Splitter.Make(Ham.Value, new SplitOptions(Seed: 5));

        split.Save(path, Ham.Value);
        var loaded = Split.Load(path, Ham.Value);

        Assert.Equal(split.Train, loaded.Train);
        Assert.Equal(split.Validation, loaded.Validation);
        Assert.Equal(split.Test, loaded.Test);
        var lines = File.ReadAllLines(path);
        Assert.Equal("id,label,class,group,part", lines[0]);
        var first = split.Train[0];
        Assert.Equal($"{first.Id},{first.Label},{Ham.Value.Classes[first.Label]},{first.Group},train", lines[1]);
        Assert.Equal(316, lines.Length);
        Assert.Equal(new[] { Split.FileName }, Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Ids_with_commas_quotes_and_spaces_survive()
    {
        using var dir = new TempDir();
        var samples = new List<Sample>
        {
            new("Pigmented Macula/a, \"b\".png", 0, "x"), new(" lead.png", 1, "y", Group: "g 1"),
        };
        var data = new Dataset("test", "/nowhere", ["Pigmented Macula", "Wheal"], samples);
        var split = new Split([samples[0]], [], [samples[1]]);

        split.Save(dir["split.csv"], data);
        var loaded = Split.Load(dir["split.csv"], data);

        Assert.Equal(samples[0], Assert.Single(loaded.Train));
        Assert.Equal(samples[1], Assert.Single(loaded.Test));
    }

    [Fact]
    public void Ids_not_in_the_data_set_are_listed_with_their_count()
    {
        using var dir = new TempDir();
        var path = dir[Split.FileName];
        Splitter.Make(Ham.Value).Save(path, Ham.Value);
        File.AppendAllText(path, string.Concat(Enumerable.Range(0, 7).Select(i => $"ISIC_GONE{i},0,akiec,,test\n")));

        var error = Assert.Throws<DermLensException>(() => Split.Load(path, Ham.Value));

        Assert.Equal($"7 ids in {path} are not in the data set at {Ham.Value.Root}: "
            + "ISIC_GONE0, ISIC_GONE1, ISIC_GONE2, ISIC_GONE3, ISIC_GONE4 and 2 more.", error.Message);
    }

    [Fact]
    public void A_sample_whose_class_changed_is_an_error()
    {
        using var dir = new TempDir();
        var path = dir[Split.FileName];
        Splitter.Make(Ham.Value).Save(path, Ham.Value);
        var lines = File.ReadAllLines(path);
        var fields = lines[1].Split(',');
        var wrong = fields[2] == "nv" ? "mel" : "nv";
        lines[1] = string.Join(',', fields[0], fields[1], wrong, fields[3], fields[4]);
        File.WriteAllLines(path, lines);

        var error = Assert.Throws<DermLensException>(() => Split.Load(path, Ham.Value));

        Assert.Contains($"{fields[0]} ({wrong} -> {fields[2]})", error.Message);
    }

    [Fact]
    public void A_missing_split_file_is_reported()
    {
        var error = Assert.Throws<DermLensException>(() => Split.Load("/no/such/split.csv", Ham.Value));
        Assert.Equal("Split file not found: /no/such/split.csv", error.Message);
    }
}
