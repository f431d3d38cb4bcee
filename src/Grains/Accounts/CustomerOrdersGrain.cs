using PrintFarm.Storage;

namespace PrintFarm.Accounts;

/// <summary>A thin shell over <see cref="CustomerOrders"/>: one account's orders, stored.</summary>
public sealed class CustomerOrdersGrain(
    [PersistentState("customerorders", FarmStorage.Name)] IPersistentState<CustomerOrdersState> state) : Grain, ICustomerOrdersGrain
{
    private CustomerOrders Orders => new(state.State);
    private readonly GroupWrite _write = new(() => state.WriteStateAsync());

    /// <summary>
    /// An account that places every order of a storefront has one of these for all of them: the
    /// adds interleave, and those that arrive while a write runs are stored by the next one.
    /// </summary>
    public async Task Add(string reference, DateTimeOffset placedAt)
    {
        if (Orders.Add(reference, placedAt)) await _write.Write();
    }

    public Task<OrderPage> Page(int skip, int take) => Task.FromResult(Orders.Page(skip, take));
}
