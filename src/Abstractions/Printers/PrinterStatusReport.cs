namespace PrintFarm.Printers;

/// <summary>A printer announced itself (online, with capabilities) or its last will said offline.</summary>
[GenerateSerializer, Alias("PrintFarm.PrinterStatusReport")]
public sealed record PrinterStatusReport
{
    [Id(0)] public required bool Online { get; init; }
    /// <summary>Absent from a last will: keep what we knew.</summary>
    [Id(1)] public PrinterCapabilities? Capabilities { get; init; }
    [Id(2)] public required DateTimeOffset ReceivedAt { get; init; }
}
