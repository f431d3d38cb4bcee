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
    /// <summary>
    /// A design of the catalog (<c>POST /api/designs</c>). Its file then says the print time, the
    /// material and the printer model, and it is the file the printer gets.
    /// </summary>
    [Id(5)] public Guid? DesignId { get; init; }
    /// <summary>Which plate of a sliced 3MF project to print (1 when not given).</summary>
    [Id(6)] public int? Plate { get; init; }
    /// <summary>An operator's decision: the file may go to printers of another model than it was sliced for.</summary>
    [Id(7)] public bool AnyPrinterModel { get; init; }
}
