namespace PrintFarm.Dispatch;

/// <summary>One pool in the farm's queue view.</summary>
[GenerateSerializer, Alias("PrintFarm.PoolSummary")]
public sealed record PoolSummary
{
    [Id(0)] public required string Pool { get; init; }
    [Id(1)] public int Depth { get; init; }
    [Id(2)] public int IdlePrinters { get; init; }
    /// <summary>Set when the pool's dispatcher did not answer in time (it is moving to another silo); its figures are missing.</summary>
    [Id(3)] public string? Problem { get; init; }
}
