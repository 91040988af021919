using System.Security.Cryptography;
using DermLens.Models;

namespace DermLens.Tests.Models;

/// <summary>
/// Downloading torchvision checkpoints from a loopback server through the code --pretrained uses: the catalogue entry
/// is made up so that its name carries the served bytes' SHA-256 prefix, as torchvision's names carry theirs.
/// </summary>
public class WeightsDownloadTests
{
    static readonly byte[] Content = RandomNumberGenerator.GetBytes(300_000);

    static TorchvisionCheckpoint EntryFor(byte[] bytes) =>
        new("resnet34", $"resnet34-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..8]}.pth");

    static string[] CachedFiles(TempDir cache) =>
        Directory.Exists(cache["pretrained"]) ? Directory.GetFiles(cache["pretrained"]) : [];

    [Fact]
    public void A_checkpoint_is_downloaded_verified_and_cached_once_with_its_progress_reported()
    {
        using var cache = new TempDir();
        using var server = new LoopbackFileServer(EntryFor(Content).FileName, Content);
        var entry = EntryFor(Content);
        var progress = new RecordedProgress();

        var file = entry.Fetch(server.Folder, cache.Path, progress);

        Assert.Equal(entry.CachePath(cache.Path), file);
        Assert.Equal(Content, File.ReadAllBytes(file));
        Assert.Equal([file], CachedFiles(cache));
        Assert.Equal(new DownloadProgress(entry.FileName, Content.Length, Content.Length), progress.Reports[^1]);
        Assert.Equal(0, progress.Reports[0].Received);

        Assert.Equal(file, entry.Fetch(server.Folder, cache.Path));
        Assert.Single(server.Ranges);
    }

    [Fact]
    public void A_download_that_broke_off_keeps_its_part_and_the_next_try_resumes_with_a_range_request()
    {
        using var cache = new TempDir();
        var entry = EntryFor(Content);
        using var server = new LoopbackFileServer(entry.FileName, Content, breakOffFirstAnswer: true);

        var error = Assert.Throws<DermLensException>(() => entry.Fetch(server.Folder, cache.Path));
        var part = entry.CachePath(cache.Path) + WeightsDownload.PartSuffix;
        Assert.Contains("resumes", error.Message);
        Assert.Equal([part], CachedFiles(cache));
        var kept = new FileInfo(part).Length;
        Assert.InRange(kept, 1, Content.Length - 1);

        var file = entry.Fetch(server.Folder, cache.Path);

        Assert.Equal([null, $"bytes={kept}-"], server.Ranges);
        Assert.Equal(Content, File.ReadAllBytes(file));
        Assert.Equal([file], CachedFiles(cache));
    }

    [Fact]
    public void A_server_that_ignores_the_range_sends_the_whole_file_again_and_the_download_starts_over()
    {
        using var cache = new TempDir();
        var entry = EntryFor(Content);
        using var server = new LoopbackFileServer(entry.FileName, Content, breakOffFirstAnswer: true, honourRange: false);
        Assert.Throws<DermLensException>(() => entry.Fetch(server.Folder, cache.Path));

        var file = entry.Fetch(server.Folder, cache.Path);

        Assert.Equal(2, server.Ranges.Count);
        Assert.Equal(Content, File.ReadAllBytes(file));
    }

    [Fact]
    public void A_download_whose_hash_does_not_match_its_name_fails_in_one_line_and_leaves_nothing_in_the_cache()
    {
        using var cache = new TempDir();
        var tampered = Content.ToArray();
        tampered[^1] ^= 0xff;
        var entry = EntryFor(Content);
        using var server = new LoopbackFileServer(entry.FileName, tampered);

        var error = Assert.Throws<DermLensException>(() => entry.Fetch(server.Folder, cache.Path));

        Assert.Contains(entry.Url(server.Folder).ToString(), error.Message);
        Assert.Contains($"not {entry.HashPrefix}", error.Message);
        Assert.Contains(entry.CachePath(cache.Path), error.Message);
        Assert.Contains("--weights FILE", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(CachedFiles(cache));
    }

    [Fact]
    public void Without_a_network_the_error_names_the_url_and_the_cache_path_to_put_the_file_at()
    {
        using var cache = new TempDir();
        var entry = EntryFor(Content);
        var nowhere = new Uri($"http://127.0.0.1:{LoopbackFileServer.FreePort()}/models/");

        var error = Assert.Throws<DermLensException>(() => entry.Fetch(nowhere, cache.Path));

        Assert.Contains(entry.Url(nowhere).ToString(), error.Message);
        Assert.Contains(entry.CachePath(cache.Path), error.Message);
        Assert.Contains("--weights FILE", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(CachedFiles(cache));
    }

    [Fact]
    public void A_missing_file_on_the_server_is_reported_with_its_status()
    {
        using var cache = new TempDir();
        var entry = EntryFor(Content);
        using var server = new LoopbackFileServer("other.pth", Content);

        var error = Assert.Throws<DermLensException>(() => entry.Fetch(server.Folder, cache.Path));

        Assert.Contains("404", error.Message);
        Assert.Empty(CachedFiles(cache));
    }

    sealed class RecordedProgress : IProgress<DownloadProgress>
    {
        public List<DownloadProgress> Reports { get; } = [];
        public void Report(DownloadProgress value) => Reports.Add(value);
    }
}
