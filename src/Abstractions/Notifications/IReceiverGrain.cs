namespace PrintFarm.Notifications;

/// <summary>
/// One receiver (a webhook subscription, a notification URL, an email address): its messages
/// queued in order and sent one at a time, so a slow or dead receiver holds up only itself.
/// </summary>
[Alias("PrintFarm.IReceiverGrain")]
public interface IReceiverGrain : IGrainWithStringKey
{
    /// <summary>Stores the message at the end of the queue (a repeat of one already queued or sent is dropped) and returns; sending is later.</summary>
    [Alias("Enqueue")]
    Task Enqueue(NotificationMessage message);

    /// <summary>
    /// Queues a message again even if it was sent (an operator's redelivery). One-way: the order's
    /// delivery log asks while the queue may be telling that log of another delivery.
    /// </summary>
    [Alias("Redeliver"), OneWay]
    Task Redeliver(NotificationMessage message);

    /// <summary>The queue's own news of a failed attempt, from Polly's retry callback (which runs off the grain's scheduler).</summary>
    [Alias("AttemptFailed")]
    Task AttemptFailed(string deliveryId, int attempts, string error, TimeSpan retryAfter);

    /// <summary>The messages still queued.</summary>
    [Alias("Pending")]
    Task<int> Pending();
}
