namespace PrintFarm.Orders;

[GenerateSerializer, Alias("PrintFarm.OrderItemState")]
public sealed class OrderItemState
{
    [Id(0)] public int Index { get; set; }
    [Id(1)] public string Design { get; set; } = "";
    [Id(2)] public string Material { get; set; } = "";
    [Id(3)] public string Technology { get; set; } = "FDM";
    [Id(4)] public int Quantity { get; set; }
    [Id(5)] public int EstimatedPrintSeconds { get; set; }
    [Id(6)] public ItemStatus Status { get; set; }
    /// <summary>What is wrong with this item right now, in plain words; null when all is well.</summary>
    [Id(7)] public string? Problem { get; set; }
    [Id(8)] public List<ItemJobState> Jobs { get; set; } = [];
    [Id(9)] public DateTimeOffset? StatusSince { get; set; }
    [Id(10)] public List<ItemStageChange> History { get; set; } = [];
    /// <summary>The oldest history lines dropped to keep an order bounded (the first line then says so).</summary>
    [Id(11)] public int HistoryDropped { get; set; }
}
