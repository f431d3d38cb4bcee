namespace PrintFarm.Orders;

[GenerateSerializer, Alias("PrintFarm.OrderItemRequest")]
public sealed record OrderItemRequest
{
    /// <summary>The design (model / plate) to print, e.g. bracket-v4.</summary>
    [Id(0)] public string? Design { get; init; }
    [Id(1)] public string? Material { get; init; }
    [Id(2)] public int? Quantity { get; init; }
    /// <summary>The slicer's estimate for one copy.</summary>
    [Id(3)] public int? EstimatedPrintSeconds { get; init; }
    /// <summary>FDM when not given.</summary>
    [Id(4)] public string? Technology { get; init; }
}
