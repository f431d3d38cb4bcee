using PrintFarm.Dispatch;

namespace PrintFarm.Bench.Estimates;

/// <summary>A simulated printer: what the farm sees of it, and the hidden truth of how fast it prints.</summary>
public sealed class SimPrinter(string id, string model, double hiddenFactor, List<string> materials)
{
    public string Id { get; } = id;
    public string Model { get; } = model;
    public double HiddenFactor { get; } = hiddenFactor;
    public List<string> Materials { get; } = materials;

    public SimJob? Current { get; set; }
    public DateTimeOffset IdleSince { get; set; }
    public DateTimeOffset PrintStartedAt { get; set; }
    public TimeSpan PrintDuration { get; set; }
    /// <summary>How far off the printer's own remaining-time report is for the current print.</summary>
    public double TelemetryBias { get; set; } = 1.0;

    public PrinterSlot Slot => new(Id, "FDM", Materials);

    /// <summary>What telemetry says is left: the truth, give or take the printer's own error.</summary>
    public TimeSpan ReportedRemaining(DateTimeOffset now)
    {
        var left = PrintStartedAt + PrintDuration - now;
        return left <= TimeSpan.Zero ? TimeSpan.Zero : left * TelemetryBias;
    }
}
