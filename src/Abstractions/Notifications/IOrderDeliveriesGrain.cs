namespace PrintFarm.Notifications;

/// <summary>The deliveries of one order's notifications, keyed by the order's reference: what operators list and redeliver.</summary>
[Alias("PrintFarm.IOrderDeliveriesGrain")]
public interface IOrderDeliveriesGrain : IGrainWithStringKey
{
    /// <summary>A receiver's news of one delivery, with the message itself when it was queued (kept for redelivery).</summary>
    [Alias("Report")]
    Task Report(DeliveryRecord record, NotificationMessage? message);

    [Alias("List")]
    Task<List<DeliveryRecord>> List(DeliveryStatus? status);

    /// <summary>Sends the delivery again (with a fresh 24 h); false when there is no such delivery.</summary>
    [Alias("Redeliver")]
    Task<DeliveryRecord?> Redeliver(string deliveryId);
}
