using DermLens.Data;
using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;

namespace DermLens.Runs;

/// <summary>Builds the training and evaluation batch loaders of a run from its configuration.</summary>
public static class PipelineFactory
{
    /// <summary>Images are cached a little larger than the model input so random crops keep detail.</summary>
    public static ImageCache Cache(Dataset dataset, RunConfig config) =>
        new(dataset, WorkingSize(config), preprocess: PreprocessChain.Parse(config.Preprocess));

    /// <summary>For one pass over the images (evaluation): keeps none of them, so no more than the batches in flight are held.</summary>
    public static ImageCache OnePassCache(Dataset dataset, RunConfig config) =>
        new(dataset, WorkingSize(config), byteBudget: 0, preprocess: PreprocessChain.Parse(config.Preprocess));

    static InputSize WorkingSize(RunConfig config) => config.Train.ImageSize.Scaled(1.15);

    public static BatchLoader Training(IReadOnlyList<Sample> samples, ImageCache cache, RunConfig config)
    {
        var o = config.Train;
        var augmenter = new Augmenter(AugmentationOptions.Named(o.Augment, o.MinCropScale), o.ImageSize);
        ISampler sampler = o.Balanced
            ? new BalancedSampler(samples.Select(s => s.Label).ToArray(), o.Seed)
            : new ShuffleSampler(samples.Count, o.Seed);
        return new BatchLoader(samples, cache, augmenter.Apply, o.ImageSize, config.Mean, config.Std,
            o.BatchSize, sampler, o.Seed)
        {
            // A batch of one breaks BatchNorm in training mode.
            DropLast = samples.Count > o.BatchSize,
        };
    }

    public static BatchLoader Evaluation(IReadOnlyList<Sample> samples, ImageCache cache, RunConfig config) =>
        new(samples, cache, (image, _) => Resizer.ResizeCenterCrop(image, config.Train.ImageSize), config.Train.ImageSize,
            config.Mean, config.Std, config.Train.BatchSize, new SequentialSampler(samples.Count), config.Train.Seed);
}
