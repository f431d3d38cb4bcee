using System.Text;

namespace PrintFarm.Designs.Intake;

/// <summary>
/// The two windows of a G-code file the slicers write their metadata into: the first and the
/// last MiB (Moonraker's metadata parser reads the same). A file of two MiB or less is read whole
/// once. Decoded leniently: a stray byte costs a character, not the file.
/// </summary>
public sealed record GCodeText(string Header, string Footer)
{
    public const int Window = 1024 * 1024;

    public static GCodeText Read(Stream file)
    {
        file.Seek(0, SeekOrigin.Begin);
        var header = ReadUpTo(file, Window);
        if (file.Length <= 2L * Window)
        {
            var rest = ReadUpTo(file, Window);
            var whole = Decode(Combine(header, rest));
            return new GCodeText(whole, whole);
        }
        file.Seek(-Window, SeekOrigin.End);
        return new GCodeText(Decode(header), Decode(ReadUpTo(file, Window)));
    }

    public static GCodeText Of(string text) => new(text, text);

    /// <summary>
    /// The same two windows from a stream read once to its end (a zip entry cannot seek), with
    /// each chunk handed to <paramref name="seen"/> (a checksum). Refuses past <paramref name="limit"/> bytes.
    /// </summary>
    public static GCodeText ReadThrough(Stream stream, long limit, Action<ReadOnlySpan<byte>>? seen = null)
    {
        var header = new byte[Window];
        var headerLength = 0;
        var tail = new byte[Window]; // a ring: the last Window bytes seen
        long total = 0;
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            total += read;
            if (total > limit) throw new DesignRefusedException("A G-code inside the zip is larger than its entry says or than the farm takes: the file is damaged or hostile.", tooLarge: true);
            var span = chunk.AsSpan(0, read);
            seen?.Invoke(span);
            var toHeader = Math.Min(read, Window - headerLength);
            span[..toHeader].CopyTo(header.AsSpan(headerLength));
            headerLength += toHeader;
            // A chunk is smaller than the ring, so it wraps at most once.
            var at = (int)((total - read) % Window);
            var first = Math.Min(read, Window - at);
            span[..first].CopyTo(tail.AsSpan(at));
            span[first..].CopyTo(tail);
        }
        if (total <= 2L * Window)
        {
            // Small enough to be read whole: header and ring hold it all.
            var whole = new byte[total];
            header.AsSpan(0, headerLength).CopyTo(whole);
            var rest = (int)(total - headerLength);
            if (rest > 0) Unring(tail, total, rest).CopyTo(whole.AsSpan(headerLength));
            var text = Decode(whole);
            return new GCodeText(text, text);
        }
        return new GCodeText(Decode(header), Decode(Unring(tail, total, Window)));
    }

    /// <summary>The last <paramref name="count"/> bytes of a stream of <paramref name="total"/>, out of the ring.</summary>
    private static byte[] Unring(byte[] ring, long total, int count)
    {
        var result = new byte[count];
        var start = (int)((total - count) % Window);
        var first = Math.Min(count, Window - start);
        ring.AsSpan(start, first).CopyTo(result);
        ring.AsSpan(0, count - first).CopyTo(result.AsSpan(first));
        return result;
    }

    /// <summary>Both windows, for a pattern that may be in either.</summary>
    public string Both => ReferenceEquals(Header, Footer) ? Header : Header + "\n" + Footer;

    private static byte[] ReadUpTo(Stream file, int count)
    {
        var buffer = new byte[count];
        var read = file.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        return read == count ? buffer : buffer[..read];
    }

    private static byte[] Combine(byte[] a, byte[] b) => b.Length == 0 ? a : [.. a, .. b];

    private static string Decode(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
