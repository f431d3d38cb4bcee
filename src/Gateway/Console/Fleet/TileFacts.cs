using PrintFarm.Jobs;
using PrintFarm.Printers;
using PrintFarm.Protocol;

namespace PrintFarm.Gateway.Console.Fleet;

/// <summary>How a printer's summary reads on its tile: its state, its pools, and what of it is visible.</summary>
public static class TileFacts
{
    public static TileState StateOf(PrinterSummary p)
    {
        if (p.Connectivity != Connectivity.Online) return p.CurrentJobId is null ? TileState.Offline : TileState.Stalled;
        if (p.Activity == PrinterActivity.Error) return TileState.Problem;
        if (p.Activity is PrinterActivity.Pausing or PrinterActivity.Paused) return TileState.Paused;
        if (p.Activity is PrinterActivity.Printing or PrinterActivity.Preparing or PrinterActivity.Resuming or PrinterActivity.Cancelling) return TileState.Printing;
        if (p.Maintenance is { Active: true }) return TileState.Maintenance;
        if (p.OutOfService) return TileState.OutOfService;
        return TileState.Idle;
    }

    /// <summary>The address form of a state, as the filters and the CSS use it.</summary>
    public static string Slug(TileState state) => state switch
    {
        TileState.OutOfService => "out-of-service",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static TileState? FromSlug(string? slug) =>
        Enum.GetValues<TileState>().Cast<TileState?>().FirstOrDefault(s => Slug(s!.Value) == slug);

    public static string Words(TileState state) => state switch
    {
        TileState.OutOfService => "out of service",
        TileState.Maintenance => "in maintenance",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>Technology/material for each material loaded: a printer with two is in two pools.</summary>
    public static IEnumerable<string> Pools(PrinterSummary p) =>
        p.Materials.Count == 0 ? [$"{p.Technology ?? "FDM"}/-"] : p.Materials.Select(m => $"{p.Technology ?? "FDM"}/{m}");

    /// <summary>The order a job belongs to (job ids are the order's reference, then item and copy).</summary>
    public static string? OrderOf(string? jobId) =>
        jobId is not null && PrintJobSpec.IsWellFormedId(jobId) ? jobId[..(PrintFarm.Orders.OrderReference.Prefix.Length + 10)] : null;

    /// <summary>
    /// Whether two summaries draw the same tile: temperatures to the degree, progress to the
    /// percent, time left to the minute. Anything finer would repaint every tile every second.
    /// </summary>
    public static bool LookTheSame(PrinterSummary a, PrinterSummary b) =>
        a.Connectivity == b.Connectivity
        && a.Activity == b.Activity
        && a.CurrentJobId == b.CurrentJobId
        && Percent(a.Progress) == Percent(b.Progress)
        && Minutes(a.RemainingSeconds) == Minutes(b.RemainingSeconds)
        && Degrees(a.NozzleTemperature) == Degrees(b.NozzleTemperature)
        && Degrees(a.BedTemperature) == Degrees(b.BedTemperature)
        && a.Error == b.Error
        && a.Model == b.Model
        && a.Technology == b.Technology
        && a.Materials.SequenceEqual(b.Materials)
        && a.Maintenance == b.Maintenance
        && a.OutOfService == b.OutOfService
        && a.OutOfServiceReason == b.OutOfServiceReason
        && a.JobsPrinted == b.JobsPrinted
        && a.JobsFailed == b.JobsFailed
        && a.JobsCancelled == b.JobsCancelled;

    public static int? Percent(double? progress) => progress is { } p ? (int)Math.Floor(Math.Clamp(p, 0, 1) * 100) : null;

    public static int? Minutes(int? seconds) => seconds is { } s ? (s + 59) / 60 : null;

    public static int? Degrees(double? celsius) => celsius is { } c ? (int)Math.Round(c) : null;

    /// <summary>"1 h 05 min", "12 min", "under a minute".</summary>
    public static string Duration(int seconds)
    {
        if (seconds < 60) return "under a minute";
        var minutes = (seconds + 59) / 60;
        return minutes < 60 ? $"{minutes} min" : $"{minutes / 60} h {minutes % 60:00} min";
    }
}
