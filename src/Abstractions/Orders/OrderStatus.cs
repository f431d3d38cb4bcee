namespace PrintFarm.Orders;

/// <summary>
/// One vocabulary for an order's stage (DESIGN.md, "Order lifecycle"). The production stages are
/// in the order an order moves through them; OnHold, Cancelled and Test stand beside them.
/// </summary>
public enum OrderStatus
{
    Received,
    InReview,
    Queued,
    Printing,
    PostProcessing,
    QualityCheck,
    ReadyToShip,
    ReadyForPickup,
    Shipped,
    Delivered,
    OnHold,
    Cancelled,
    Test,
}
