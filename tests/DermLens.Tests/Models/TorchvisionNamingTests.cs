using DermLens.Models;
using Xunit;

namespace DermLens.Tests.Models;

/// <summary>Compares our state dicts with torchvision's, recorded in Resources/ (see each file's header), so torchvision weights load unchanged.</summary>
public class TorchvisionNamingTests
{
    [Theory]
    [InlineData("densenet121")]
    [InlineData("densenet161")]
    [InlineData("resnet18")]
    public void State_dict_names_and_shapes_equal_torchvisions(string name)
    {
        var expected = ReadReference(name);
        using var model = ModelRegistry.Create(name, 7);
        var actual = model.state_dict().ToDictionary(p => p.Key, p => Shape(p.Value.shape));

        var missing = expected.Keys.Except(actual.Keys).ToList();
        var extra = actual.Keys.Except(expected.Keys).ToList();
        var wrongShape = expected.Keys.Intersect(actual.Keys)
            .Where(k => expected[k] != actual[k])
            .Select(k => $"{k}: {actual[k]} vs {expected[k]}")
            .ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(", ", missing.Take(10)));
        Assert.True(extra.Count == 0, "extra: " + string.Join(", ", extra.Take(10)));
        Assert.True(wrongShape.Count == 0, "shapes: " + string.Join(", ", wrongShape.Take(10)));
    }

    static Dictionary<string, string> ReadReference(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Models", "Resources", $"{name}_state_dict.txt");
        return File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts[1].Replace(" ", ""));
    }

    static string Shape(long[] shape) => "[" + string.Join(",", shape) + "]";
}
