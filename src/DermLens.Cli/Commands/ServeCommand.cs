using System.ComponentModel;
using DermLens.Service;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens serve`: the screening service (web page and HTTP API) for a trained run.</summary>
sealed class ServeCommand : Command<ServeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--run <RUN>"), Description("Run folder written by train")] public string Run { get; init; } = "";
        [CommandOption("--urls <URLS>"), Description("Where to listen (default http://127.0.0.1:5080: this machine only; http://0.0.0.0:5080 for the network)")]
        public string Urls { get; init; } = "http://127.0.0.1:5080";
        [CommandOption("--device <DEV>"), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        [CommandOption("--precision <P>"), Known(Known.Precisions, "auto: bf16 where the hardware has bf16 units, else fp32"), DefaultValue("auto")] public string Precision { get; init; } = "auto";
        [CommandOption("--max-batch <N>"), Description("Most images per model pass (micro-batching; 1: none)"), DefaultValue(8)] public int MaxBatch { get; init; } = 8;
        [CommandOption("--max-wait-ms <MS>"), Description("How long the first image of a batch waits for others"), DefaultValue(10)] public int MaxWaitMs { get; init; } = 10;
        [CommandOption("--queue <N>"), Description("Images that may wait for the model; beyond, 503 with Retry-After"), DefaultValue(64)] public int Queue { get; init; } = 64;
        [CommandOption("--workers <N>"), Description("Batches scored at once"), DefaultValue(1)] public int Workers { get; init; } = 1;
        [CommandOption("--model-threads <N>"), Description("Threads one model pass computes on (default: one core fewer than the machine has, shared among the workers, at least 1)")] public int? ModelThreads { get; init; }
        [CommandOption("--max-upload-mb <MB>"), Description("Largest upload (413 beyond)"), DefaultValue(20.0)] public double MaxUploadMb { get; init; } = 20;
        [CommandOption("--timeout <S>"), Description("Seconds a request may take (504 beyond)"), DefaultValue(30)] public int Timeout { get; init; } = 30;
        [CommandOption("--api-key <KEY>"), Description("Require this key on every /api request and on /metrics, in the X-Api-Key header or as a bearer token (at least 16 characters)")] public string? ApiKey { get; init; }
        [CommandOption("--keep-uploads <DIR>"), Description("Keep every upload here under a generated name (default: none is written)")] public string? KeepUploads { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Run) ? ValidationResult.Error("--run <RUN> is required") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var options = new ServiceOptions
        {
            Run = settings.Run, Urls = settings.Urls, Device = settings.Device, Precision = settings.Precision, MaxBatch = settings.MaxBatch,
            MaxWaitMs = settings.MaxWaitMs, QueueCapacity = settings.Queue, Workers = settings.Workers,
            MaxUploadBytes = (long)(settings.MaxUploadMb * 1024 * 1024), RequestTimeoutSeconds = settings.Timeout,
            ApiKey = settings.ApiKey, KeepUploads = settings.KeepUploads,
        };
        options = options with { ModelThreads = settings.ModelThreads ?? options.DefaultModelThreads };
        var app = ServiceApp.Build(options);
        AnsiConsole.MarkupLineInterpolated($"Serving [bold]{settings.Run}[/] on [bold]{settings.Urls}[/] (page at /, API at /api, OpenAPI at /openapi.json), model passes on {options.ModelThreads} thread(s); Ctrl+C stops");
        app.StartAsync(ct).GetAwaiter().GetResult();
        app.WaitForShutdownAsync(ct).GetAwaiter().GetResult();
        return 0;
    }
}
