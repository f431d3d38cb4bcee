using Microsoft.Extensions.Logging;

namespace PrintFarm.Notifications;

/// <summary>
/// One order's delivery log: each message's latest state as its receiver reported it, and the
/// message itself, so an operator can send it again. Bounded: the oldest records go first.
/// </summary>
public sealed partial class OrderDeliveriesGrain(
    [PersistentState("deliveries", FarmStorage.Name)] IPersistentState<OrderDeliveriesState> state,
    TimeProvider clock,
    ILogger<OrderDeliveriesGrain> logger) : Grain, IOrderDeliveriesGrain
{
    private const int Kept = 500;

    public async Task Report(DeliveryRecord record, NotificationMessage? message)
    {
        var records = state.State.Records;
        var at = records.FindIndex(r => r.Id == record.Id);
        // Reports may cross: a retry's news arriving after the delivery's own is not news.
        if (at >= 0 && records[at].UpdatedAt > record.UpdatedAt) return;
        if (at >= 0) records[at] = record;
        else records.Add(record);
        if (message is not null) state.State.Messages[message.DeliveryId] = message;
        while (records.Count > Kept)
        {
            state.State.Messages.Remove(records[0].Id);
            records.RemoveAt(0);
        }
        await state.WriteStateAsync();
    }

    public Task<List<DeliveryRecord>> List(DeliveryStatus? status) =>
        Task.FromResult(state.State.Records.Where(r => status is null || r.Status == status).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList());

    public async Task<DeliveryRecord?> Redeliver(string deliveryId)
    {
        if (!state.State.Messages.TryGetValue(deliveryId, out var message)) return null;
        LogRedeliver(deliveryId, message.Receiver);
        var at = state.State.Records.FindIndex(r => r.Id == deliveryId);
        if (at >= 0)
        {
            state.State.Records[at] = state.State.Records[at] with { Status = DeliveryStatus.Pending, NextAttemptAt = null, UpdatedAt = clock.GetUtcNow() };
            await state.WriteStateAsync();
        }
        await GrainFactory.GetGrain<IReceiverGrain>(message.Receiver).Redeliver(message);
        return at >= 0 ? state.State.Records[at] : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} to {Receiver} sent again at an operator's request")]
    private partial void LogRedeliver(string deliveryId, string receiver);
}
