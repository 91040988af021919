using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using DermLens.Evaluation;
using DermLens.Imaging;
using DermLens.Interpretation;
using DermLens.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Rewrite;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DermLens.Service;

/// <summary>
/// The screening service as an ASP.NET Core application: the run's model loaded once behind a micro-batcher, the API
/// (predict, explain, model), probes, Prometheus metrics, OpenAPI and the page; limits on uploads, pixels, time and
/// queue; errors as RFC 7807 problem JSON.
/// </summary>
public static class ServiceApp
{
    /// <summary>Shown with every answer and on the page.</summary>
    public const string Notice = "A screening aid, not a diagnosis: see a clinician about any skin lesion that worries you, whatever this says.";

    const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Loads the run and builds the application; configure may adjust the builder (tests use an in-memory server).</summary>
    public static WebApplication Build(ServiceOptions options, Action<WebApplicationBuilder>? configure = null) =>
        Build(options, configure, beforeEachPass: null);

    /// <summary>As the public Build; beforeEachPass runs on the scoring thread before each model pass (tests hold the model there).</summary>
    internal static WebApplication Build(ServiceOptions options, Action<WebApplicationBuilder>? configure, Action? beforeEachPass)
    {
        options.Check();
        var run = RunFolder.Open(options.Run);
        if (options.KeepUploads != null) Directory.CreateDirectory(options.KeepUploads);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        // A line per request on the console would cost more than scoring a photo; /metrics counts them instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // The limit is checked while reading too; Kestrel's stops a body that lies about its length.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxUploadBytes + 64 * 1024);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds),
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        });
        configure?.Invoke(builder);

        if (options.ModelThreads is { } threads) TorchSharp.torch.set_num_threads(threads);
        var model = OwnThread.Run(() => new ServedModel(run, options.Device, options.Precision));
        bool warm = false;
        var batcher = new MicroBatcher<RgbImage, Scored>(batch =>
        {
            if (warm) beforeEachPass?.Invoke();
            return Score(model, batch);
        }, options.MaxBatch,
            TimeSpan.FromMilliseconds(options.MaxWaitMs), options.QueueCapacity, options.Workers);
        // One pass before the first request: a broken model fails here, and /readyz means what it says. Through the
        // batcher, whose thread is to be the only one that keeps an OpenMP team (see OwnThread).
        try { batcher.SubmitAsync(model.Prepare(new RgbImage(model.InputSize.Width, model.InputSize.Height))).GetAwaiter().GetResult(); }
        catch
        {
            batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
            model.Dispose();
            throw;
        }
        warm = true;
        var metrics = new ServiceMetrics(() => batcher.QueueLength);
        batcher.BatchProcessed += (size, _) => metrics.Batch(size);

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
            model.Dispose();
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            var clock = Stopwatch.StartNew();
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            try { await next(context); }
            finally { metrics.Request((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "other", context.Response.StatusCode, clock.Elapsed); }
        });
        app.Use(async (context, next) =>
        {
            if (options.ApiKey != null && NeedsKey(context.Request.Path) && !KeyMatches(GivenKey(context.Request), options.ApiKey))
            {
                await Results.Problem(statusCode: 401, title: "API key required",
                    detail: $"Send the service's API key in the {ApiKeyHeader} header (or as a bearer token).").ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        app.UseRewriter(new RewriteOptions().AddRewrite("^openapi\\.json$", "openapi/v1.json", skipRemainingRules: true));
        app.UseRequestTimeouts();

        var summary = new ModelSummary(model.Id, model.Config.Arch, model.Classes);
        app.MapPost("/api/predict", async (HttpRequest request, int? top, CancellationToken ct) =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var (photo, prepared) = await Read(request, options, model, ct);
                double decodeMs = clock.Elapsed.TotalMilliseconds;
                var scoring = batcher.SubmitAsync(prepared, ct);
                // Checked while the model scores: the pass leaves a core free (--model-threads), and the answer waits for both.
                var quality = ImageQuality.Check(photo);
                // WaitAsync: a request whose time is up is answered 504 even while its image is in a model pass.
                var scored = await scoring.WaitAsync(ct);
                var row = scored.Row;
                var best = row.Select((p, c) => new ClassProbability(model.Classes[c], p)).OrderByDescending(c => c.Probability)
                    .Take(Math.Clamp(top ?? 3, 1, row.Length)).ToArray();
                double totalMs = clock.Elapsed.TotalMilliseconds;
                return Results.Ok(new PredictResponse(summary, best,
                    ReferralAdvice.For(row, model.Classes, model.Config.Referral, options.LowConfidence, quality),
                    new QualitySummary(quality.Ok, quality.Issues), new PixelSize(photo.Width, photo.Height),
                    new Timings(decodeMs, Math.Max(0, totalMs - decodeMs - scored.BatchMs), scored.BatchMs, totalMs), Notice));
            }
            catch (UploadRefused refused) { return Refusal(refused); }
            catch (QueueFullException full) { return Busy(request.HttpContext, full); }
        }).Produces<PredictResponse>().ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(503)
          .WithSummary("Scores one photo: top classes with calibrated probabilities, the referral decision and its reasons, quality checks.");

        app.MapPost("/api/explain", async (HttpRequest request, string? @class, string? part, CancellationToken ct) =>
        {
            try
            {
                int? target;
                try { target = @class == null ? null : model.Config.ClassIndex(@class); }
                catch (DermLensException e) { throw new UploadRefused(400, "Unknown class", e.Message); }
                var (_, prepared) = await Read(request, options, model, ct);
                var picture = (part ?? "overlay").ToLowerInvariant() switch
                {
                    "overlay" => await OwnThread.RunAsync(() => model.Explain(prepared, target)),
                    "input" => prepared,
                    _ => throw new UploadRefused(400, "Unknown part", $"part must be overlay (the heat map over the input) or input (the preprocessed input), got '{part}'."),
                };
                return Results.File(Png.Encode(picture), "image/png");
            }
            catch (UploadRefused refused) { return Refusal(refused); }
        }).Produces(200, contentType: "image/png").ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422)
          .WithSummary($"The heat map ({DefaultExplanation.Title}) over the input for a class (default: the top one), or the preprocessed model input, as PNG.");

        app.MapGet("/api/model", () => Results.Ok(Describe(model, run))).Produces<ModelDescription>()
            .WithSummary("The model served: classes, architecture, training data, calibration, referral rule and test metrics.");
        app.MapGet("/healthz", () => Results.Text("ok")).WithSummary("The process is up.");
        app.MapGet("/readyz", (IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.IsCancellationRequested
            ? Results.Problem(statusCode: 503, title: "Stopping", detail: "The service is shutting down.")
            : Results.Text("ready")).WithSummary("The model is loaded and scoring.");
        app.MapGet("/metrics", async (HttpContext context, CancellationToken ct) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.WriteAsync(context.Response.Body, ct);
        }).WithSummary("Prometheus metrics.");
        app.MapOpenApi();
        foreach (var (path, file, type) in new[] { ("/", "index.html", "text/html; charset=utf-8"), ("/app.js", "app.js", "text/javascript; charset=utf-8"), ("/app.css", "app.css", "text/css; charset=utf-8") })
        {
            var bytes = PageFile(file);
            if (bytes != null) app.MapGet(path, () => Results.Bytes(bytes, type)).ExcludeFromDescription();
        }
        return app;
    }

    /// <summary>The photo of a request decoded and prepared; kept under --keep-uploads when asked.</summary>
    static async Task<(RgbImage Photo, RgbImage Prepared)> Read(HttpRequest request, ServiceOptions options, ServedModel model, CancellationToken ct)
    {
        var upload = await UploadReader.ReadAsync(request, options.MaxUploadBytes, ct);
        RgbImage photo;
        try { photo = ImageCodec.Decode(upload.Bytes, "upload", options.MaxPixels); }
        catch (ImageReadException e) { throw new UploadRefused(422, "Unreadable image", e.Message); }
        if (options.KeepUploads != null)
            AtomicFile.WriteAllBytes(Path.Combine(options.KeepUploads, $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.{upload.Format}"), upload.Bytes);
        return (photo, model.Prepare(photo));
    }

    static IReadOnlyList<Scored> Score(ServedModel model, IReadOnlyList<RgbImage> batch)
    {
        var clock = Stopwatch.StartNew();
        var rows = model.Score(batch);
        double ms = clock.Elapsed.TotalMilliseconds;
        return rows.Select(row => new Scored(row, ms)).ToArray();
    }

    static ModelDescription Describe(ServedModel model, RunFolder run)
    {
        var config = model.Config;
        TestMetrics? test = null;
        if (File.Exists(run.Metrics))
        {
            var m = ClassificationMetrics.Load(run.Metrics);
            test = new TestMetrics(m.Count, m.Top1Accuracy, m.BalancedAccuracy, m.MacroAuc);
        }
        return new ModelDescription(model.Id, config.Arch, config.Classes, config.Train.ImageSize.ToString(), config.Preprocess, config.Tta,
            config.Calibration?.Temperature, config.Referral, $"{config.Data} ({config.Format})", test);
    }

    static IResult Refusal(UploadRefused refused) => Results.Problem(statusCode: refused.Status, title: refused.Title, detail: refused.Message);

    static IResult Busy(HttpContext context, QueueFullException full)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(full.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: 503, title: "Busy", detail: "Every place in the queue is taken; try again after the Retry-After seconds.");
    }

    // The probes stay open for the orchestrator; the metrics, which tell who uses the service how much, do not.
    static bool NeedsKey(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/metrics");

    // Prometheus sends a key as a bearer token (its scrape config's `authorization`); clients send the header.
    static string? GivenKey(HttpRequest request)
    {
        string? header = request.Headers[ApiKeyHeader];
        if (header != null) return header;
        string? authorization = request.Headers.Authorization;
        return authorization != null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }

    static bool KeyMatches(string? given, string expected) =>
        given != null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    static byte[]? PageFile(string name)
    {
        using var stream = typeof(ServiceApp).Assembly.GetManifestResourceStream($"Page/{name}");
        if (stream == null) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>One image's scores from a batch, and how long that batch's model pass took.</summary>
public sealed record Scored(float[] Row, double BatchMs);
