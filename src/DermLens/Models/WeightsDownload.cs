using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace DermLens.Models;

/// <summary>
/// Downloads a weights file into the cache the way torch.hub does, checked against the SHA-256 prefix its name
/// carries. The bytes go to NAME.part beside the target, a broken download resumes from there with a Range request,
/// and only a verified file is renamed into place: the cache never holds a partial or corrupt file under the real name.
/// </summary>
public static class WeightsDownload
{
    /// <summary>Appended to the target's name while its bytes arrive.</summary>
    public const string PartSuffix = ".part";

    static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    // A stalled server fails the download but a slow one does not, so the limit is on each read, not on the file.
    static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);
    const int BufferSize = 1 << 16;
    const int HashDigitsShown = 16;

    static readonly HttpClient Client = new(new SocketsHttpHandler { ConnectTimeout = ConnectTimeout })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>
    /// The target file, downloading it from url first unless it is there: the download must have a SHA-256 whose hex
    /// digits start with sha256Prefix. Fails in one line that names the URL and the target, so a user can fetch it by hand.
    /// </summary>
    public static string Fetch(Uri url, string target, string sha256Prefix, IProgress<DownloadProgress>? progress = null, CancellationToken ct = default)
    {
        if (File.Exists(target)) return target;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        var part = target + PartSuffix;
        var file = OpenPart(part, target);
        try
        {
            DownloadAsync(url, file, Path.GetFileName(target), progress, ct).GetAwaiter().GetResult();
            file.Dispose();
        }
        catch (Exception e)
        {
            var received = file.Length;
            file.Dispose();
            if (received == 0) File.Delete(part);
            if (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                var kept = received > 0 ? $"; the {Megabytes(received)} received are kept in {part}, and the next try resumes there" : "";
                throw new DermLensException($"Cannot download {url} ({Reason(e)}{kept}). {HowToGetIt(target)}", e);
            }
            throw;
        }

        var actual = Sha256(part);
        if (!actual.StartsWith(sha256Prefix, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(part);
            throw new DermLensException($"The download of {url} has SHA-256 {actual[..HashDigitsShown]}..., not {sha256Prefix}... as its name says, " +
                $"and was deleted. {HowToGetIt(target)}");
        }
        File.Move(part, target, overwrite: true);
        return target;
    }

    static string HowToGetIt(string target) =>
        $"Download it yourself and put it at {target}, or start from a local checkpoint with --weights FILE.";

    // Exclusive, so a second process downloading the same file fails instead of interleaving bytes with the first.
    static FileStream OpenPart(string part, string target)
    {
        try
        {
            return new FileStream(part, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new DermLensException($"Cannot write {part} ({e.Message}); is another DermLens downloading {Path.GetFileName(target)}?", e);
        }
    }

    static async Task DownloadAsync(Uri url, FileStream file, string name, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        while (true)
        {
            var resumeFrom = file.Length;
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (resumeFrom > 0) request.Headers.Range = new RangeHeaderValue(resumeFrom, null);
            stall.CancelAfter(StallTimeout);
            using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token);
            // The part holds as much as the server has, or more: it cannot be trusted, so start over.
            if (resumeFrom > 0 && response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                file.SetLength(0);
                continue;
            }
            response.EnsureSuccessStatusCode();
            var resumed = response.StatusCode == HttpStatusCode.PartialContent;
            if (resumed && response.Content.Headers.ContentRange?.From != resumeFrom)
            {
                file.SetLength(0);
                continue;
            }
            // A server that ignores Range sends the whole file again.
            if (!resumed) file.SetLength(0);
            var total = response.Content.Headers.ContentRange?.Length ?? (response.Content.Headers.ContentLength + file.Length);
            await CopyAsync(response, file, name, total, progress, stall, ct);
            return;
        }
    }

    static async Task CopyAsync(HttpResponseMessage response, FileStream file, string name, long? total,
        IProgress<DownloadProgress>? progress, CancellationTokenSource stall, CancellationToken ct)
    {
        file.Seek(0, SeekOrigin.End);
        var received = file.Length;
        progress?.Report(new DownloadProgress(name, received, total));
        await using var body = await response.Content.ReadAsStreamAsync(stall.Token);
        var buffer = new byte[BufferSize];
        while (true)
        {
            stall.CancelAfter(StallTimeout);
            var read = await body.ReadAsync(buffer, stall.Token);
            if (read == 0) break;
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
            received += read;
            progress?.Report(new DownloadProgress(name, received, total));
        }
        await file.FlushAsync(ct);
        if (total is { } expected && received != expected)
            throw new IOException($"the connection closed after {Megabytes(received)} of {Megabytes(expected)}");
        file.Flush(flushToDisk: true);
    }

    static string Reason(Exception e) => e switch
    {
        HttpRequestException { StatusCode: { } status } => $"the server answered {(int)status} {status}",
        OperationCanceledException => $"no data for {StallTimeout.TotalSeconds:F0} s",
        _ => e.Message.TrimEnd('.'),
    };

    static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:F1} MB");

    static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
