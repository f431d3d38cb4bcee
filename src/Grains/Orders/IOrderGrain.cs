using PrintFarm.Jobs;

namespace PrintFarm.Orders;

/// <summary>An order, keyed by its reference (random and unguessable: it is the customer's key).</summary>
[Alias("PrintFarm.IOrderGrain")]
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the order, then creates its print jobs. Returns once the order is durable; placing
    /// the same reference twice is refused.
    /// </summary>
    [Alias("Place")]
    Task<OrderView> Place(PlaceOrderRequest request);

    /// <summary>Null when no order has this reference.</summary>
    [Alias("Get")]
    Task<OrderView?> Get();

    /// <summary>A job of this order moved.</summary>
    [Alias("JobChanged")]
    Task JobChanged(JobSnapshot job);
}
