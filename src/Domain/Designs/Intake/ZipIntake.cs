using System.IO.Compression;

namespace PrintFarm.Designs.Intake;

/// <summary>
/// Opens an uploaded zip (3MF, UFP) only after its directory passes the limits: entry count,
/// total uncompressed size, each entry's compression ratio, and names that stay inside the
/// archive. The sizes in a zip are what it declares, so entries are also read through a count
/// (<see cref="ReadEntry"/>): nothing is ever extracted to disk.
/// </summary>
public static class ZipIntake
{
    /// <summary>Below this, an entry's ratio is not looked at: a few KiB of repeated XML compress far.</summary>
    private const long RatioFloor = 64 * 1024;

    public static ZipArchive Open(Stream file, DesignIntakeOptions limits)
    {
        file.Seek(0, SeekOrigin.Begin);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new DesignRefusedException("The zip cannot be read: it is damaged or was cut short (its central directory is missing).");
        }
        try
        {
            Check(zip, limits);
            return zip;
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    private static void Check(ZipArchive zip, DesignIntakeOptions limits)
    {
        if (zip.Entries.Count > limits.MaxZipEntries)
            throw new DesignRefusedException($"The zip holds {zip.Entries.Count} entries; the farm takes at most {limits.MaxZipEntries} (Designs:Intake:MaxZipEntries).");
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            if (Escapes(entry.FullName))
                throw new DesignRefusedException($"The zip has an entry named '{Printable(entry.FullName)}', which points outside the archive: refused.");
            total += entry.Length;
            if (total > limits.MaxUncompressedBytes)
                throw new DesignRefusedException($"The zip unpacks to more than {limits.MaxUncompressedBytes} bytes (Designs:Intake:MaxUncompressedBytes).", tooLarge: true);
            if (entry.Length > RatioFloor && entry.Length / Math.Max(1, entry.CompressedLength) > limits.MaxCompressionRatio)
                throw new DesignRefusedException($"The zip entry '{Printable(entry.FullName)}' unpacks to {entry.Length / Math.Max(1, entry.CompressedLength)} times its stored size; the farm takes at most {limits.MaxCompressionRatio} (Designs:Intake:MaxCompressionRatio).");
        }
    }

    /// <summary>An entry's bytes, refused past its declared size or <paramref name="limit"/>: a zip's sizes can lie.</summary>
    public static byte[] ReadEntry(ZipArchiveEntry entry, long limit)
    {
        var cap = Math.Min(entry.Length, limit);
        if (entry.Length > limit)
            throw new DesignRefusedException($"The zip entry '{Printable(entry.FullName)}' is larger than the farm reads ({limit} bytes).", tooLarge: true);
        using var stream = Open(entry);
        var bytes = new byte[cap];
        var read = Read(stream, bytes);
        if (read != cap || stream.ReadByte() != -1)
            throw new DesignRefusedException($"The zip entry '{Printable(entry.FullName)}' does not unpack to the size it declares: the file is damaged or hostile.");
        return bytes;
    }

    /// <summary>An entry opened for reading, its damage reported as a refusal.</summary>
    public static Stream Open(ZipArchiveEntry entry)
    {
        try
        {
            return new Refusing(entry.Open(), entry.FullName);
        }
        catch (InvalidDataException)
        {
            throw Damaged(entry.FullName);
        }
    }

    private static int Read(Stream stream, byte[] into) => stream.ReadAtLeast(into, into.Length, throwOnEndOfStream: false);

    /// <summary>Absolute, drive-qualified, backslashed or parent-climbing names: none has a place in a 3MF.</summary>
    public static bool Escapes(string name) =>
        name.Length == 0
        || name[0] is '/' or '\\'
        || name.Contains(':')
        || name.Contains('\\')
        || name.Contains('\0')
        || name.Split('/').Any(segment => segment == "..");

    private static string Printable(string name) =>
        new(name.Take(120).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    private static DesignRefusedException Damaged(string name) =>
        new($"The zip entry '{Printable(name)}' cannot be unpacked: the file is damaged.");

    /// <summary>Turns a damaged deflate stream's exception into the farm's refusal.</summary>
    private sealed class Refusing(Stream inner, string name) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            try { return inner.Read(buffer, offset, count); }
            catch (InvalidDataException) { throw Damaged(name); }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
