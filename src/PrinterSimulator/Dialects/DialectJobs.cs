using PrintFarm.PrinterSimulator.Files;
using PrintFarm.Protocol;

namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>
/// How a real dialect's "print this file" becomes a job for the behaviour model. Real printers do
/// not hear the slicer's estimate with the command: it is inside the file. So a file that is on
/// the printer (uploaded, or on the SD card) prints for the time its slicer wrote in it, and one
/// that is not for a fixed time; either is then scaled by the printer's speed.
/// </summary>
public static class DialectJobs
{
    /// <summary>
    /// The farm names the file (OctoPrint, Moonraker) or the Bambu <c>subtask_name</c> after the
    /// job id, and its adapters read the id back from the file name's stem.
    /// </summary>
    public static string JobIdFromFile(string file)
    {
        var name = file[(file.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    /// <summary>
    /// How long <paramref name="file"/> prints before the printer's speed factor: the slicer's
    /// estimate when the file is in <paramref name="storage"/> and says, else <paramref name="fallback"/>.
    /// </summary>
    public static TimeSpan PrintTimeOf(PrinterStorage? storage, string file, TimeSpan fallback, int plate = 1, string? prefix = null) =>
        storage?.PrintTimeOf(file, plate, prefix) ?? fallback;

    public static PrinterCommandMessage Start(string jobId, string file, TimeSpan printTime, DateTimeOffset at) => new()
    {
        CommandId = Guid.NewGuid().ToString("N"),
        Type = PrinterCommandType.Start,
        JobId = jobId,
        File = file,
        EstimatedSeconds = (int)Math.Max(1, Math.Round(printTime.TotalSeconds)),
        At = at,
    };

    public static PrinterCommandMessage Control(PrinterCommandType type, string jobId, DateTimeOffset at) => new()
    {
        CommandId = Guid.NewGuid().ToString("N"),
        Type = type,
        JobId = jobId,
        At = at,
    };
}
