namespace PrintFarm.Designs.Files;

/// <summary>
/// The files designs are made of, addressed by their SHA-256: the same file uploaded twice is
/// stored once, and a stored file never changes. A file is visible only once it is whole.
/// </summary>
public interface IDesignFileStore
{
    /// <summary>Stores a file read from the start of a seekable stream (hashed first, then copied), unless a file with its hash is there.</summary>
    Task<StoredFile> Put(Stream file, CancellationToken cancellationToken = default);

    /// <summary>The stored file for reading from <paramref name="offset"/> on, or null when there is none with that hash.</summary>
    Task<Stream?> Open(string sha256, long offset = 0, CancellationToken cancellationToken = default);

    /// <summary>The stored file's size, or null when there is none with that hash.</summary>
    Task<long?> Size(string sha256, CancellationToken cancellationToken = default);

    /// <summary>Removes the file; false when it was not there.</summary>
    Task<bool> Delete(string sha256, CancellationToken cancellationToken = default);
}
