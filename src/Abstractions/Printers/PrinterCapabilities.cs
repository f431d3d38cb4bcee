namespace PrintFarm.Printers;

/// <summary>What a printer can print: the dispatcher matches jobs against it.</summary>
[GenerateSerializer, Alias("PrintFarm.PrinterCapabilities")]
public sealed record PrinterCapabilities
{
    [Id(0)] public string? Model { get; init; }
    [Id(1)] public string Technology { get; init; } = "FDM";
    [Id(2)] public List<string> Materials { get; init; } = [];
    /// <summary>Millimetres, "X x Y x Z" when known.</summary>
    [Id(3)] public string? BuildVolume { get; init; }
    [Id(4)] public double? NozzleDiameter { get; init; }
    [Id(5)] public string? Firmware { get; init; }
}
