using PrintFarm.Protocol;

namespace PrintFarm.Printers;

/// <summary>A job event from a printer, normalized. <see cref="EventId"/> makes redelivery harmless.</summary>
[GenerateSerializer, Immutable, Alias("PrintFarm.PrinterJobEvent")]
public sealed record PrinterJobEvent
{
    [Id(0)] public required string EventId { get; init; }
    [Id(1)] public required PrinterEventType Type { get; init; }
    [Id(2)] public required string JobId { get; init; }
    [Id(3)] public string? Reason { get; init; }
    [Id(4)] public int? ElapsedSeconds { get; init; }
    [Id(5)] public required DateTimeOffset ReceivedAt { get; init; }
}
