namespace PrintFarm.Gateway.Api;

/// <summary>
/// The body of POST /api/orders/{reference}/items/{index}/sliced-file: the sliced design (uploaded
/// to the order's account with POST /api/designs) that the item prints instead of its mesh.
/// </summary>
public sealed record SlicedFileRequest(Guid? DesignId, int? Plate, bool AnyPrinterModel);
