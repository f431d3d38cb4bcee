using PrintFarm.Designs.Catalog;
using PrintFarm.Orders;

namespace PrintFarm.Designs;

/// <summary>A thin shell over one design's record, stored, and the orders that print it.</summary>
public sealed class DesignGrain(
    [PersistentState("design", FarmStorage.Name)] IPersistentState<DesignState> state,
    TimeProvider clock) : Grain, IDesignGrain
{
    private static readonly TimeSpan AskOrderFor = TimeSpan.FromSeconds(5);

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

    public async Task<DesignView> UseIn(string orderReference)
    {
        if (state.State.Design is not { } design)
        {
            DeactivateOnIdle();
            throw new DesignNotFoundException(this.GetPrimaryKey());
        }
        if (state.State.UsedBy.TryAdd(orderReference, clock.GetUtcNow())) await state.WriteStateAsync();
        return design;
    }

    public async Task Delete()
    {
        if (state.State.Design is not { } design) throw new DesignNotFoundException(this.GetPrimaryKey());
        var now = clock.GetUtcNow();
        var open = new List<string>();
        foreach (var (reference, since) in state.State.UsedBy.ToList())
        {
            OrderView? order;
            try
            {
                // Bounded: an order being placed with this design waits on this grain in turn
                // (UseIn), and neither may wait on the other for long. Not knowing means in use.
                order = await GrainFactory.GetGrain<IOrderGrain>(reference).Get().WaitAsync(AskOrderFor, clock);
            }
            catch (TimeoutException)
            {
                open.Add(reference);
                continue;
            }
            if (DesignUses.StillNeeds(order?.Status, since, now)) open.Add(reference);
            else state.State.UsedBy.Remove(reference);
        }
        if (open.Count > 0)
        {
            await state.WriteStateAsync(); // the closed ones are forgotten even so
            throw new DesignInUseException(design.Id, open);
        }
        state.State.Design = null;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ICustomerDesignsGrain>(design.Owner).Remove(design.Id);
    }
}
