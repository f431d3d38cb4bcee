namespace PrintFarm.PrinterSimulator;

/// <summary>
/// The network side of one simulated printer, whatever its dialect: the fleet starts it, ticks it
/// at the telemetry rate and stops it.
/// </summary>
internal interface IPrinterLink
{
    SimulatedPrinter Printer { get; }

    /// <summary>Reachable by the farm: connected and announced (or, for a printer that is its own broker, listening).</summary>
    bool IsOnline { get; }

    /// <summary>Messages that must be delivered and are not yet acknowledged.</summary>
    int PendingEvents { get; }

    void Start(CancellationToken stopping);

    void Tick();

    Task StopAsync();
}
