using PrintFarm.Protocol;

namespace PrintFarm.PrinterSimulator;

/// <summary>
/// What one tick of a printer produced: the telemetry snapshot (lossy, QoS 0) and any job
/// events that happened since the last tick (must be delivered, QoS 1).
/// </summary>
public sealed record PrinterTick(PrinterTelemetryMessage Telemetry, IReadOnlyList<PrinterEventMessage> Events);
