using System.Diagnostics.Metrics;

namespace PrintFarm.Metrics;

/// <summary>
/// Instruments the grains record into. A static meter because grains are the hot path and an
/// instrument nobody listens to costs a branch; the silo's stats writer (off by default) and any
/// OpenTelemetry exporter listen by the meter name.
/// </summary>
public static class FarmMetrics
{
    public const string MeterName = "PrintFarm.Printers";
    public const string TelemetryLatencyName = "printfarm.telemetry.latency";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>
    /// From the printer's publish (its message's own timestamp) to the printer grain applying it,
    /// in milliseconds. Meaningful where printer and silo share a clock (the bench, simulated
    /// printers on the same machine); a real printer's clock skew shows up here too.
    /// </summary>
    public static readonly Histogram<double> TelemetryLatency = Meter.CreateHistogram<double>(
        TelemetryLatencyName, unit: "ms", description: "Printer publish to printer grain state");
}
