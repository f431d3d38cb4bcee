using PrintFarm.Printers;
using PrintFarm.Protocol;

namespace PrintFarm.Silo.Telemetry;

/// <summary>
/// Turns the farm-native protocol into the normalized printer model. Throws
/// <see cref="FormatException"/> for a message that cannot mean anything; the caller counts it.
/// A NaN or infinite number is dropped here, field by field: the farm would keep it, and JSON
/// cannot write it (one such reading made every printer list answer 500).
/// </summary>
public static class FarmProtocolAdapter
{
    public static PrinterTelemetry ToTelemetry(PrinterTelemetryMessage m, DateTimeOffset receivedAt)
    {
        if (m.JobId is not null && !PrinterId.IsValid(m.JobId)) throw new FormatException($"Bad job id '{m.JobId}'.");
        return new PrinterTelemetry
        {
            Activity = m.Activity,
            JobId = string.IsNullOrEmpty(m.JobId) ? null : m.JobId,
            Progress = Finite(m.Progress) is { } p ? Math.Clamp(p, 0, 100) : null,
            RemainingSeconds = m.RemainingSeconds is { } r ? Math.Max(0, r) : null,
            ElapsedSeconds = m.ElapsedSeconds is { } e ? Math.Max(0, e) : null,
            NozzleTemperature = Finite(m.Nozzle?.Actual),
            NozzleTarget = Finite(m.Nozzle?.Target),
            BedTemperature = Finite(m.Bed?.Actual),
            BedTarget = Finite(m.Bed?.Target),
            Error = m.Error,
            SourceTime = m.At,
            ReceivedAt = receivedAt,
            LastOutcome = m.LastOutcome is { Type: PrinterEventType.JobFinished or PrinterEventType.JobFailed or PrinterEventType.JobCancelled } outcome
                ? ToEvent(outcome, receivedAt)
                : null,
        };
    }

    public static PrinterJobEvent ToEvent(PrinterEventMessage m, DateTimeOffset receivedAt)
    {
        if (string.IsNullOrWhiteSpace(m.EventId) || m.EventId.Length > 128) throw new FormatException("An event needs an eventId.");
        if (!PrinterId.IsValid(m.JobId)) throw new FormatException($"Bad job id '{m.JobId}'.");
        return new PrinterJobEvent
        {
            EventId = m.EventId,
            Type = m.Type,
            JobId = m.JobId,
            Reason = m.Reason is { Length: > 200 } tooLong ? tooLong[..200] : m.Reason,
            ElapsedSeconds = m.ElapsedSeconds,
            ReceivedAt = receivedAt,
        };
    }

    public static PrinterStatusReport ToStatus(PrinterStatusMessage m, DateTimeOffset receivedAt) => new()
    {
        Online = m.Online,
        ReceivedAt = receivedAt,
        // A last will carries no capabilities: keep what the printer said when it connected.
        Capabilities = m.Materials is null && m.Model is null ? null : new PrinterCapabilities
        {
            Model = m.Model,
            Technology = string.IsNullOrWhiteSpace(m.Technology) ? "FDM" : m.Technology.ToUpperInvariant(),
            Materials = (m.Materials ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim().ToUpperInvariant()).Distinct().ToList(),
            BuildVolume = m.BuildVolume is { X: { } x, Y: { } y, Z: { } z } ? $"{x} x {y} x {z}" : null,
            NozzleDiameter = Finite(m.NozzleDiameter),
            Firmware = m.Firmware,
        },
    };

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
