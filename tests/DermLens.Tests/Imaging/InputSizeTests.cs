using System.Text.Json;
using DermLens.Imaging;
using DermLens.Runs;
using DermLens.Training;

namespace DermLens.Tests.Imaging;

public class InputSizeTests
{
    [Theory]
    [InlineData("160", 160, 160)]
    [InlineData("150x200", 150, 200)]
    [InlineData(" 48X64 ", 48, 64)]
    public void Parse_reads_a_side_as_a_square_and_HxW_as_height_then_width(string text, int height, int width)
    {
        var size = InputSize.Parse(text);
        Assert.Equal((height, width), (size.Height, size.Width));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("150x")]
    [InlineData("x200")]
    [InlineData("1x2x3")]
    [InlineData("150*200")]
    [InlineData("2.5")]
    public void Parse_rejects_anything_but_N_or_HxW_naming_the_option_and_the_text(string text)
    {
        var e = Assert.Throws<DermLensException>(() => InputSize.Parse(text));
        Assert.Equal($"--image-size must be N or HxW, e.g. 224 or 150x200, got '{text}'.", e.Message);
    }

    [Fact]
    public void ToString_gives_a_square_as_its_side_and_the_rest_as_HxW_which_parses_back()
    {
        Assert.Equal("160", InputSize.Square(160).ToString());
        Assert.Equal("150x200", new InputSize(150, 200).ToString());
        Assert.Equal("200x150", new InputSize(200, 150).ToString());
        Assert.Equal(new InputSize(150, 200), InputSize.Parse(new InputSize(150, 200).ToString()));
    }

    [Fact]
    public void Sides_must_be_positive_and_a_bare_int_is_a_square()
    {
        Assert.Throws<DermLensException>(() => new InputSize(0, 10));
        Assert.Throws<DermLensException>(() => new InputSize(10, -1));
        InputSize size = 32;
        Assert.Equal(new InputSize(32, 32), size);
        Assert.Equal(150 * 200, new InputSize(150, 200).Plane);
        Assert.Equal(new InputSize(173, 230), new InputSize(150, 200).Scaled(1.15));
    }

    [Fact]
    public void An_old_config_with_a_numeric_image_size_loads_as_a_square()
    {
        using var dir = new TempDir();
        var path = dir["config.json"];
        File.WriteAllText(path, """
            { "data": "d", "format": "imagefolder", "arch": "resnet18", "classes": ["a", "b"],
              "mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25],
              "train": { "epochs": 3, "batchSize": 8, "imageSize": 224 } }
            """);
        Assert.Equal(InputSize.Square(224), RunConfig.Load(path).Train.ImageSize);
    }

    [Fact]
    public void A_config_round_trips_a_non_square_size_as_text_and_keeps_a_square_one_a_number()
    {
        using var dir = new TempDir();
        var path = dir["config.json"];
        Config(new InputSize(150, 200)).Save(path);
        Assert.Equal("150x200", Stored(path).GetString());
        Assert.Equal(new InputSize(150, 200), RunConfig.Load(path).Train.ImageSize);

        Config(96).Save(path);
        Assert.Equal(96, Stored(path).GetInt32());
        Assert.Equal(InputSize.Square(96), RunConfig.Load(path).Train.ImageSize);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("224.5")]
    [InlineData("true")]
    public void A_bad_image_size_in_a_config_is_a_clear_error(string json)
    {
        using var dir = new TempDir();
        var path = dir["config.json"];
        File.WriteAllText(path, $$"""
            { "data": "d", "format": "imagefolder", "arch": "resnet18", "classes": ["a"], "mean": [0, 0, 0], "std": [1, 1, 1],
              "train": { "imageSize": {{json}} } }
            """);
        var e = Assert.Throws<DermLensException>(() => RunConfig.Load(path));
        Assert.Contains("imageSize", e.Message);
    }

    static RunConfig Config(InputSize size) => new()
    {
        Data = "d", Format = "imagefolder", Arch = "resnet18", Classes = ["a", "b"], Mean = [0, 0, 0], Std = [1, 1, 1],
        Train = new TrainOptions { ImageSize = size },
    };

    static JsonElement Stored(string path) =>
        JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("train").GetProperty("imageSize");
}
