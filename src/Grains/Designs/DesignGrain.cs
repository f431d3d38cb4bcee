using PrintFarm.Designs.Catalog;

namespace PrintFarm.Designs;

/// <summary>A thin shell over one design's record, stored.</summary>
public sealed class DesignGrain(
    [PersistentState("design", FarmStorage.Name)] IPersistentState<DesignState> state) : Grain, IDesignGrain
{
    public async Task<DesignView> Create(DesignView design)
    {
        if (state.State.Design is { } existing) return existing;
        state.State.Design = design;
        await state.WriteStateAsync();
        return design;
    }

    public Task<DesignView?> Get()
    {
        // A made-up id does not keep an activation for itself.
        if (state.State.Design is null) DeactivateOnIdle();
        return Task.FromResult(state.State.Design);
    }

    public async Task Delete()
    {
        if (state.State.Design is not { } design) throw new DesignNotFoundException(this.GetPrimaryKey());
        state.State.Design = null;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ICustomerDesignsGrain>(design.Owner).Remove(design.Id);
    }
}
