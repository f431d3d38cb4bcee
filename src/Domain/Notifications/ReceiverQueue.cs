namespace PrintFarm.Notifications;

/// <summary>
/// One receiver's messages, in the order they were queued: sent one at a time, the next only
/// once the one before was delivered or given up, so a receiver hears of an order's changes in
/// the order they happened. Remembers the newest delivery ids it took, so a repeat is dropped.
/// </summary>
public sealed class ReceiverQueue(ReceiverState state)
{
    /// <summary>How many delivery ids are remembered after they left the queue.</summary>
    public const int Remembered = 1000;

    public ReceiverState State { get; } = state;

    public NotificationMessage? Next => State.Queue.Count > 0 ? State.Queue[0] : null;

    public bool IsEmpty => State.Queue.Count == 0;

    /// <summary>False for a repeat of a message already queued or sent (unless <paramref name="again"/>, an operator's redelivery).</summary>
    public bool Add(NotificationMessage message, bool again = false)
    {
        if (State.Queue.Any(m => m.DeliveryId == message.DeliveryId)) return false;
        if (!again && State.Seen.Contains(message.DeliveryId)) return false;
        State.Queue.Add(message);
        return true;
    }

    /// <summary>The first attempt at <see cref="Next"/> starts now, unless one already did (before a restart).</summary>
    public DateTimeOffset Started(DateTimeOffset now) => State.NextStartedAt ??= now;

    /// <summary>The message at the head was delivered or given up: the next one's turn.</summary>
    public void Done(NotificationMessage message)
    {
        State.Queue.RemoveAll(m => m.DeliveryId == message.DeliveryId);
        State.NextStartedAt = null;
        State.Attempts = 0;
        State.Seen.Remove(message.DeliveryId);
        State.Seen.Add(message.DeliveryId);
        if (State.Seen.Count > Remembered) State.Seen.RemoveRange(0, State.Seen.Count - Remembered);
    }
}
