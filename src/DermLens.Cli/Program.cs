using DermLens.Cli;
using DermLens.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("dermlens");
    // A misspelt option (--epoch for --epochs) must be an error, not a silently ignored word.
    config.UseStrictParsing();
    config.AddCommand<DemoCommand>("demo").WithDescription("Make synthetic lesions, train a small model, evaluate, predict, study the confused pairs and write the report: the whole trip in a few minutes.");
    config.AddCommand<SynthCommand>("synth").WithDescription("Write a synthetic ImageFolder of the 10 skin-condition classes, with lesion masks.");
    config.AddCommand<TrainCommand>("train").WithDescription("Train a classifier; writes a run folder with the best checkpoint, split, metrics and plots.");
    config.AddCommand<LrFindCommand>("lr-find").WithDescription("Learning-rate range test: sweep the LR over mini-batches, plot the loss, suggest a rate.");
    config.AddCommand<EvaluateCommand>("evaluate").WithDescription("Score a run's model: accuracy, balanced accuracy, per-class metrics, AUC, confusion matrix, confused pairs.");
    config.AddCommand<PredictCommand>("predict").WithDescription("Top-k classes with probabilities for image files.");
    config.AddCommand<PreprocessCommand>("preprocess").WithDescription("Apply a preprocessing chain (fov, roi, gamma, illumination, color, hair) to images, writing PNGs.");
    config.AddCommand<AblateCommand>("ablate").WithDescription("Train the same model with no preprocessing, each step alone and all steps; table of accuracy and balanced accuracy.");
    config.AddCommand<ExplainCommand>("explain").WithDescription("Where the model looks: CAM overlays, Guided Backprop images and raw .npy maps for image files; --score measures every method on masked test images.");
    config.AddCommand<CaseStudyCommand>("casestudy").WithDescription("Case studies of the most-confused pairs: Grad-CAM, contrastive CAM and Guided Backprop panels with top-2 probabilities.");
    config.AddCommand<ReportCommand>("report").WithDescription("One self-contained HTML page of a run: configuration, curves, metrics, confusion, case studies, CAM quality.");
    config.SetExceptionHandler((exception, _) => ErrorReporter.Report(exception));
});
return app.Run(args);
