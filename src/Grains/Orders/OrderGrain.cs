using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;
using PrintFarm.Estimates;
using PrintFarm.Jobs;

namespace PrintFarm.Orders;

/// <summary>
/// A thin shell over <see cref="Order"/>: stores the order before answering, creates its jobs,
/// follows them as they move, carries out operators' moves, and tells whoever watches.
/// </summary>
public sealed partial class OrderGrain : Grain, IOrderGrain, PrintFarm.Storage.IStoresBeforeAnswering
{
    private readonly IPersistentState<OrderState> _state;
    private readonly OrderOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<OrderGrain> _logger;
    private readonly ObserverManager<IOrderObserver> _observers;
    private readonly FarmEstimates _estimates;
    private PrintTimeState? _printTimes;
    private DateTimeOffset _printTimesAt;
    private OpenOrder? _reported;
    private IGrainTimer? _releaseRetry;

    public OrderGrain(
        [PersistentState("order", FarmStorage.Name)] IPersistentState<OrderState> state,
        IOptions<OrderOptions> options,
        FarmEstimates estimates,
        TimeProvider clock,
        ILogger<OrderGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _estimates = estimates;
        _clock = clock;
        _logger = logger;
        _observers = new ObserverManager<IOrderObserver>(TimeSpan.FromMinutes(3), logger);
    }

    private Order Order => new(_state.State);
    private DateTimeOffset Now => _clock.GetUtcNow();
    private string Reference => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An order stored just before a crash may not have its jobs yet: create them now.
        if (Order.Exists && Order.NeedsJobs) await TryReleaseJobs();
        if (Order.Exists) ReportToBoard();
    }

    public async Task<OrderView> Place(PlaceOrderRequest request)
    {
        if (Order.Exists) throw new DuplicateOrderException(Reference);
        var errors = OrderRequestValidator.Validate(request);
        if (errors.Count > 0) throw new InvalidOrderException(errors.ToDictionary(e => e.Key, e => e.Value));

        _state.State = Order.Place(Reference, request, Now, review: _options.NeedsReview(request));
        await _state.WriteStateAsync();
        LogPlaced(Reference, _state.State.Items.Count, _state.State.Items.Sum(i => i.Quantity), _state.State.Status);

        // Stored means accepted: from here on the customer gets a reference, whatever happens to
        // the job grains (a silo dying under them only delays the queue).
        if (Order.NeedsJobs) await TryReleaseJobs();
        if (await Estimate("order placed")) await _state.WriteStateAsync();
        ReportToBoard();
        return _state.State.View();
    }

    public Task<OrderView?> Get() => Task.FromResult(Order.Exists ? _state.State.View() : null);

    public async Task JobChanged(JobSnapshot job)
    {
        if (!Order.Exists) return;
        var before = _state.State.Status;
        var previous = _state.State.Items.ElementAtOrDefault(job.ItemIndex)?.Jobs.Find(j => j.JobId == job.JobId);
        var was = previous is null ? null : new ItemJobState { Status = previous.Status, Attempt = previous.Attempt, ProjectedStart = previous.ProjectedStart };
        var change = Order.Apply(job, Now);
        if (change == OrderChange.None) return;
        // A moved estimate is stored even when only live figures changed: it is a promise.
        if (await Estimate(OrderEstimates.ReasonFor(was, job))) change = OrderChange.Stage;
        if (change == OrderChange.Stage)
        {
            await _state.WriteStateAsync();
            if (_state.State.Status != before) LogStatus(Reference, before, _state.State.Status, null);
        }
        Publish();
    }

    public async Task<OrderView> ChangeStatus(OrderStatus status, string? message)
    {
        var order = Existing();
        order.EnsureAllowed(status);
        var before = _state.State.Status;
        var now = Now;
        switch (status)
        {
            case OrderStatus.InReview:
                order.SendToReview(message, now);
                break;
            case OrderStatus.OnHold:
                order.Hold(message, now);
                await ForEachJob(job => job.Hold(), onlyQueued: true);
                break;
            case OrderStatus.Cancelled:
                await CancelWholeOrder(message);
                break;
            case OrderStatus.Delivered:
                order.Deliver(message, now);
                break;
            case OrderStatus.Shipped:
                throw new OrderTransitionException(
                    "To ship, send the carrier and tracking number to POST /api/orders/{reference}/shipment.", before, [OrderStatus.Shipped]);
            case var _ when before == OrderStatus.InReview:
                order.Approve(message, now);
                await _state.WriteStateAsync();
                await TryReleaseJobs();
                break;
            case var _ when before == OrderStatus.OnHold:
                order.Release(message, now);
                await ForEachJob(job => job.Release(), onlyQueued: false);
                break;
        }
        await Estimate(status switch
        {
            OrderStatus.Queued when before == OrderStatus.OnHold => "the hold was lifted",
            OrderStatus.Queued => "the review passed",
            _ => $"the order is {status}",
        });
        await _state.WriteStateAsync();
        LogStatus(Reference, before, _state.State.Status, message);
        Publish();
        return _state.State.View();
    }

    public async Task<OrderView> Ship(ShipOrderRequest shipment)
    {
        var order = Existing();
        order.EnsureAllowed(OrderStatus.Shipped);
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
        await _state.WriteStateAsync();
        LogStatus(Reference, OrderStatus.ReadyToShip, OrderStatus.Shipped, shipment.Message);
        Publish();
        return _state.State.View();
    }

    public async Task<OrderView> CancelItem(int index, string? message)
    {
        var order = Existing();
        order.EnsureItemCancellable(index);
        var item = _state.State.Items[index];
        var refused = new List<string>();
        foreach (var job in item.Jobs.Where(j => j.Status == JobStatus.Queued))
        {
            // The job has the last word: it may have been handed to a printer a moment ago.
            if (await GrainFactory.GetGrain<IPrintJobGrain>(job.JobId).Cancel() is null) refused.Add(job.JobId);
        }
        if (refused.Count > 0)
        {
            throw new OrderTransitionException(
                $"Item {index} ({item.Design}) went into production while it was being cancelled; {refused.Count} of its copies carry on.", _state.State.Status, []);
        }
        order.ItemCancelled(index, message, Now);
        await Estimate("an item was cancelled");
        await _state.WriteStateAsync();
        LogItemCancelled(Reference, index);
        Publish();
        return _state.State.View();
    }

    public async Task MarkLate(LateNotice? notice)
    {
        if (!Order.Exists) return;
        var late = _state.State.Late;
        if (notice is null ? late is null : late is not null && late.Reason == notice.Reason) return;
        _state.State.Late = notice;
        _state.State.Version++;
        await _state.WriteStateAsync();
        if (notice is null) LogOnTime(Reference);
        else LogLate(Reference, notice.Reason, notice.Promised);
        Publish();
    }

    public Task Subscribe(IOrderObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IOrderObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private async Task CancelWholeOrder(string? message)
    {
        var refused = new List<string>();
        foreach (var job in _state.State.Items.SelectMany(i => i.Jobs).Where(j => j.Status == JobStatus.Queued))
        {
            if (await GrainFactory.GetGrain<IPrintJobGrain>(job.JobId).Cancel() is null) refused.Add(job.JobId);
        }
        if (refused.Count > 0)
        {
            throw new OrderTransitionException(
                $"Production started while the order was being cancelled ({refused.Count} copies are on printers); cancel the items that have not started instead.",
                _state.State.Status, [.. Order.AllowedMoves()]);
        }
        Order.Cancel(message, Now);
    }

    private async Task ForEachJob(Func<IPrintJobGrain, Task<JobSnapshot?>> action, bool onlyQueued)
    {
        var jobs = _state.State.Items.Where(i => i.Status != ItemStatus.Cancelled).SelectMany(i => i.Jobs)
            .Where(j => !onlyQueued || j.Status == JobStatus.Queued)
            .Select(j => action(GrainFactory.GetGrain<IPrintJobGrain>(j.JobId)));
        foreach (var snapshot in await Task.WhenAll(jobs))
        {
            if (snapshot is not null) Order.Apply(snapshot, Now);
        }
    }

    /// <summary>
    /// Works the delivery estimate out again and keeps it when it moved enough to matter
    /// (EstimateOptions.ChangeThreshold), so 10,000 printers do not make a storm of identical news.
    /// </summary>
    private async Task<bool> Estimate(string reason)
    {
        if (!OrderEstimates.Applies(_state.State)) return false;
        var now = Now;
        if (_printTimes is null || now - _printTimesAt > TimeSpan.FromMinutes(1))
        {
            _printTimes = await GrainFactory.GetGrain<IPrintTimeGrain>(IPrintTimeGrain.Key).Get(); // a leaf grain: safe to wait on
            _printTimesAt = now;
        }
        var result = _estimates.Estimator.Estimate(OrderEstimates.Input(_state.State), _estimates.Model(_printTimes), now);
        return OrderEstimates.Apply(_state.State, result.ShipBy, result.DeliverBy, result.Caveat, reason, _estimates.Options.ChangeThreshold, now);
    }

    private Order Existing() => Order.Exists ? Order : throw new OrderNotFoundException(Reference);

    /// <summary>
    /// Creates the order's jobs; when some cannot be reached (their silo just died), tries again
    /// every few seconds until they all exist. Creating a job twice is harmless.
    /// </summary>
    private async Task TryReleaseJobs()
    {
        try
        {
            await ReleaseJobs();
            _releaseRetry?.Dispose();
            _releaseRetry = null;
        }
        catch (Exception e) when (e is not OperationCanceledException and not InvalidOrderException)
        {
            LogReleaseFailed(Reference, _options.ReleaseRetry, e.Message);
            _releaseRetry ??= this.RegisterGrainTimer(RetryRelease, new GrainTimerCreationOptions
            {
                DueTime = _options.ReleaseRetry,
                Period = _options.ReleaseRetry,
                KeepAlive = true,
            });
        }
    }

    private async Task RetryRelease(CancellationToken cancellationToken)
    {
        var before = _state.State.Status;
        await TryReleaseJobs();
        if (_state.State.Status == before) return;
        if (await Estimate("the jobs are queued")) await _state.WriteStateAsync();
        LogStatus(Reference, before, _state.State.Status, null);
        Publish();
    }

    private async Task ReleaseJobs()
    {
        await Task.WhenAll(Order.JobsToCreate().Select(spec => GrainFactory.GetGrain<IPrintJobGrain>(spec.JobId).Create(spec)));
        if (Order.JobsCreated(Now)) await _state.WriteStateAsync();
    }

    /// <summary>Watchers get the whole order each time: a client that missed one still ends up right.</summary>
    private void Publish()
    {
        ReportToBoard();
        if (_observers.Count == 0) return;
        var view = _state.State.View();
        _observers.Notify(o => o.OrderChanged(view));
    }

    /// <summary>
    /// Tells the order board (one-way, never awaited: the board tells orders one-way too) when
    /// what makes an order late changed: stage, promise or estimate, not every progress tick.
    /// </summary>
    private void ReportToBoard()
    {
        var state = _state.State;
        var summary = new OpenOrder
        {
            Reference = Reference,
            Status = state.Status,
            PlacedAt = state.PlacedAt,
            PromisedDeliverBy = state.PromisedDeliverBy,
            EstimatedDeliverBy = state.Estimate?.DeliverBy,
        };
        if (summary == _reported) return;
        _reported = summary;
        GrainFactory.GetGrain<IOrderBoardGrain>(IOrderBoardGrain.Key).Report(summary).Ignore();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {Reference}: not every job could be created yet; trying again every {RetryEvery}: {Error}")]
    private partial void LogReleaseFailed(string reference, TimeSpan retryEvery, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Reference} is late ({Reason}); promised by {Promised}")]
    private partial void LogLate(string reference, LateReason reason, DateTimeOffset promised);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Reference} is on time again")]
    private partial void LogOnTime(string reference);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Reference} placed: {Items} items, {Copies} copies, {Status}")]
    private partial void LogPlaced(string reference, int items, int copies, OrderStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Reference}: {From} -> {To} {Message}")]
    private partial void LogStatus(string reference, OrderStatus from, OrderStatus to, string? message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Reference}: item {Index} cancelled")]
    private partial void LogItemCancelled(string reference, int index);
}
