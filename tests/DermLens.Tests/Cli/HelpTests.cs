using DermLens.Models;
using DermLens.Training;

namespace DermLens.Tests.Cli;

/// <summary>Option help lists what the library knows, read from its registries.</summary>
[Trait("Category", "Slow")]
public class HelpTests
{
    [Fact]
    public void Train_help_names_every_architecture_and_recipe()
    {
        var help = CliRunner.Run("train", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.All(ModelRegistry.Names.Concat(Recipes.Names), name => Assert.Contains(name, help.Output));
        Assert.Contains("resnet18-mlnet", help.Output);
    }

    [Fact]
    public void Lr_find_and_ablate_take_trains_options()
    {
        foreach (var verb in new[] { "lr-find", "ablate" })
        {
            var help = CliRunner.Run(verb, "--help");
            Assert.Equal(0, help.ExitCode);
            foreach (var option in new[] { "--recipe", "--schedule", "--balanced", "--augment", "--prior-correction", "--lr-rule" })
                Assert.Contains(option, help.Output);
        }
    }
}
