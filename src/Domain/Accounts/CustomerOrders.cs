namespace PrintFarm.Accounts;

/// <summary>One account's orders, newest first for paging.</summary>
public sealed class CustomerOrders(CustomerOrdersState state)
{
    /// <summary>False when the order is listed already (an order tells again until it hears back).</summary>
    public bool Add(string reference, DateTimeOffset placedAt)
    {
        if (state.Orders.Exists(o => o.Reference == reference)) return false;
        var at = state.Orders.FindLastIndex(o => o.PlacedAt <= placedAt) + 1;
        state.Orders.Insert(at, new CustomerOrder(reference, placedAt));
        return true;
    }

    public OrderPage Page(int skip, int take)
    {
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 1, OrderPage.MaxTake);
        var newestFirst = Enumerable.Range(0, state.Orders.Count).Select(i => state.Orders[state.Orders.Count - 1 - i].Reference);
        return new OrderPage(newestFirst.Skip(skip).Take(take).ToList(), state.Orders.Count);
    }
}
