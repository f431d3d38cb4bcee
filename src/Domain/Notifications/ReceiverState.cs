namespace PrintFarm.Notifications;

/// <summary>A receiver's stored queue (see <see cref="ReceiverQueue"/>).</summary>
public sealed class ReceiverState
{
    public List<NotificationMessage> Queue { get; set; } = [];
    /// <summary>When the first attempt at the head of the queue was made: the give-up clock survives restarts.</summary>
    public DateTimeOffset? NextStartedAt { get; set; }
    /// <summary>Attempts made at the head of the queue, across restarts.</summary>
    public int Attempts { get; set; }
    /// <summary>The newest delivery ids that left the queue, oldest first.</summary>
    public List<string> Seen { get; set; } = [];
    /// <summary>True while the receiver is on the list of queues a starting silo wakes.</summary>
    public bool Owing { get; set; }
}
