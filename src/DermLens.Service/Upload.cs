using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DermLens.Service;

/// <summary>An uploaded photo's bytes and the format its first bytes say it is, or the problem that refused it.</summary>
public sealed record Upload(byte[] Bytes, string Format);

/// <summary>A refused request: its HTTP status, a short title and a sentence saying what to do.</summary>
public sealed class UploadRefused(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}

/// <summary>
/// Reads the photo of a request, in memory and within a size limit: a multipart form's first file (the page sends
/// field "image"), or the raw body. What it is comes from its bytes, never from its name or content type, and the
/// client's file name is never used for anything.
/// </summary>
public static class UploadReader
{
    static readonly (string Format, byte?[] Signature)[] Signatures =
    [
        ("jpeg", [0xFF, 0xD8, 0xFF]),
        ("png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("bmp", [0x42, 0x4D]),
        ("gif", [0x47, 0x49, 0x46, 0x38]),
        ("webp", [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50]),
    ];

    public static async Task<Upload> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) throw TooLarge(maxBytes);
        byte[] bytes;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value
                ?? throw new UploadRefused(400, "Malformed form", "The multipart form has no boundary.");
            var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = maxBytes };
            bytes = await FirstFile(reader, maxBytes, ct) ?? throw new UploadRefused(400, "No image", "The form holds no file; send the photo as field 'image'.");
        }
        else bytes = await ReadLimited(request.Body, maxBytes, ct);
        if (bytes.Length == 0) throw new UploadRefused(400, "No image", "The request body is empty; send a photo (JPEG or PNG).");
        var format = Sniff(bytes) ?? throw new UploadRefused(415, "Not an image",
            "The upload is not a JPEG, PNG, BMP, GIF or WebP image (judged from its bytes, whatever its name says).");
        return new Upload(bytes, format);
    }

    /// <summary>The format a file's first bytes announce, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes)
    {
        foreach (var (format, signature) in Signatures)
        {
            if (bytes.Length < signature.Length) continue;
            bool match = true;
            for (int i = 0; i < signature.Length && match; i++) match = signature[i] is not { } b || bytes[i] == b;
            if (match) return format;
        }
        return null;
    }

    static async Task<byte[]?> FirstFile(MultipartReader reader, long maxBytes, CancellationToken ct)
    {
        try
        {
            for (var section = await reader.ReadNextSectionAsync(ct); section != null; section = await reader.ReadNextSectionAsync(ct))
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && (disposition.IsFileDisposition() || disposition.Name.Value == "image"))
                    return await ReadLimited(section.Body, maxBytes, ct);
            }
            return null;
        }
        catch (InvalidDataException)
        {
            throw TooLarge(maxBytes);
        }
    }

    static async Task<byte[]> ReadLimited(Stream body, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw TooLarge(maxBytes);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    static UploadRefused TooLarge(long maxBytes) =>
        new(413, "Upload too large", $"The upload is larger than the service's limit of {maxBytes / (1024.0 * 1024):0.#} MB; send a smaller photo.");
}
