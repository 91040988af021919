using DermLens.Cli;
using DermLens.Cli.Commands;
using DermLens.Cli.Views;
using Spectre.Console.Cli;

// Spectre's own --version prints one string; ours loads libtorch to say which one runs.
if (args is ["--version"] or ["-v"])
{
    try { return VersionView.Print(); }
    catch (Exception e) { return ErrorReporter.Report(e); }
}

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("dermlens");
    config.SetApplicationVersion(VersionView.Version);
    // A misspelt option (--epoch for --epochs) must be an error, not a silently ignored word.
    config.UseStrictParsing();
    OptionSuggestion.Add<DemoCommand>(config, "demo", "Make synthetic lesions, train a small model, evaluate, predict, study the confused pairs and write the report: the whole trip in a few minutes.");
    OptionSuggestion.Add<SynthCommand>(config, "synth", "Write a synthetic ImageFolder of the 10 skin-condition classes, with lesion masks.");
    OptionSuggestion.Add<TrainCommand>(config, "train", "Train a classifier; writes a run folder with the best checkpoint, split, metrics and plots.");
    OptionSuggestion.Add<LrFindCommand>(config, "lr-find", "Learning-rate range test: sweep the LR over mini-batches, plot the loss, suggest a rate.");
    OptionSuggestion.Add<EvaluateCommand>(config, "evaluate", "Score a run's model: accuracy, balanced accuracy, per-class metrics, AUC, confusion matrix, confused pairs.");
    OptionSuggestion.Add<CompareCommand>(config, "compare", "Two evaluated runs on the same test images: each metric and the paired bootstrap interval of the difference.");
    OptionSuggestion.Add<PredictCommand>(config, "predict", "Top-k classes with probabilities for image files.");
    OptionSuggestion.Add<ExportCommand>(config, "export", "Write a run's model for deployment: an ONNX file (normalisation folded in, dynamic batch) and a JSON of classes, input and scoring.");
    OptionSuggestion.Add<PreprocessCommand>(config, "preprocess", "Apply a preprocessing chain (fov, roi, gamma, illumination, color, hair) to images, writing PNGs.");
    OptionSuggestion.Add<AblateCommand>(config, "ablate", "Train the same model with no preprocessing, each step alone and all steps; table of accuracy and balanced accuracy.");
    OptionSuggestion.Add<ExplainCommand>(config, "explain", "Where the model looks: CAM overlays, Guided Backprop images and raw .npy maps for image files; --score measures every method on masked test images.");
    OptionSuggestion.Add<CaseStudyCommand>(config, "casestudy", "Case studies of the most-confused pairs: Grad-CAM, contrastive CAM and Guided Backprop panels with top-2 probabilities.");
    OptionSuggestion.Add<ReportCommand>(config, "report", "One self-contained HTML page of a run: configuration, curves, metrics, confusion, case studies, CAM quality.");
    OptionSuggestion.Add<ServeCommand>(config, "serve", "The screening service of a run: a web page and an HTTP API (predict, explain, model), with probes, metrics and limits.");
    OptionSuggestion.Add<CompletionCommand>(config, "completion", "Print a shell completion script: bash, zsh or pwsh (e.g. source <(dermlens completion bash)).");
    config.SetExceptionHandler((exception, _) => ErrorReporter.Report(exception));
});
OptionSuggestion.Verb = args.FirstOrDefault(a => !a.StartsWith('-'));
return app.Run(args);
