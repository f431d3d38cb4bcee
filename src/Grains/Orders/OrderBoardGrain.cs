using Microsoft.Extensions.Logging;
using PrintFarm.Orders;

namespace PrintFarm.Orders;

/// <summary>
/// Every open order in brief, and which of them the last sweep found late. A view: stored in
/// batches, and orders report again whenever they activate or change, so a report lost with a
/// crash comes back.
/// </summary>
public sealed partial class OrderBoardGrain(
    [PersistentState("orderboard", FarmStorage.Name)] IPersistentState<OrderBoardState> state,
    TimeProvider clock,
    ILogger<OrderBoardGrain> logger) : Grain, IOrderBoardGrain
{

    private static readonly TimeSpan SaveDelay = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, OpenOrder> _orders = new(StringComparer.Ordinal);
    private Dictionary<string, LateOrder> _late = new(StringComparer.Ordinal);
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var order in state.State.Orders) _orders[order.Reference] = order;
        foreach (var late in state.State.Late) _late[late.Reference] = late;
        this.RegisterGrainTimer(SaveIfDirty, new GrainTimerCreationOptions { DueTime = SaveDelay, Period = SaveDelay });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        SaveIfDirty(cancellationToken);

    public Task Report(OpenOrder order)
    {
        if (order.IsOpen) _orders[order.Reference] = order;
        else
        {
            _orders.Remove(order.Reference);
            _late.Remove(order.Reference);
        }
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<int> Sweep()
    {
        var now = clock.GetUtcNow();
        var late = new Dictionary<string, LateOrder>(StringComparer.Ordinal);
        foreach (var order in _orders.Values)
        {
            var before = _late.GetValueOrDefault(order.Reference);
            if (OrderLateness.Check(order, now, before?.Since) is not { } found) continue;
            late[order.Reference] = found;
            // Orders hear only of a change of flag, not of every sweep that finds them still late.
            if (before is null || before.Reason != found.Reason) Tell(order.Reference, LateNotice.Of(found));
        }
        foreach (var reference in _late.Keys.Where(r => !late.ContainsKey(r) && _orders.ContainsKey(r))) Tell(reference, null);
        if (late.Count != _late.Count) LogSwept(_orders.Count, late.Count);
        _late = late;
        _dirty = true;
        return Task.FromResult(late.Count);
    }

    public Task<List<LateOrder>> LateOrders() =>
        Task.FromResult(_late.Values.OrderByDescending(l => l.LateBy).ThenBy(l => l.Reference, StringComparer.Ordinal).ToList());

    public Task<int> OpenOrders() => Task.FromResult(_orders.Count);

    public Task<bool> IsOpen(string reference) => Task.FromResult(_orders.ContainsKey(reference));

    public Task<Accounts.OrderPage> Page(OrderStatus? status, bool? late, int skip, int take)
    {
        var matching = _orders.Values
            .Where(o => status is null || o.Status == status)
            .Where(o => late is null || _late.ContainsKey(o.Reference) == late)
            .OrderByDescending(o => o.PlacedAt)
            .ToList();
        return Task.FromResult(new Accounts.OrderPage([.. matching.Skip(skip).Take(take).Select(o => o.Reference)], matching.Count));
    }

    /// <summary>One-way: the order may be telling this grain about itself at the same moment.</summary>
    private void Tell(string reference, LateNotice? notice) =>
        GrainFactory.GetGrain<IOrderGrain>(reference).MarkLate(notice).Ignore();

    private Task SaveIfDirty(CancellationToken cancellationToken)
    {
        if (!_dirty) return Task.CompletedTask;
        _dirty = false;
        state.State.Orders = _orders.Values.ToList();
        state.State.Late = _late.Values.ToList();
        return state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Late-order sweep: {Open} open orders, {Late} late")]
    private partial void LogSwept(int open, int late);
}
