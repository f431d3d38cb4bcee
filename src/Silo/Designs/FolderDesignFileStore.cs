using System.Runtime.InteropServices;
using PrintFarm.Designs.Files;

namespace PrintFarm.Silo.Designs;

/// <summary>
/// The design store of a single-machine farm: one file per hash under a folder (two levels,
/// <c>ab/abcdef…</c>, so no directory grows to a million entries). A file is copied beside its
/// place and renamed into it, so a reader never sees half of one, and two silos putting the same
/// file at once both end with it there, and exactly one of them is told it added it.
/// </summary>
public sealed class FolderDesignFileStore(string folder) : IDesignFileStore
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task<StoredFile> Put(Stream file, CancellationToken cancellationToken = default)
    {
        var sha256 = await ContentAddress.Of(file, cancellationToken);
        var path = PathOf(sha256);
        if (File.Exists(path)) return new StoredFile(sha256, new FileInfo(path).Length, Added: false);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            await using (var target = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await file.CopyToAsync(target, cancellationToken);
                await target.FlushAsync(cancellationToken);
                target.Flush(flushToDisk: true);
            }
            if (!Publish(partial, path)) return new StoredFile(sha256, new FileInfo(path).Length, Added: false);
            return new StoredFile(sha256, new FileInfo(path).Length, Added: true);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another put of the same bytes won the rename: the file is there, and the same.
            return new StoredFile(sha256, new FileInfo(path).Length, Added: false);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public Task<Stream?> Open(string sha256, long offset = 0, CancellationToken cancellationToken = default)
    {
        var path = PathOf(ContentAddress.Require(sha256));
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<long?> Size(string sha256, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(PathOf(ContentAddress.Require(sha256)));
        return Task.FromResult<long?>(info.Exists ? info.Length : null);
    }

    public Task<bool> Delete(string sha256, CancellationToken cancellationToken = default)
    {
        var path = PathOf(ContentAddress.Require(sha256));
        if (!File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    /// <summary>
    /// Moves the finished copy into its place unless a copy is already there; false when one was.
    /// On Unix, File.Move without overwrite checks and then renames, so two puts racing both
    /// rename and both believe they added the file; link(2) fails with EEXIST for all but one.
    /// </summary>
    private static bool Publish(string partial, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Move(partial, path, overwrite: false); // MoveFileEx without REPLACE_EXISTING refuses atomically
            return true;
        }
        if (link(partial, path) == 0) return true;
        var error = Marshal.GetLastPInvokeError();
        if (error == EEXIST) return false;
        // A file system without hard links: the plain move, racy only about who added it.
        File.Move(partial, path, overwrite: false);
        return true;
    }

    private const int EEXIST = 17;

    [DllImport("libc", SetLastError = true)]
    private static extern int link(string oldpath, string newpath);

    private string PathOf(string sha256) => Path.Combine(Folder, sha256[..2], sha256);
}
