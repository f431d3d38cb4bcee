namespace PrintFarm.Accounts;

/// <summary>A thin shell over <see cref="CustomerOrders"/>: one account's orders, stored.</summary>
public sealed class CustomerOrdersGrain(
    [PersistentState("customerorders", FarmStorage.Name)] IPersistentState<CustomerOrdersState> state) : Grain, ICustomerOrdersGrain
{
    private CustomerOrders Orders => new(state.State);

    public async Task Add(string reference, DateTimeOffset placedAt)
    {
        if (Orders.Add(reference, placedAt)) await state.WriteStateAsync();
    }

    public Task<OrderPage> Page(int skip, int take) => Task.FromResult(Orders.Page(skip, take));
}
