using PrintFarm.Protocol;

namespace PrintFarm.Printers;

/// <summary>A command to a printer, before a dialect adapter turns it into its wire form.</summary>
[GenerateSerializer, Alias("PrintFarm.PrinterCommand")]
public sealed record PrinterCommand(
    [property: Id(0)] PrinterCommandType Type,
    [property: Id(1)] string JobId,
    [property: Id(2)] string? Design = null,
    [property: Id(3)] string? Material = null,
    [property: Id(4)] int? EstimatedSeconds = null,
    [property: Id(5)] Designs.PrintFileRef? File = null);
