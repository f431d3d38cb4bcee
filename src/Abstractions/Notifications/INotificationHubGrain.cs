using PrintFarm.Orders;

namespace PrintFarm.Notifications;

/// <summary>
/// One account's notifications (keyed by login; <see cref="Shop"/> for the shop's own): its
/// webhook subscriptions, the log of its events, and the fan-out of each event to its receivers.
/// </summary>
[Alias("PrintFarm.INotificationHubGrain")]
public interface INotificationHubGrain : IGrainWithStringKey
{
    /// <summary>The shop's hub: every order's events, the shop's emails, staff's webhooks.</summary>
    public const string Shop = "_shop";

    /// <summary>
    /// Stores the event and what it owes each receiver, then returns; a repeat (same id) is dropped.
    /// The <paramref name="primary"/> hub (the order's owner's, or the shop's for an order without
    /// one) also sends the emails and the order's notification URL; the shop's hub, told as well,
    /// feeds staff's webhooks and log.
    /// </summary>
    /// <remarks>
    /// Interleaves with the hub's other calls: every order tells the shop's hub, and the events
    /// that arrive together are stored by one write (a group commit).
    /// </remarks>
    [AlwaysInterleave, Alias("Publish")]
    Task Publish(OrderEvent @event, OrderView order, CustomerContact contact, bool primary);

    /// <summary>
    /// The shop's daily digest of late orders (on the shop's hub): one email to Notifications:Email:Shop
    /// per day, however often it is asked (its delivery id is the day's); none when nothing is late.
    /// Returns how many orders it listed.
    /// </summary>
    [Alias("SendLateOrderDigest")]
    Task<int> SendLateOrderDigest(DateOnly day);

    [Alias("Subscribe")]
    Task<WebhookView> Subscribe(WebhookSpec spec);

    [Alias("Webhooks")]
    Task<List<WebhookView>> Webhooks();

    /// <summary>False when there was no such subscription.</summary>
    [Alias("Unsubscribe")]
    Task<bool> Unsubscribe(string id);

    /// <summary>The events after <paramref name="after"/> (all kept, without it), oldest first.</summary>
    [Alias("Events")]
    Task<EventPage> Events(string? after, int limit);
}
