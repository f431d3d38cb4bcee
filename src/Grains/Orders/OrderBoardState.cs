namespace PrintFarm.Orders;

[GenerateSerializer, Alias("PrintFarm.OrderBoardState")]
public sealed class OrderBoardState
{
    [Id(0)] public List<OpenOrder> Orders { get; set; } = [];
    /// <summary>What the last sweep found, so a restart neither forgets nor re-announces it.</summary>
    [Id(1)] public List<LateOrder> Late { get; set; } = [];
}
