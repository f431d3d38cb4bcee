namespace PrintFarm.Jobs;

/// <summary>What to print: one copy of one order item.</summary>
[GenerateSerializer, Alias("PrintFarm.PrintJobSpec")]
public sealed record PrintJobSpec
{
    [Id(0)] public required string JobId { get; init; }
    [Id(1)] public required string OrderReference { get; init; }
    [Id(2)] public required int ItemIndex { get; init; }
    [Id(3)] public required int Copy { get; init; }
    [Id(4)] public required string Design { get; init; }
    [Id(5)] public required string Material { get; init; }
    [Id(6)] public required string Technology { get; init; }
    [Id(7)] public required int EstimatedPrintSeconds { get; init; }
    /// <summary>Lower goes first: express orders, then the oldest.</summary>
    [Id(8)] public required int Priority { get; init; }
    [Id(9)] public required DateTimeOffset PlacedAt { get; init; }

    /// <summary>Job ids are derived, so creating a job twice (a retry) lands on the same grain.</summary>
    public static string IdFor(string orderReference, int itemIndex, int copy) =>
        $"{orderReference}-{itemIndex + 1}-{copy}";
}
