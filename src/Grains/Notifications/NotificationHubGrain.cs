using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Delivery;
using PrintFarm.Orders;
using PrintFarm.Storage;

namespace PrintFarm.Notifications;

/// <summary>
/// One account's notifications: its webhook subscriptions, the log of its events, and the
/// fan-out of each event into its receivers' queues. An order's event is answered once it is in
/// the log and every receiver's queue holds its message; until then the order keeps it in its own
/// stored outbox and tells it again, so a queue's silo dying delays a message and loses none. The
/// hub's own outbox carries only what no order tells again (the late-order digest), with a
/// reminder that wakes the hub elsewhere if its silo dies first.
/// </summary>
public sealed partial class NotificationHubGrain : Grain, INotificationHubGrain, IRemindable
{
    private const int SeenKept = 2000;

    private readonly IPersistentState<NotificationHubState> _state;
    private readonly NotificationOptions _options;
    private readonly INotificationSecrets _secrets;
    private readonly IEmailComposer _composer;
    private readonly TimeProvider _clock;
    private readonly ILogger<NotificationHubGrain> _logger;
    private readonly Courier<NotificationMessage> _courier;
    private readonly ReminderHold _hold;
    private readonly GroupWrite _write;
    /// <summary>Changes made to the state, and how many of them the last write stored.</summary>
    private long _changes, _stored;

    /// <summary>Messages carried to their receivers at once; each receiver's still in order.</summary>
    private const int DeliveryWidth = 32;

    public NotificationHubGrain(
        [PersistentState("notifications", FarmStorage.Name)] IPersistentState<NotificationHubState> state,
        IOptions<NotificationOptions> options,
        IOptions<DeliveryOptions> delivery,
        INotificationSecrets secrets,
        IEmailComposer composer,
        TimeProvider clock,
        ILogger<NotificationHubGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _secrets = secrets;
        _composer = composer;
        _clock = clock;
        _logger = logger;
        _courier = new Courier<NotificationMessage>(this, () => new Outbox<NotificationMessage>(_state.State.Outbox),
            m => GrainFactory.GetGrain<IReceiverGrain>(m.Receiver).Enqueue(m), Stored, $"account {Account}'s notifications to their receivers", delivery.Value, logger,
            lane: m => m.Receiver, width: DeliveryWidth, interleave: true);
        _write = new GroupWrite(async () =>
        {
            var writing = _changes;
            await _state.WriteStateAsync();
            _stored = Math.Max(_stored, writing);
        });
        _hold = new ReminderHold(this, "notifications", TimeSpan.FromMinutes(1), logger);
    }

    private string Account => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_state.State.Outbox.Count > 0) _courier.DeliverAfter(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (await _courier.Deliver()) await _hold.LetGo();
    }

    public async Task Publish(OrderEvent e, OrderView order, CustomerContact contact, bool primary)
    {
        var state = _state.State;
        var tracking = TrackingUrl(e.Reference);
        var body = EventBody.For(e, order, tracking);
        var messages = Messages(e, order, contact, primary, body, tracking);
        if (!state.Seen.Contains(e.Id))
        {
            state.Log.Add(new PublishedEvent { Id = e.Id, Type = e.Type, Time = e.Time, Reference = e.Reference, Body = body });
            if (state.Log.Count > _options.EventLogSize) state.Log.RemoveRange(0, state.Log.Count - _options.EventLogSize);
            state.Seen.Add(e.Id);
            if (state.Seen.Count > SeenKept) state.Seen.RemoveRange(0, state.Seen.Count - SeenKept);
            _changes++;
            LogPublished(e.Id, e.Type, Account, messages.Count);
        }
        // Every order's events come here (the shop's hub): the calls interleave, and the events
        // that arrive while a write runs are stored together by the next one. An event told
        // again after a failed write is stored by the write it joins now.
        if (_stored < _changes) await _write.Write();
        // Carried to the receivers' queues before the answer, side by side, not through an outbox
        // of the hub's own: until the order hears back, its stored outbox holds the event, and an
        // event told again is fanned out again (a receiver drops a message it already has). So
        // what the hub stores stays the size of its event log, however far its receivers are
        // behind, and a slow receiver holds up only the orders that have news for it.
        await Task.WhenAll(messages.Select(m => GrainFactory.GetGrain<IReceiverGrain>(m.Receiver).Enqueue(m)));
    }

    /// <summary>The messages one event makes: to each webhook that wants it, and for the order's own hub its notification URL and the emails the rules send.</summary>
    private List<NotificationMessage> Messages(OrderEvent e, OrderView order, CustomerContact contact, bool primary, string body, string tracking)
    {
        var messages = new List<NotificationMessage>();
        foreach (var webhook in _state.State.Webhooks.Where(w => w.Events.Contains(e.Type)))
            messages.Add(Message(e, Channel.Webhook, webhook.Url, body, Receivers.Webhook(Account, webhook.Id)) with { ProtectedSecret = webhook.ProtectedSecret });
        if (!primary) return messages;
        if (OrderEventTypes.IsStatusChange(e.Type) && order.Attachments?.NotificationUrl is { Length: > 0 } url)
            messages.Add(Message(e, Channel.NotificationUrl, url, order.Reference, Receivers.NotificationUrl(url)));
        if (contact.Email is { Length: > 0 } customer && EmailRules.ToCustomer(e, _options.Email))
            messages.Add(Email(e, order, contact, EmailAudience.Customer, customer, tracking));
        if (_options.Email.Shop is { Length: > 0 } shop && EmailRules.ToShop(e, _options.Email))
            messages.Add(Email(e, order, contact, EmailAudience.Shop, shop, tracking));
        return messages;
    }

    public async Task<int> SendLateOrderDigest(DateOnly day)
    {
        if (_options.Email.Shop is not { Length: > 0 } shop) return 0;
        var late = await GrainFactory.GetGrain<IOrderBoardGrain>(IOrderBoardGrain.Key).LateOrders();
        if (late.Count == 0) return 0;
        var mail = _composer.ComposeDigest(late, day, TrackingUrl);
        var eventId = $"{DigestReference}.{day:yyyyMMdd}";
        var receiver = Receivers.Email(shop);
        var message = new NotificationMessage
        {
            DeliveryId = Receivers.DeliveryId(eventId, receiver),
            EventId = eventId,
            Type = "digest.late_orders",
            Reference = DigestReference,
            Channel = Channel.Email,
            Target = shop,
            Body = mail.Text,
            Subject = mail.Subject,
            Html = mail.Html,
            CreatedAt = _clock.GetUtcNow(),
            Receiver = receiver,
        };
        if (_state.State.Outbox.Any(m => m.DeliveryId == message.DeliveryId)) return late.Count;
        _state.State.Outbox.Add(message);
        await _hold.Hold();
        _changes++;
        await _write.Write();
        _courier.DeliverAfter(TimeSpan.Zero);
        return late.Count;
    }

    /// <summary>Where the digests' deliveries are listed: <c>GET /api/notifications?order=digest</c>.</summary>
    public const string DigestReference = "digest";

    public async Task<WebhookView> Subscribe(WebhookSpec spec)
    {
        var errors = WebhookRules.Validate(spec, _options);
        if (spec.Secret is null) errors["secret"] = ["A signing secret is required."];
        if (_state.State.Webhooks.Count >= _options.MaxWebhooksPerAccount)
            errors["url"] = [$"An account holds at most {_options.MaxWebhooksPerAccount} webhooks; delete one first."];
        if (errors.Count > 0) throw new InvalidWebhookException(errors);
        var subscription = new WebhookSubscription
        {
            Id = $"wh_{++_state.State.WebhooksMade}_{Guid.NewGuid():N}"[..20],
            Url = spec.Url!.Trim(),
            Events = WebhookRules.EventsOf(spec),
            ProtectedSecret = _secrets.Protect(spec.Secret!),
            CreatedAt = _clock.GetUtcNow(),
        };
        _state.State.Webhooks.Add(subscription);
        _changes++;
        await _write.Write();
        LogSubscribed(Account, subscription.Id, Receivers.Shown(subscription.Url), string.Join(",", subscription.Events));
        return subscription.View();
    }

    public Task<List<WebhookView>> Webhooks() => Task.FromResult(_state.State.Webhooks.Select(w => w.View()).ToList());

    public async Task<bool> Unsubscribe(string id)
    {
        if (_state.State.Webhooks.RemoveAll(w => w.Id == id) == 0) return false;
        _changes++;
        await _write.Write();
        return true;
    }

    public Task<EventPage> Events(string? after, int limit)
    {
        var log = _state.State.Log;
        var start = 0;
        if (after is not null)
        {
            var at = log.FindIndex(e => e.Id == after);
            if (at < 0) throw new UnknownEventException(after, _options.EventLogSize);
            start = at + 1;
        }
        var page = log.Skip(start).Take(limit).ToList();
        return Task.FromResult(new EventPage { Events = page, More = start + page.Count < log.Count });
    }

    private async Task Stored()
    {
        _changes++;
        await _write.Write();
        if (_state.State.Outbox.Count > 0) return;
        await _hold.LetGo();
        // An event published while the reminder was let go is held again.
        if (_state.State.Outbox.Count > 0) await _hold.Hold();
    }

    private NotificationMessage Email(OrderEvent e, OrderView order, CustomerContact contact, EmailAudience audience, string address, string tracking)
    {
        var mail = _composer.Compose(e, order, contact, audience, tracking);
        return Message(e, Channel.Email, address, mail.Text, Receivers.Email(address)) with { Subject = mail.Subject, Html = mail.Html };
    }

    private NotificationMessage Message(OrderEvent e, Channel channel, string target, string body, string receiver) => new()
    {
        DeliveryId = Receivers.DeliveryId(e.Id, receiver),
        EventId = e.Id,
        Type = e.Type,
        Reference = e.Reference,
        Channel = channel,
        Target = target,
        Body = body,
        CreatedAt = _clock.GetUtcNow(),
        Receiver = receiver,
    };

    private string TrackingUrl(string reference) => $"{_options.PublicUrl.TrimEnd('/')}/tracking/{Uri.EscapeDataString(reference)}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} ({Type}) in account {Account}'s log; {Messages} messages to send")]
    private partial void LogPublished(string eventId, string type, string account, int messages);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {Account} subscribed webhook {Webhook} at {Url} to {Events}")]
    private partial void LogSubscribed(string account, string webhook, string url, string events);
}
