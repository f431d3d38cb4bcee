using PrintFarm.Printers;

namespace PrintFarm.Printers.Dialects;

/// <summary>
/// What one raw message from a printer dialect means, in the normalized model. Every part is
/// optional: a message may change only connectivity, only telemetry, or nothing at all.
/// </summary>
public sealed record DialectUpdate
{
    public static DialectUpdate Empty { get; } = new();

    /// <summary>The printer's whole current picture (from the adapter's cache), or null when the message changed nothing we can state.</summary>
    public PrinterTelemetry? Telemetry { get; init; }

    /// <summary>Job events, each with an id that is the same for a redelivery of the same real occurrence.</summary>
    public IReadOnlyList<PrinterJobEvent> Events { get; init; } = [];

    /// <summary>Connectivity, only when the message said something about it.</summary>
    public PrinterStatusReport? Status { get; init; }

    /// <summary>The errors active on the printer after this message (empty when none or unknown).</summary>
    public IReadOnlyList<PrinterError> Errors { get; init; } = [];

    public bool IsEmpty => Telemetry is null && Events.Count == 0 && Status is null && Errors.Count == 0;
}
