using PrintFarm.Designs.Catalog;

namespace PrintFarm.Designs;

/// <summary>A thin shell over <see cref="CustomerDesigns"/>: one account's designs, stored.</summary>
public sealed class CustomerDesignsGrain(
    [PersistentState("customerdesigns", FarmStorage.Name)] IPersistentState<CustomerDesignsState> state) : Grain, ICustomerDesignsGrain
{
    private CustomerDesigns Designs => new(state.State);

    public async Task Add(Guid design, DateTimeOffset uploadedAt)
    {
        if (Designs.Add(design, uploadedAt)) await state.WriteStateAsync();
    }

    public async Task Remove(Guid design)
    {
        if (Designs.Remove(design)) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<Guid>> List() => Task.FromResult(Designs.NewestFirst());
}
