using DermLens.Cli.Commands;
using DermLens.Training;

namespace DermLens.Tests.Cli;

/// <summary>Every verb that trains resolves its options one way: the recipe, then the options given on top.</summary>
public class TrainingSettingsTests
{
    [Fact]
    public void Train_lr_find_and_ablate_given_the_same_options_train_alike()
    {
        var train = new TrainCommand.Settings { Data = "d", Out = "r", Recipe = "research", Pretrained = true, Epochs = 3, Balanced = true, Augment = "flips" };
        var lrFind = new LrFindCommand.Settings { Data = "d", Out = "r", Recipe = "research", Pretrained = true, Epochs = 3, Balanced = true, Augment = "flips" };
        var ablate = new AblateCommand.Settings { Data = "d", Out = "r", Recipe = "research", Pretrained = true, Epochs = 3, Balanced = true, Augment = "flips", Steps = "fov" };

        var trained = train.ToRequest();
        Assert.Equal(trained, lrFind.ToRequest("r"));
        Assert.Equal(trained, ablate.ToAblationRequest().Training);
        Assert.Equal(3, trained.Train.Epochs);
        Assert.Equal("sgdr", trained.Train.Schedule);
    }

    [Fact]
    public void Lr_find_with_a_head_stage_sweeps_the_head_only_as_train_lr_auto_does()
    {
        var lrFind = new LrFindCommand.Settings { Data = "d", Out = "r", Recipe = "research", Pretrained = true };
        Assert.Equal([false, false, false, false, true], Recipes.FirstStageTrainable(lrFind.ToRequest("r").Options, 5));
        var fromScratch = new LrFindCommand.Settings { Data = "d", Out = "r", Recipe = "research" };
        Assert.All(Recipes.FirstStageTrainable(fromScratch.ToRequest("r").Options, 5), Assert.True);
    }

    [Fact]
    public void With_no_options_every_verb_trains_the_baseline_recipe_which_the_library_defaults_are()
    {
        Assert.Equal(new TrainOptions(), Recipes.Preset("baseline"));
        Assert.Equal("constant", new TrainCommand.Settings().ToOptions().Schedule);
        Assert.Equal(new TrainOptions(), new AblateCommand.Settings().ToOptions());
        Assert.Equal(new TrainOptions(), new LrFindCommand.Settings().ToOptions());
    }

    [Fact]
    public void The_demo_trains_its_recipe_with_its_own_epochs_size_and_seed()
    {
        var demo = new DemoCommand.Settings { Epochs = 3, ImageSize = "32", Seed = 2 }.ToOptions();
        Assert.Equal(Recipes.Preset("demo") with { Epochs = 3, Patience = 3, ImageSize = 32, Seed = 2 }, demo);
        Assert.Equal("cosine", demo.Schedule);
    }
}
