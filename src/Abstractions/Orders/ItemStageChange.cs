namespace PrintFarm.Orders;

/// <summary>One line of an item's own history.</summary>
[GenerateSerializer, Alias("PrintFarm.ItemStageChange")]
public sealed record ItemStageChange
{
    [Id(0)] public required DateTimeOffset At { get; init; }
    [Id(1)] public required ItemStatus Status { get; init; }
    [Id(2)] public string? Note { get; init; }
}
