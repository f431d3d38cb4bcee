using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using PrintFarm.Designs;
using PrintFarm.Estimates;
using PrintFarm.Delivery;
using PrintFarm.Jobs;
using PrintFarm.Notifications;
using PrintFarm.Orders.Designs;

namespace PrintFarm.Orders;

/// <summary>
/// A thin shell over <see cref="Order"/>: stores the order before answering, creates its jobs,
/// follows them as they move, carries out operators' moves, and tells whoever watches.
/// Placed on the silo the request came in through, so an order placed while another silo dies
/// lives on a surviving one; it waits on no farm-wide grain (estimates come from this silo's
/// copy of the learned print times).
/// </summary>
[PreferLocalPlacement]
public sealed partial class OrderGrain : Grain, IOrderGrain, IRemindable, PrintFarm.Storage.IStoresBeforeAnswering
{
    private readonly IPersistentState<OrderState> _state;
    private readonly OrderOptions _options;
    private readonly OrderLimits _limits;
    private readonly FarmEstimates _estimates;
    private readonly PrintTimeCopy _printTimes;
    private readonly TimeProvider _clock;
    private readonly ILogger<OrderGrain> _logger;
    private readonly OrderWatchers _watchers;
    private IGrainTimer? _releaseRetry;
    private bool _releaseUnsaved;
    private readonly Courier<OrderEvent> _notices;
    private readonly ReminderHold _noticesHold;
    private readonly PrintFarm.Storage.StorageLoad _storageLoad;

    public OrderGrain(
        [PersistentState("order", FarmStorage.Name)] IPersistentState<OrderState> state,
        IOptions<OrderOptions> options,
        IOptions<OrderLimits> limits,
        IOptions<DeliveryOptions> delivery,
        FarmEstimates estimates,
        PrintTimeCopy printTimes,
        PrintFarm.Storage.StorageLoad storageLoad,
        TimeProvider clock,
        ILogger<OrderGrain> logger)
    {
        _state = state;
        _storageLoad = storageLoad;
        _options = options.Value;
        _limits = limits.Value;
        _estimates = estimates;
        _printTimes = printTimes;
        _clock = clock;
        _logger = logger;
        _watchers = new OrderWatchers(GrainFactory, _options.ObserverExpiry, logger);
        _notices = new Courier<OrderEvent>(this, () => new Outbox<OrderEvent>(_state.State.Notices), Tell, NoticesDelivered,
            $"order {Reference}'s events to its notification hub", delivery.Value, logger);
        // Held while the outbox has events: if this silo dies first, the reminder wakes the order elsewhere to send them.
        _noticesHold = new ReminderHold(this, "notices", TimeSpan.FromMinutes(1), logger);
    }

    private Order Order => new(_state.State);
    private DateTimeOffset Now => _clock.GetUtcNow();
    private string Reference => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An order stored just before a crash may not have its jobs yet: create them soon, not
        // inside activation (a customer reading the order should not wait on them).
        if (Order.Exists && NeedsFollowUp) RetryReleaseAfter(TimeSpan.Zero);
        if (Order.Exists) _watchers.ReportToBoard(Order);
        OrderNotices.Baseline(_state.State);
        if (_state.State.Notices.Count > 0) _notices.DeliverAfter(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (await _notices.Deliver()) await _noticesHold.LetGo();
    }

    public Task<OrderView> Place(PlaceOrderRequest request, string? owner = null) =>
        Order.Exists ? throw new DuplicateOrderException(Reference) : PlaceNew(request, fingerprint: null, owner);

    public async Task<PlacedOrder> PlaceOnce(PlaceOrderRequest request, string? owner = null)
    {
        var fingerprint = Order.Fingerprint(request);
        if (!Order.Exists) return new PlacedOrder(await PlaceNew(request, fingerprint, owner), Replayed: false);
        if (_state.State.RequestFingerprint != fingerprint || _state.State.Owner != owner) throw new IdempotencyKeyReusedException();
        // A retry: the order may have been stored while its jobs were not all created yet.
        if (NeedsFollowUp) await TryReleaseJobs();
        return new PlacedOrder(_state.State.View(), Replayed: true);
    }

    private async Task<OrderView> PlaceNew(PlaceOrderRequest request, string? fingerprint, string? owner)
    {
        var errors = OrderRequestValidator.Validate(request, _limits);
        if (errors.Count > 0) throw new InvalidOrderException(errors.ToDictionary(e => e.Key, e => e.Value));
        // Before anything is stored (a design's use included): a refused order leaves no trace,
        // and this activation, which holds nothing, does not stay in memory for it.
        if (!_storageLoad.TryAdmitNewWork())
        {
            LogTurnedAway(Reference, _storageLoad.InFlight);
            DeactivateOnIdle();
            throw new PrintFarm.Storage.FarmBusyException();
        }

        var designed = await ReadDesigns(request, owner);
        _state.State = Order.Place(Reference, request, Now, review: _options.NeedsReview(request), owner, designed);
        _state.State.RequestFingerprint = fingerprint;
        Estimate("order placed");
        await Save();
        LogPlaced(Reference, _state.State.Items.Count, _state.State.Items.Sum(i => i.Quantity), _state.State.Status);

        // Stored means accepted: from here on nothing fails the answer. Jobs that cannot be
        // created now (their silo just died) are created by the retry; the customer has a reference.
        if (NeedsFollowUp) await TryReleaseJobs();
        _watchers.ReportToBoard(Order);
        return _state.State.View();
    }

    /// <summary>
    /// The catalog designs the items print, read from their files (<see cref="OrderDesigns"/>).
    /// Each design remembers this order first, so it cannot be deleted under it.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, DesignedItem>?> ReadDesigns(PlaceOrderRequest request, string? owner)
    {
        var ids = request.Items!.Where(i => i.DesignId is not null).Select(i => i.DesignId!.Value).Distinct().ToList();
        if (ids.Count == 0) return null;
        var found = new Dictionary<Guid, DesignView>();
        foreach (var id in ids)
        {
            try { found[id] = await GrainFactory.GetGrain<IDesignGrain>(id).UseIn(Reference); }
            catch (DesignNotFoundException) { }
        }
        var (items, errors) = OrderDesigns.Resolve(request, found, owner);
        if (errors.Count > 0) throw new InvalidOrderException(errors.ToDictionary(e => e.Key, e => e.Value));
        return items;
    }

    public Task<PlaceOrderRequest> AsRequest() => Task.FromResult(Existing().Reorder());

    public Task<OrderView?> Get()
    {
        if (Order.Exists) return Task.FromResult<OrderView?>(_state.State.View());
        // Asked for an order that does not exist (a mistyped or made-up reference): do not stay
        // in memory for it, or every made-up reference would hold an activation until idle.
        DeactivateOnIdle();
        return Task.FromResult<OrderView?>(null);
    }

    public async Task JobChanged(JobSnapshot job)
    {
        if (!Order.Exists) return;
        var before = _state.State.Status;
        var previous = _state.State.Items.ElementAtOrDefault(job.ItemIndex)?.Jobs.Find(j => j.JobId == job.JobId);
        var was = previous is null ? null : new ItemJobState { Status = previous.Status, Attempt = previous.Attempt, ProjectedStart = previous.ProjectedStart };
        var change = Order.Apply(job, Now);
        if (change == OrderChange.None) return;
        // A moved estimate is stored even when only live figures changed: it is a promise.
        if (Estimate(OrderEstimates.ReasonFor(was, job))) change = OrderChange.Stage;
        if (change == OrderChange.Stage)
        {
            await Save();
            if (_state.State.Status != before) LogStatus(Reference, before, _state.State.Status, null);
        }
        Publish();
    }

    public async Task<OrderView> ChangeStatus(OrderStatus status, string? message, string? by = null)
    {
        var order = Existing();
        order.EnsureAllowed(status);
        var before = _state.State.Status;
        var entries = _state.State.Timeline.Count;
        var now = Now;
        switch (status)
        {
            case OrderStatus.InReview:
                order.SendToReview(message, now);
                break;
            case OrderStatus.OnHold:
                order.Hold(message, now);
                order.JobsAnswered(await Task.WhenAll(order.JobsToHold().Select(id => Job(id).Hold())), now);
                break;
            case OrderStatus.Cancelled:
                await CancelJobs(order.JobsToCancel(), $"Production started while the order was being cancelled", "cancel the items that have not started instead");
                order.Cancel(message, now);
                break;
            case OrderStatus.Delivered:
                order.Deliver(message, now);
                break;
            case OrderStatus.Shipped:
                throw new OrderTransitionException(
                    "To ship, send the carrier and tracking number to POST /api/orders/{reference}/shipment.", before, [OrderStatus.Shipped]);
            case var _ when before == OrderStatus.InReview:
                order.Approve(message, now);
                await Save();
                await TryReleaseJobs();
                break;
            case var _ when before == OrderStatus.OnHold:
                order.Release(message, now);
                order.JobsAnswered(await Task.WhenAll(order.JobsToRelease().Select(id => Job(id).Release())), now);
                break;
        }
        Estimate(OrderEstimates.ReasonForMove(status, before));
        order.Attribute(entries, by);
        await Save();
        LogStatus(Reference, before, _state.State.Status, message);
        Publish();
        return _state.State.View();
    }

    public async Task<OrderView> Ship(ShipOrderRequest shipment, string? by = null)
    {
        var order = Existing();
        order.EnsureAllowed(OrderStatus.Shipped);
        var entries = _state.State.Timeline.Count;
        var carrier = shipment.Carrier!.Trim();
        var trackingNumber = string.IsNullOrWhiteSpace(shipment.TrackingNumber) ? null : shipment.TrackingNumber.Trim();
        order.Ship(new Shipment
        {
            Carrier = carrier,
            TrackingNumber = trackingNumber,
            TrackingUrl = shipment.TrackingUrl ?? _options.TrackingUrlFor(carrier, trackingNumber),
            ShippedAt = Now,
        }, shipment.Message, Now);
        // From now on the carrier's transit time is all that is left.
        var calendar = _estimates.Estimator.Calendar;
        var deliverBy = calendar.DeliveryAfter(Now, calendar.TransitDays(_state.State.Shipping.Method, _state.State.Shipping.Address?.Country));
        OrderEstimates.Apply(_state.State, Now, deliverBy, null, $"handed to {carrier}", TimeSpan.Zero, Now);
        order.Attribute(entries, by);
        await Save();
        LogStatus(Reference, OrderStatus.ReadyToShip, OrderStatus.Shipped, shipment.Message);
        Publish();
        return _state.State.View();
    }

    public async Task<OrderView> CancelItem(int index, string? message, string? by = null)
    {
        var order = Existing();
        order.EnsureItemCancellable(index);
        var entries = _state.State.Timeline.Count;
        var item = _state.State.Items[index];
        await CancelJobs(order.JobsToCancel(index), $"Item {index} ({item.Design}) went into production while it was being cancelled", null);
        order.ItemCancelled(index, message, Now);
        Estimate("an item was cancelled");
        order.Attribute(entries, by);
        await Save();
        LogItemCancelled(Reference, index);
        Publish();
        return _state.State.View();
    }

    public async Task<OrderView> AttachSlicedFile(int index, Guid designId, int? plate, bool anyPrinterModel, string? by = null)
    {
        var order = Existing();
        order.EnsureSliceable(index);
        DesignView? design = null;
        try { design = await GrainFactory.GetGrain<IDesignGrain>(designId).UseIn(Reference); }
        catch (DesignNotFoundException) { }
        var (sliced, errors) = OrderDesigns.ResolveSliced(_state.State.Items[index], designId, design, plate, anyPrinterModel, _state.State.Owner);
        if (sliced is null) throw new InvalidOrderException(errors.ToDictionary(e => e.Key, e => e.Value));
        order.EnsureSliceable(index, sliced.File!.Sha256);
        var entries = _state.State.Timeline.Count;
        order.SlicedFileAttached(index, sliced, Now);
        Estimate("a sliced file was attached");
        order.Attribute(entries, by);
        await Save();
        LogSlicedFileAttached(Reference, index, sliced.File.Sha256, sliced.EstimatedPrintSeconds);
        // Stored means accepted: copies out of reach now get the file from the retry.
        await TryReleaseJobs();
        Publish();
        return _state.State.View();
    }

    public async Task MarkLate(LateNotice? notice)
    {
        if (!Order.Exists || !Order.MarkLate(notice)) return;
        await Save();
        if (notice is null) LogOnTime(Reference);
        else LogLate(Reference, notice.Reason, notice.Promised);
        Publish();
    }

    public async Task<OrderMessage> PostMessage(MessageAuthor from, string text, List<MessageAttachment> attachments, string? by = null, string? replyKey = null)
    {
        Existing();
        if (replyKey is not null && !OrderThread.Takes(_state.State, replyKey))
            throw new MessageRefusedException("This reply link is not the order's; use the link in the order's latest email.");
        var message = OrderThread.Add(_state.State, from, text, attachments, by, Now);
        await Save();
        LogMessage(Reference, from, message.Number, message.Attachments.Count);
        Publish();
        return message;
    }

    public Task<bool> TakesReplyKey(string replyKey) => Task.FromResult(Order.Exists && OrderThread.Takes(_state.State, replyKey));

    public Task Subscribe(IOrderObserver observer)
    {
        _watchers.Subscribe(observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IOrderObserver observer)
    {
        _watchers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private IPrintJobGrain Job(string jobId) => GrainFactory.GetGrain<IPrintJobGrain>(jobId);

    /// <summary>Each job has the last word: one already on a printer refuses, and the move is refused with it.</summary>
    private async Task CancelJobs(IReadOnlyList<string> jobs, string refusal, string? instead)
    {
        var answers = await Task.WhenAll(jobs.Select(id => Job(id).Cancel()));
        var refused = answers.Count(a => a is null);
        if (refused == 0) return;
        throw new OrderTransitionException(
            $"{refusal} ({refused} of its copies are on printers and carry on){(instead is null ? "." : $"; {instead}.")}",
            _state.State.Status, [.. Order.AllowedMoves()]);
    }

    /// <summary>
    /// Works the delivery estimate out again from this silo's copy of the learned print times,
    /// and keeps it when it moved enough to matter (Estimates:ChangeThreshold). Never waits and
    /// never fails: a copy that is missing or old makes the estimate say so.
    /// </summary>
    private bool Estimate(string reason)
    {
        if (!OrderEstimates.Applies(_state.State)) return false;
        var (model, copyCaveat) = _printTimes.Model();
        var result = _estimates.Estimator.Estimate(OrderEstimates.Input(_state.State), model, Now);
        var caveat = string.Join("; ", new[] { result.Caveat, copyCaveat }.Where(c => c is not null));
        return OrderEstimates.Apply(_state.State, result.ShipBy, result.DeliverBy, caveat.Length == 0 ? null : caveat, reason, _estimates.Options.ChangeThreshold, Now);
    }

    private Order Existing() => Order.Exists ? Order : throw new OrderNotFoundException(Reference);

    /// <summary>
    /// Creates the order's jobs; when some cannot be reached (their silo just died), tries again
    /// every Orders:ReleaseRetry until they all exist. Creating a job twice is harmless. Never throws.
    /// </summary>
    private async Task TryReleaseJobs()
    {
        try
        {
            if (Order.NeedsListing)
            {
                // The owner's list is per account, never farm-wide; until it has heard, the retry tells it again.
                await GrainFactory.GetGrain<Accounts.ICustomerOrdersGrain>(_state.State.Owner!).Add(Reference, _state.State.PlacedAt);
                _state.State.OwnerListed = true;
                _releaseUnsaved = true;
            }
            if (Order.NeedsJobs) await Task.WhenAll(Order.JobsToCreate().Select(spec => Job(spec.JobId).Create(spec)));
            foreach (var index in Order.FilesToTell())
            {
                var sliced = Order.SlicedFileFor(index);
                Order.FileTold(index, await Task.WhenAll(Order.QueuedJobsOf(index).Select(id => Job(id).AttachSlicedFile(sliced))), Now);
                _releaseUnsaved = true;
            }
            if ((Order.NeedsJobs && Order.JobsCreated(Now)) || _releaseUnsaved)
            {
                _releaseUnsaved = true; // until stored: a failed write is tried again by the retry
                Estimate("the jobs are queued");
                await Save();
                _releaseUnsaved = false;
            }
            _releaseRetry?.Dispose();
            _releaseRetry = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReleaseFailed(Reference, _options.ReleaseRetry, e.Message);
            if (_releaseRetry is null) RetryReleaseAfter(_options.ReleaseRetry);
        }
    }

    private void RetryReleaseAfter(TimeSpan due)
    {
        _releaseRetry?.Dispose();
        _releaseRetry = this.RegisterGrainTimer(async _ =>
        {
            var before = _state.State.Status;
            await TryReleaseJobs();
            if (_state.State.Status == before) return;
            LogStatus(Reference, before, _state.State.Status, null);
            Publish();
        }, new GrainTimerCreationOptions { DueTime = due, Period = _options.ReleaseRetry, KeepAlive = true });
    }

    /// <summary>
    /// Stores the order, its histories cut to their bounds first (Orders:MaxTimelineEntries,
    /// MaxEstimateHistory), with the events the change causes in the same write (the outbox,
    /// see <see cref="OrderNotices"/>); they leave for the notification hub once stored.
    /// </summary>
    private async Task Save()
    {
        OrderHistoryBounds.Apply(_state.State, _options.MaxTimelineEntries, _options.MaxEstimateHistory);
        if (OrderNotices.Collect(_state.State, Now) > 0) OrderThread.ReplyKey(_state.State); // the customer's emails carry the reply link
        if (_state.State.Notices.Count > 0) await _noticesHold.Hold();
        await _state.WriteStateAsync();
        if (_state.State.Notices.Count > 0 && !_notices.IsWaiting) _notices.DeliverAfter(TimeSpan.Zero);
    }

    /// <summary>One event to the hub of the order's account, which sends the emails and webhooks; staff's hub hears it too.</summary>
    private async Task Tell(OrderEvent e)
    {
        var view = _state.State.View();
        var customer = _state.State.Customer;
        var contact = new CustomerContact { Email = customer.Email, Name = customer.Name, Language = customer.Language, TimeZone = customer.TimeZone, ReplyKey = _state.State.ReplyKey };
        var owner = _state.State.Owner;
        await GrainFactory.GetGrain<INotificationHubGrain>(owner ?? INotificationHubGrain.Shop).Publish(e, view, contact, primary: true);
        if (owner is not null && owner != INotificationHubGrain.Shop)
            await GrainFactory.GetGrain<INotificationHubGrain>(INotificationHubGrain.Shop).Publish(e, view, contact, primary: false);
    }

    private async Task NoticesDelivered()
    {
        await _state.WriteStateAsync();
        if (_state.State.Notices.Count == 0) await _noticesHold.LetGo();
    }

    private void Publish()
    {
        OrderHistoryBounds.Apply(_state.State, _options.MaxTimelineEntries, _options.MaxEstimateHistory);
        _watchers.Publish(Order);
    }

    /// <summary>What placing still owes after the store: the jobs, and the owner's list of orders.</summary>
    private bool NeedsFollowUp => Order.NeedsJobs || Order.NeedsListing || Order.NeedsFilesTold;
}
