namespace PrintFarm.PrinterSimulator.SharedConnections;

/// <summary>The shared-connection fleet's stats file (<c>--stats-file</c>), rewritten every second.</summary>
public sealed record SharedFleetStats(DateTimeOffset At, int Printers, int Online, long Telemetry, long TelemetrySkipped,
    long Events, long Commands, long PendingEvents, int Printing);
