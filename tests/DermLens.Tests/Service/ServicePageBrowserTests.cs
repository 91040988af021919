using DermLens.Service;
using DermLens.Tests.Reporting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DermLens.Tests.Service;

/// <summary>The service's page in a real browser (Playwright driving Debian's chromium) against the real server on loopback.</summary>
[Trait("Category", "Slow")]
[Collection(TrainedRunCollection.Name)]
public class ServicePageBrowserTests(TrainedRun trained)
{
    [ChromiumFact]
    public async Task The_page_scores_a_photo_shows_bars_and_a_heat_map_that_toggles_and_reports_a_text_file()
    {
        await using var app = ServiceApp.Build(new ServiceOptions { Run = trained.Run.Path, Urls = "http://127.0.0.1:0" });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.Executable, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 1400 } });
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(url);
        Assert.Contains("not a diagnosis", await page.InnerTextAsync("#notice"), StringComparison.OrdinalIgnoreCase);
        var photo = Directory.GetFiles(SharedData.Ham10000, "*.jpg", SearchOption.AllDirectories).Order().First();
        await page.SetInputFilesAsync("#file", photo);
        await page.WaitForSelectorAsync("body[data-state=done]", new() { Timeout = 60_000 });

        Assert.True(await page.Locator("#bars li").CountAsync() > 0);
        Assert.True(await page.IsVisibleAsync("#overlay"));
        Assert.True(await page.EvalOnSelectorAsync<int>("#overlay", "img => img.naturalWidth") > 0);
        Assert.True(await page.IsVisibleAsync("#refer"));
        await page.ClickAsync("#toggle-heatmap");
        Assert.Equal("false", await page.GetAttributeAsync("#toggle-heatmap", "aria-pressed"));
        Assert.False(await page.IsVisibleAsync("#overlay"));
        var shot = Path.Combine(AppContext.BaseDirectory, "TestResults", "service-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });

        var text = trained.Scratch("note") + ".jpg";
        await File.WriteAllTextAsync(text, "not a photo at all");
        await page.SetInputFilesAsync("#file", text);
        await page.WaitForSelectorAsync("body[data-state=error]", new() { Timeout = 30_000 });
        Assert.Contains("Not an image", await page.InnerTextAsync("#error"));
        Assert.Equal(0, await page.Locator("#bars li").CountAsync());
        // The browser logs the failed upload's 415 itself; nothing else may go wrong.
        Assert.All(errors, e => Assert.Contains("415", e));
        Assert.True(new FileInfo(shot).Length > 10_000, "the screenshot is nearly empty");
    }
}
