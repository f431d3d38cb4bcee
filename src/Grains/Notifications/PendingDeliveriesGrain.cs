namespace PrintFarm.Notifications;

/// <inheritdoc cref="IPendingDeliveriesGrain"/>
public sealed class PendingDeliveriesGrain(
    [PersistentState("pending-deliveries", FarmStorage.Name)] IPersistentState<PendingDeliveriesState> state) : Grain, IPendingDeliveriesGrain
{
    public async Task Owe(string receiver)
    {
        if (state.State.Receivers.Add(receiver)) await state.WriteStateAsync();
    }

    public async Task Settled(string receiver)
    {
        if (state.State.Receivers.Remove(receiver)) await state.WriteStateAsync();
    }

    public async Task<int> Wake()
    {
        var receivers = state.State.Receivers.ToList();
        await Task.WhenAll(receivers.Select(r => GrainFactory.GetGrain<IReceiverGrain>(r).Pending()));
        return receivers.Count;
    }
}
