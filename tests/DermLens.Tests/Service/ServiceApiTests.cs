using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DermLens.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace DermLens.Tests.Service;

/// <summary>The service of the shared trained run, in memory: every endpoint and limit through its HTTP API.</summary>
[Trait("Category", "Slow")]
[Collection(TrainedRunCollection.Name)]
public class ServiceApiTests(TrainedRun trained)
{
    const long UploadLimit = 256 * 1024;

    async Task<(WebApplication App, HttpClient Client)> Start(Func<ServiceOptions, ServiceOptions>? adjust = null, Action? beforeEachPass = null)
    {
        var options = new ServiceOptions { Run = trained.Run.Path, MaxUploadBytes = UploadLimit, MaxWaitMs = 0 };
        var app = ServiceApp.Build(adjust?.Invoke(options) ?? options, builder => builder.WebHost.UseTestServer(), beforeEachPass);
        await app.StartAsync();
        return (app, app.GetTestClient());
    }

    string Photo() => Directory.GetFiles(Path.Combine(trained.Run.LoadConfig().Data, "Tumor")).Order().First();

    static MultipartFormDataContent Form(byte[] bytes, string fileName = "photo.png")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "image", fileName);
        return form;
    }

    static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(title, JsonDocument.Parse(body).RootElement.GetProperty("title").GetString());
        Assert.DoesNotContain(" at DermLens", body);
    }

    [Fact]
    public async Task Predict_answers_a_form_upload_and_a_raw_body_with_top_classes_referral_quality_and_timings()
    {
        var (app, client) = await Start();
        await using var _ = app;
        var bytes = await File.ReadAllBytesAsync(Photo());

        var response = await client.PostAsync("/api/predict?top=4", Form(bytes));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await Json(response);
        var top = json.GetProperty("top").EnumerateArray().Select(t => (Class: t.GetProperty("class").GetString()!, P: t.GetProperty("probability").GetDouble())).ToArray();
        Assert.Equal(4, top.Length);
        Assert.Equal(top.OrderByDescending(t => t.P).Select(t => t.Class), top.Select(t => t.Class));
        Assert.All(top, t => Assert.Contains(t.Class, trained.Run.LoadConfig().Classes));
        Assert.StartsWith(Path.GetFileName(trained.Run.Path) + "@", json.GetProperty("model").GetProperty("id").GetString());
        Assert.True(json.GetProperty("refer").GetProperty("refer").GetBoolean() == json.GetProperty("refer").GetProperty("reasons").GetArrayLength() > 0);
        // 40-pixel synthetic photos are too small for a real screening photo: the service says so and refers.
        Assert.Contains(json.GetProperty("quality").GetProperty("issues").EnumerateArray(), i => i.GetProperty("check").GetString() == "too-small");
        Assert.True(json.GetProperty("timings").GetProperty("totalMs").GetDouble() > 0);
        Assert.Contains("not a diagnosis", json.GetProperty("notice").GetString());

        var raw = new ByteArrayContent(bytes);
        raw.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var rawResponse = await client.PostAsync("/api/predict?top=4", raw);
        Assert.Equal(HttpStatusCode.OK, rawResponse.StatusCode);
        Assert.Equal(top.Select(t => t.Class), (await Json(rawResponse)).GetProperty("top").EnumerateArray().Select(t => t.GetProperty("class").GetString()));
    }

    [Fact]
    public async Task Bad_uploads_get_problem_json_naming_the_problem()
    {
        var (app, client) = await Start();
        await using var _ = app;
        await AssertProblem(await client.PostAsync("/api/predict", Form("just some text, not a photo"u8.ToArray(), "photo.jpg")), HttpStatusCode.UnsupportedMediaType, "Not an image");
        await AssertProblem(await client.PostAsync("/api/predict", new ByteArrayContent([])), HttpStatusCode.BadRequest, "No image");
        var png = await File.ReadAllBytesAsync(Photo());
        await AssertProblem(await client.PostAsync("/api/predict", Form(png[..(png.Length / 2)])), HttpStatusCode.UnprocessableEntity, "Unreadable image");
        var huge = new byte[UploadLimit + 1];
        png.CopyTo(huge, 0);
        await AssertProblem(await client.PostAsync("/api/predict", Form(huge)), HttpStatusCode.RequestEntityTooLarge, "Upload too large");
        await AssertProblem(await client.PostAsync("/api/predict", new ByteArrayContent(huge)), HttpStatusCode.RequestEntityTooLarge, "Upload too large");
        await AssertProblem(await client.PostAsync("/api/explain?class=nonsense", Form(png)), HttpStatusCode.BadRequest, "Unknown class");
    }

    [Fact]
    public async Task An_image_over_the_pixel_limit_is_refused_before_it_is_decoded()
    {
        // A PNG cannot be decoded at a fraction of its size, so one over the limit is refused outright: a small
        // limit stands in for a decompression bomb's billions of pixels.
        var (app, client) = await Start(o => o with { MaxPixels = 1000 });
        await using var _ = app;
        var response = await client.PostAsync("/api/predict", Form(await File.ReadAllBytesAsync(Photo())));
        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "Unreadable image");
        Assert.Contains("megapixel limit", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Explain_returns_the_overlay_and_the_preprocessed_input_as_png()
    {
        var (app, client) = await Start();
        await using var _ = app;
        var bytes = await File.ReadAllBytesAsync(Photo());
        var size = trained.Run.LoadConfig().Train.ImageSize;
        foreach (var query in new[] { "?class=Tumor", "?part=input", "" })
        {
            var response = await client.PostAsync("/api/explain" + query, Form(bytes));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            using var png = SkiaSharp.SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal((size.Width, size.Height), (png.Width, png.Height));
        }
    }

    [Fact]
    public async Task Model_probes_metrics_openapi_and_the_page_answer()
    {
        var (app, client) = await Start();
        await using var _ = app;
        await client.PostAsync("/api/predict", Form(await File.ReadAllBytesAsync(Photo())));

        var model = await Json(await client.GetAsync("/api/model"));
        Assert.Equal(trained.Run.LoadConfig().Classes, model.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.True(model.GetProperty("testMetrics").GetProperty("images").GetInt32() > 0);
        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
        Assert.Equal("ready", await client.GetStringAsync("/readyz"));
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("dermlens_requests_total{endpoint=\"/api/predict\",status=\"200\"} 1", metrics);
        Assert.Contains("dermlens_batch_size_count", metrics);
        Assert.Contains("dermlens_queue_length", metrics);
        var openApi = await Json(await client.GetAsync("/openapi.json"));
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/predict", out var predict) && predict.ValueKind == JsonValueKind.Object);

        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task With_an_api_key_the_api_refuses_requests_without_it()
    {
        const string key = "a-long-enough-secret-key";
        var (app, client) = await Start(o => o with { ApiKey = key });
        await using var _ = app;
        await AssertProblem(await client.GetAsync("/api/model"), HttpStatusCode.Unauthorized, "API key required");
        client.DefaultRequestHeaders.Add("X-Api-Key", "wrong-wrong-wrong-wrong");
        await AssertProblem(await client.GetAsync("/api/model"), HttpStatusCode.Unauthorized, "API key required");
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/model")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
        Assert.Equal("ready", await client.GetStringAsync("/readyz"));
        await AssertProblem(await client.GetAsync("/metrics"), HttpStatusCode.Unauthorized, "API key required");
        // Prometheus' scrape config sends the key as a bearer token.
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task A_full_queue_is_answered_503_with_retry_after_and_the_queued_requests_still_complete()
    {
        using var model = new ModelHold();
        var (app, client) = await Start(o => o with { QueueCapacity = 1, MaxBatch = 1, Workers = 1 }, model.Pass);
        await using var _ = app;
        var bytes = await File.ReadAllBytesAsync(Photo());

        var inModel = client.PostAsync("/api/predict", Form(bytes));
        await model.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var queued = client.PostAsync("/api/predict", Form(bytes));
        await WaitForQueueLength(client, 1);

        var refused = await client.PostAsync("/api/predict", Form(bytes));
        await AssertProblem(refused, HttpStatusCode.ServiceUnavailable, "Busy");
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));

        model.Release();
        Assert.Equal(HttpStatusCode.OK, (await inModel).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await queued).StatusCode);
        Assert.Contains("dermlens_requests_total{endpoint=\"/api/predict\",status=\"503\"} 1", await client.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task A_request_past_its_timeout_is_answered_504_whether_queued_or_in_the_model()
    {
        using var model = new ModelHold();
        var (app, client) = await Start(o => o with { RequestTimeoutSeconds = 1, MaxBatch = 1, Workers = 1 }, model.Pass);
        await using var _ = app;
        var bytes = await File.ReadAllBytesAsync(Photo());

        var inModel = client.PostAsync("/api/predict", Form(bytes));
        await model.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var queued = client.PostAsync("/api/predict", Form(bytes));

        Assert.Equal(HttpStatusCode.GatewayTimeout, (await inModel.WaitAsync(TimeSpan.FromSeconds(30))).StatusCode);
        Assert.Equal(HttpStatusCode.GatewayTimeout, (await queued.WaitAsync(TimeSpan.FromSeconds(30))).StatusCode);
        model.Release();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/predict", Form(bytes))).StatusCode);
    }

    static async Task WaitForQueueLength(HttpClient client, int length)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(await client.GetStringAsync("/metrics")).Contains($"dermlens_queue_length {length}"))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"The queue never held {length} request(s).");
            await Task.Delay(20);
        }
    }

    /// <summary>Holds every model pass until released, and says when the first one has begun.</summary>
    sealed class ModelHold : IDisposable
    {
        readonly ManualResetEventSlim open = new(false);
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Pass()
        {
            Entered.TrySetResult();
            open.Wait(TimeSpan.FromSeconds(60));
        }

        public void Release() => open.Set();

        public void Dispose()
        {
            open.Set();
            open.Dispose();
        }
    }

    [Fact]
    public async Task Uploads_are_kept_only_when_asked_and_never_under_the_clients_name()
    {
        var keep = trained.Scratch("uploads");
        var (app, client) = await Start(o => o with { KeepUploads = keep });
        await using var _ = app;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/predict", Form(await File.ReadAllBytesAsync(Photo()), "../../evil.png"))).StatusCode);
        var kept = Assert.Single(Directory.GetFiles(keep));
        Assert.EndsWith(".png", kept);
        Assert.DoesNotContain("evil", kept);
        Assert.False(File.Exists(Path.Combine(keep, "..", "..", "evil.png")));
    }
}
