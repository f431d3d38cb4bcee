using PrintFarm.Designs;

namespace PrintFarm.Orders.Designs;

/// <summary>What an order item prints once its catalog design has been read: the file's word over the hand-written one.</summary>
public sealed record DesignedItem
{
    public required Guid DesignId { get; init; }
    public required string Design { get; init; }
    public required string Material { get; init; }
    public required int EstimatedPrintSeconds { get; init; }
    /// <summary>Null while the design needs slicing: its jobs wait for a sliced file.</summary>
    public PrintFileRef? File { get; init; }
    public string? PrinterModel { get; init; }
    public double? MaterialGrams { get; init; }
    public string? ThumbnailSha256 { get; init; }
    public string? ThumbnailType { get; init; }
}
