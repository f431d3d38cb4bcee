namespace PrintFarm.Orders;

/// <summary>
/// The register of open orders, for the late-order sweep and operators. Orders tell it one-way
/// when their stage, promise or estimate changes; it tells an order one-way when it becomes late
/// or stops being late. Neither waits on the other.
/// </summary>
[Alias("PrintFarm.IOrderBoardGrain")]
public interface IOrderBoardGrain : IGrainWithStringKey
{
    /// <summary>The one grain of its kind in the farm has this key.</summary>
    const string Key = "farm";

    [OneWay, Alias("Report")]
    Task Report(OpenOrder order);

    /// <summary>Checks every open order against its promise (the Quartz sweep calls this); returns how many are late.</summary>
    [Alias("Sweep")]
    Task<int> Sweep();

    /// <summary>The late orders as of the last sweep, the latest by most first.</summary>
    [Alias("LateOrders")]
    Task<List<LateOrder>> LateOrders();

    [Alias("OpenOrders")]
    Task<int> OpenOrders();

    /// <summary>Whether the order is on the board, that is open: from memory, without activating the order.</summary>
    [Alias("IsOpen")]
    Task<bool> IsOpen(string reference);

    /// <summary>Open orders, newest first, for operators' listing: by stage, and late or not as of the last sweep.</summary>
    [Alias("Page")]
    Task<Accounts.OrderPage> Page(OrderStatus? status, bool? late, int skip, int take);
}
