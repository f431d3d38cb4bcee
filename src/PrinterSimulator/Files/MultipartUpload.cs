using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace PrintFarm.PrinterSimulator.Files;

/// <summary>
/// A <c>multipart/form-data</c> upload read as it arrives: the <c>file</c> part is streamed to a
/// temporary file beside the printers' folders (never held whole in memory), counted against the
/// size limit and hashed on the way; the other parts are small form fields. Disposing deletes the
/// temporary file unless it was moved into a printer's storage.
/// </summary>
public sealed class MultipartUpload : IDisposable
{
    private const int FieldLimit = 64 * 1024;
    private const int SniffLength = 16;

    private MultipartUpload(string temporaryPath) => TemporaryPath = temporaryPath;

    /// <summary>The <c>file</c> part's file name as sent (RFC 5987 <c>filename*</c> preferred).</summary>
    public string? FileName { get; private set; }

    public long Size { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the bytes received.</summary>
    public string Sha256 { get; private set; } = "";

    /// <summary>The first bytes of the file, to tell its type by content.</summary>
    public byte[] FirstBytes { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Fields => _fields;

    public string TemporaryPath { get; }

    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);
    private bool _kept;

    /// <summary>Reads the whole request; throws <see cref="UploadRefusedException"/> (400, 413) for a bad or oversized one.</summary>
    public static async Task<MultipartUpload> ReadAsync(HttpRequest request, string temporaryFolder, long maxBytes,
        CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
            throw new UploadRefusedException(StatusCodes.Status400BadRequest, "Expected multipart/form-data with a boundary.");

        Directory.CreateDirectory(temporaryFolder);
        var upload = new MultipartUpload(Path.Combine(temporaryFolder, $"{Guid.NewGuid():N}.part"));
        try
        {
            // Our own count enforces the limit on the file; the reader's per-part limit would stop at 128 MiB.
            var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition() && name == "file" && upload.FileName is null)
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value is { Length: > 0 } star
                        ? star
                        : HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "";
                    upload.FileName = fileName;
                    await upload.StreamToDiskAsync(section.Body, maxBytes, cancellationToken).ConfigureAwait(false);
                }
                else if (!disposition.IsFileDisposition() && name.Length > 0)
                {
                    upload._fields[name] = await ReadFieldAsync(section.Body, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await section.Body.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                }
            }
            return upload;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            upload.Dispose();
            // Kestrel's own body limit (413) or a broken multipart body (400).
            var status = ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            throw new UploadRefusedException(status, status == StatusCodes.Status413PayloadTooLarge
                ? $"The file is larger than {maxBytes} bytes."
                : $"Unreadable multipart body: {ex.Message}");
        }
        catch
        {
            upload.Dispose();
            throw;
        }
    }

    /// <summary>Puts the received file at <paramref name="path"/> (replacing what was there) and keeps it.</summary>
    public void MoveTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Move(TemporaryPath, path, overwrite: true);
        _kept = true;
    }

    public void Dispose()
    {
        if (_kept) return;
        try { File.Delete(TemporaryPath); }
        catch (IOException) { } // a temporary file left behind is harmless; the next run's uploads use new names
    }

    private async Task StreamToDiskAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        var first = new List<byte>(SniffLength);
        try
        {
            await using var file = new FileStream(TemporaryPath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous, BufferSize = 0,
            });
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                Size += read;
                if (Size > maxBytes)
                    throw new UploadRefusedException(StatusCodes.Status413PayloadTooLarge, $"The file is larger than {maxBytes} bytes.");
                if (first.Count < SniffLength) first.AddRange(buffer.AsSpan(0, Math.Min(read, SniffLength - first.Count)).ToArray());
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        Sha256 = Convert.ToHexStringLower(sha.GetHashAndReset());
        FirstBytes = [.. first];
    }

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var buffer = new char[FieldLimit + 1];
        var length = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
        if (length > FieldLimit)
            throw new UploadRefusedException(StatusCodes.Status400BadRequest, $"A form field is longer than {FieldLimit} characters.");
        return new string(buffer, 0, length);
    }
}
