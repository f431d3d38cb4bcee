namespace PrintFarm.Dispatch;

/// <summary>An idle printer offered to the dispatcher, with what it can print.</summary>
[GenerateSerializer, Alias("PrintFarm.PrinterSlot")]
public sealed record PrinterSlot(
    [property: Id(0)] string PrinterId,
    [property: Id(1)] string Technology,
    [property: Id(2)] List<string> Materials,
    [property: Id(3)] string? Model = null);
