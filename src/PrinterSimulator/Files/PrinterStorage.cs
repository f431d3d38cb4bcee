namespace PrintFarm.PrinterSimulator.Files;

/// <summary>
/// A printer's own storage: the folder its uploads land in (OctoPrint's <c>local</c>, Moonraker's
/// <c>gcodes</c>) or the SD card a Bambu printer's FTPS server writes to. Names are paths relative
/// to the folder, with <c>/</c> between folders; nothing may reach outside it.
/// </summary>
public sealed class PrinterStorage
{
    /// <param name="timeScale">A file prints in its sliced time times this (<see cref="SimulatorOptions.FileTimeScale"/>).</param>
    public PrinterStorage(string folder, double timeScale = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeScale);
        Folder = Path.GetFullPath(folder);
        TimeScale = timeScale;
    }

    public double TimeScale { get; }

    /// <summary>Absolute.</summary>
    public string Folder { get; }

    /// <summary>
    /// The normal form of a name as the printer's API takes it (<c>/sdcard/a.gcode</c>, <c>a.gcode</c>,
    /// <c>sub/a.gcode</c>), or null when it names no file inside the storage (<c>..</c>, empty, a drive, a backslash).
    /// </summary>
    public static string? Normalize(string? name, string? prefix = null)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var text = name.Trim();
        if (prefix is not null && text.StartsWith(prefix, StringComparison.Ordinal)) text = text[prefix.Length..];
        text = text.TrimStart('/');
        if (text.Length == 0 || text.Contains('\\') || text.Contains(':') || text.Contains('\0')) return null;
        var segments = text.Split('/');
        if (segments.Any(s => s.Length == 0 || s == "." || s == "..")) return null;
        return string.Join('/', segments);
    }

    /// <summary>Where <paramref name="name"/> lives (it may not exist yet), or null for a name outside the storage.</summary>
    public string? PathOf(string? name, string? prefix = null)
    {
        if (Normalize(name, prefix) is not { } relative) return null;
        var full = Path.GetFullPath(Path.Combine(Folder, relative));
        // A second guard on top of Normalize: whatever the name, the result stays in the folder.
        return full.StartsWith(Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>The file's path when it is there.</summary>
    public string? Find(string? name, string? prefix = null) => PathOf(name, prefix) is { } path && File.Exists(path) ? path : null;

    /// <summary>How long the file's slicer says it prints; null when the file is not here or does not say.</summary>
    public TimeSpan? PrintTimeOf(string? name, int plate = 1, string? prefix = null) =>
        Find(name, prefix) is { } path && SlicerTime.OfFile(path, plate) is { } time ? time * TimeScale : null;
}
