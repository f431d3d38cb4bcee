namespace PrintFarm.Dispatch;

[GenerateSerializer, Alias("PrintFarm.PoolsState")]
public sealed class PoolsState
{
    [Id(0)] public SortedSet<string> Pools { get; set; } = new(StringComparer.Ordinal);
}
