namespace PrintFarm.Printers;

/// <summary>What a printer is asked to print.</summary>
[GenerateSerializer, Alias("PrintFarm.PrintJobAssignment")]
public sealed record PrintJobAssignment(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Design,
    [property: Id(2)] string Material,
    [property: Id(3)] int EstimatedPrintSeconds,
    [property: Id(4)] int Attempt,
    [property: Id(5)] Designs.PrintFileRef? File = null);
