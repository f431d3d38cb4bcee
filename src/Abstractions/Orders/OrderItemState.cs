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
    /// <summary>The catalog design this item prints; null for an item described by hand.</summary>
    [Id(12)] public Guid? DesignId { get; set; }
    /// <summary>The file its jobs send to the printer; null without a design, or while the design needs slicing.</summary>
    [Id(13)] public Designs.PrintFileRef? File { get; set; }
    /// <summary>The printer model the file was sliced for: its jobs go only to printers of that model.</summary>
    [Id(14)] public string? PrinterModel { get; set; }
    /// <summary>The filament one copy uses, as the slicer wrote it.</summary>
    [Id(15)] public double? MaterialGrams { get; set; }
    /// <summary>The design's embedded picture, by its address in the design store.</summary>
    [Id(16)] public string? ThumbnailSha256 { get; set; }
    /// <summary>Its media type ("image/png"), as intake read it.</summary>
    [Id(17)] public string? ThumbnailType { get; set; }
    /// <summary>A sliced file was attached and some of its waiting copies may not have it yet: the order tells them until they all do.</summary>
    [Id(18)] public bool FileUntold { get; set; }
}
