using System.Collections.Concurrent;
using PrintFarm.Designs.Files;

namespace PrintFarm.Silo.Designs;

/// <summary>For memory storage (<c>Storage:Provider=Memory</c>): files live as long as the process, like the grain state.</summary>
public sealed class MemoryDesignFileStore : IDesignFileStore
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>How many files are kept.</summary>
    public int Count => _files.Count;

    public async Task<StoredFile> Put(Stream file, CancellationToken cancellationToken = default)
    {
        var sha256 = await ContentAddress.Of(file, cancellationToken);
        if (_files.TryGetValue(sha256, out var stored)) return new StoredFile(sha256, stored.Length, Added: false);
        var copy = new MemoryStream();
        await file.CopyToAsync(copy, cancellationToken);
        var added = _files.TryAdd(sha256, copy.ToArray());
        return new StoredFile(sha256, copy.Length, added);
    }

    public Task<Stream?> Open(string sha256, long offset = 0, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream?>(_files.TryGetValue(ContentAddress.Require(sha256), out var bytes)
            ? new MemoryStream(bytes, writable: false) { Position = Math.Min(offset, bytes.LongLength) }
            : null);

    public Task<long?> Size(string sha256, CancellationToken cancellationToken = default) =>
        Task.FromResult<long?>(_files.TryGetValue(ContentAddress.Require(sha256), out var bytes) ? bytes.LongLength : null);

    public Task<bool> Delete(string sha256, CancellationToken cancellationToken = default) =>
        Task.FromResult(_files.TryRemove(ContentAddress.Require(sha256), out _));
}
