using PrintFarm.Protocol;

namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>
/// How a real dialect's "print this file" becomes a job for the behaviour model. Real printers do
/// not hear the slicer's estimate with the command (it is inside the uploaded file), so the
/// simulator prints every dialect-started file for a fixed time, scaled by the printer's speed.
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
