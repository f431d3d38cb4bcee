using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace PrintFarm.Orders;

/// <summary>
/// Who hears of an order's changes: the gateways' live feeds (observers, which get the whole
/// order each time, so one that missed a change still ends up right) and the order board (told
/// one-way, only when what makes an order late changed: stage, promise or estimate).
/// </summary>
internal sealed class OrderWatchers(IGrainFactory grains, TimeSpan expiry, ILogger logger)
{
    private readonly ObserverManager<IOrderObserver> _observers = new(expiry, logger);
    private OpenOrder? _reported;

    public void Subscribe(IOrderObserver observer) => _observers.Subscribe(observer, observer);

    public void Unsubscribe(IOrderObserver observer) => _observers.Unsubscribe(observer);

    public void Publish(Order order)
    {
        ReportToBoard(order);
        if (_observers.Count == 0) return;
        var view = order.State.View();
        _observers.Notify(o => o.OrderChanged(view));
    }

    /// <summary>One-way and never awaited: the board tells orders one-way too.</summary>
    public void ReportToBoard(Order order)
    {
        var summary = order.Summary();
        if (summary == _reported) return;
        _reported = summary;
        grains.GetGrain<IOrderBoardGrain>(IOrderBoardGrain.Key).Report(summary).Ignore();
    }
}
