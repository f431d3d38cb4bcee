using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace PrintFarm.PrinterSimulator.Files;

/// <summary>
/// Reads how long the slicer says a print file takes, as printer firmware reads its own files
/// (shared/FILES.md §1, §3.2): PrusaSlicer/OrcaSlicer <c>; estimated printing time (normal mode) = 1h 2m 3s</c>,
/// Bambu Studio/Orca <c>; total estimated time: 12m 30s</c>, Cura <c>;TIME:1530</c> (6666 = no estimate),
/// and for a sliced <c>.gcode.3mf</c> the header of <c>Metadata/plate_N.gcode</c>. The simulator's
/// own small reader, not the farm's parser: a printer does not share code with the farm.
/// </summary>
public static partial class SlicerTime
{
    /// <summary>Moonraker reads the first and the last MiB of a G-code file; so does this.</summary>
    public const int Window = 1024 * 1024;

    /// <summary>CuraEngine's placeholder when it made no estimate (CLI slicing): unknown, not 1 h 51 min.</summary>
    public const double CuraNoEstimate = 6666;

    // Sliced 3MFs hold tens of entries; an archive with thousands is not a print file.
    private const int MaxZipEntries = 10_000;

    /// <summary>The slicer's estimate for <paramref name="path"/>, or null when the file does not say.</summary>
    public static TimeSpan? OfFile(string path, int plate = 1)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
            return Of(stream, plate);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // A file the printer cannot read prints for the default time, as an unknown estimate does.
            return null;
        }
    }

    /// <summary>Detects the type by content (FILES.md §0), never by name. The stream must be seekable.</summary>
    public static TimeSpan? Of(Stream stream, int plate = 1)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> magic = stackalloc byte[4];
        stream.Position = 0;
        var read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read == 4 && magic.SequenceEqual("PK\x03\x04"u8)) return OfSlicedProject(stream, plate);
        // Binary G-code keeps its time in metadata blocks this reader does not decode.
        if (read == 4 && magic.SequenceEqual("GCDE"u8)) return null;
        var head = ReadText(stream, 0, Window);
        var tail = stream.Length > Window ? ReadText(stream, Math.Max(Window, stream.Length - Window), Window) : "";
        return OfText(head + "\n" + tail);
    }

    /// <summary>The estimate in G-code comment text (a header, a footer, or both joined).</summary>
    public static TimeSpan? OfText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // PrusaSlicer's line first, as Moonraker tries it first; Orca writes both, with the same value.
        if (PrusaSlicerTime().Match(text) is { Success: true } prusa && Duration(prusa.Groups[1].Value) is { } p) return p;
        if (TotalEstimatedTime().Match(text) is { Success: true } total && Duration(total.Groups[1].Value) is { } t) return t;
        // Cura: the largest ;TIME: (Moonraker's rule); UltiMaker Griffin writes ;PRINT.TIME:.
        double? cura = null;
        foreach (Match m in CuraTime().Matches(text))
        {
            if (double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                && seconds > (cura ?? 0))
                cura = seconds;
        }
        if (cura is { } c && c != CuraNoEstimate && c >= 1) return TimeSpan.FromSeconds(Math.Round(c));
        return null;
    }

    /// <summary><c>1d 2h 3m 4s</c> with zero units left out (<c>3m 41s</c>, <c>20s</c>), or plain seconds.</summary>
    public static TimeSpan? Duration(string text)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
            return plain >= 1 ? TimeSpan.FromSeconds(Math.Round(plain)) : null;
        var seconds = 0L;
        var any = false;
        foreach (Match m in DurationPart().Matches(text))
        {
            any = true;
            var n = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            seconds += char.ToLowerInvariant(m.Groups[2].Value[0]) switch
            {
                'd' => n * 86_400,
                'h' => n * 3_600,
                'm' => n * 60,
                _ => n,
            };
        }
        return any && seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;
    }

    private static TimeSpan? OfSlicedProject(Stream stream, int plate)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        if (zip.Entries.Count > MaxZipEntries) return null;
        // By exact name: never walk or extract an uploaded archive (FILES.md §3.4).
        if (zip.GetEntry($"Metadata/plate_{plate}.gcode") is not { } entry) return null;
        using var gcode = entry.Open();
        var buffer = new byte[Window];
        // Counted while reading: the declared length comes from the archive and can lie.
        var length = gcode.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return OfText(Encoding.UTF8.GetString(buffer, 0, length));
    }

    private static string ReadText(Stream stream, long offset, int count)
    {
        stream.Position = offset;
        var buffer = new byte[(int)Math.Min(count, Math.Max(0, stream.Length - offset))];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        // Like Moonraker's errors="ignore": a broken byte must not hide the estimate.
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    [GeneratedRegex(@"^;\s*estimated printing time(?:\s*\(normal mode\))?\s*=\s*([^\r\n]+)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex PrusaSlicerTime();

    [GeneratedRegex(@"^;.*?total estimated time\s*[:=]\s*([^;\r\n]+)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex TotalEstimatedTime();

    [GeneratedRegex(@"^;(?:PRINT\.)?TIME:\s*(\d+(?:\.\d+)?)\s*$", RegexOptions.Multiline)]
    private static partial Regex CuraTime();

    [GeneratedRegex(@"(\d+)\s*([dhms])\b", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPart();
}
