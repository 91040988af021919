namespace DermLens.Models;

/// <summary>How far a download has come.</summary>
/// <param name="Name">The file being downloaded, e.g. "resnet50-0676ba61.pth".</param>
/// <param name="Received">Bytes in the local copy so far, a resumed part included.</param>
/// <param name="Total">The whole file's size in bytes, or null where the server does not say.</param>
public sealed record DownloadProgress(string Name, long Received, long? Total);
