using PrintFarm.Designs;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Printers.Files;

/// <summary>
/// Which files each kind of printer prints, and what the farm needs to send it one. OctoPrint and
/// Moonraker print G-code text (Moonraker stores a binary G-code without reading it, and OctoPrint
/// refuses one); a Bambu printer prints a sliced 3MF project, a plate at a time. Native printers
/// are the farm's own simulator: they are told the job, not sent a file.
/// </summary>
public static class PrintFileAcceptance
{
    /// <summary>Why this printer cannot be sent this file; null when it can.</summary>
    public static string? Refusal(PrinterRegistration printer, PrintFileRef file) => printer.Dialect switch
    {
        PrinterDialect.OctoPrint when file.Format != DesignFormat.GCode => $"OctoPrint prints G-code, not a {file.Format} file",
        PrinterDialect.Moonraker when file.Format != DesignFormat.GCode => $"Moonraker prints G-code, not a {file.Format} file",
        PrinterDialect.Bambu when file.Format != DesignFormat.SlicedThreeMf => $"a Bambu printer prints a sliced 3MF project (.gcode.3mf), not a {file.Format} file",
        PrinterDialect.OctoPrint when printer.OctoPrint?.Url is null => "no url registered for its REST API (octoPrint.url), so no file can be uploaded",
        PrinterDialect.Moonraker when printer.Moonraker?.Url is null => "no url registered for its API (moonraker.url), so no file can be uploaded",
        _ => null,
    };

    /// <summary>Whether the printer must be sent the file before it starts (every dialect but the farm's own).</summary>
    public static bool NeedsUpload(PrinterRegistration printer) => printer.Dialect is PrinterDialect.OctoPrint or PrinterDialect.Moonraker or PrinterDialect.Bambu;
}
