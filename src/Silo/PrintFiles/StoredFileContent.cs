using System.Net;

namespace PrintFarm.Silo.PrintFiles;

/// <summary>
/// A design-store file as an HTTP body: streamed, never read whole, and with its length known
/// up front, because OctoPrint wants a Content-Length and a store stream may not be seekable.
/// </summary>
public sealed class StoredFileContent(Func<CancellationToken, Task<Stream>> open, long length) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var file = await open(cancellationToken);
        await file.CopyToAsync(stream, 81920, cancellationToken);
    }

    protected override bool TryComputeLength(out long length1)
    {
        length1 = length;
        return true;
    }
}
