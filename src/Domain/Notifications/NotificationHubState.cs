namespace PrintFarm.Notifications;

/// <summary>An account's notification hub, as stored (see <c>NotificationHubGrain</c>).</summary>
public sealed class NotificationHubState
{
    public List<WebhookSubscription> Webhooks { get; set; } = [];
    /// <summary>The newest events, oldest first, for <c>GET /api/events</c>.</summary>
    public List<PublishedEvent> Log { get; set; } = [];
    /// <summary>What the hub owes its receivers' queues: written with the event, emptied as each queue takes its message.</summary>
    public List<NotificationMessage> Outbox { get; set; } = [];
    /// <summary>The newest event ids taken, so an order's repeat is dropped.</summary>
    public List<string> Seen { get; set; } = [];
    public long WebhooksMade { get; set; }
}
