namespace PrintFarm.Notifications;

/// <summary>
/// What an order last told the outside world: compared with the order after each change, it
/// decides which events the change causes (<see cref="OrderNotices"/>). Stored with the order.
/// </summary>
public sealed class NoticeMark
{
    public Orders.OrderStatus Status { get; set; }
    /// <summary>Each item's problem as last announced, by index; null where there was none.</summary>
    public List<string?> Problems { get; set; } = [];
    /// <summary>The delivery date the last event saw: a later one "moved" the date.</summary>
    public DateTimeOffset? DeliverBy { get; set; }
    /// <summary>The delivery date last announced as past the promise: the next announcement waits for another move.</summary>
    public DateTimeOffset? PastPromiseAnnounced { get; set; }
    /// <summary>The number of the last message of the thread that was announced.</summary>
    public int MessagesAnnounced { get; set; }
    /// <summary>True once the order's lateness was announced; false again when it is on time, so a second lateness is told too.</summary>
    public bool LateAnnounced { get; set; }
}
