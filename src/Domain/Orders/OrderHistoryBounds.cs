using PrintFarm.Estimates;

namespace PrintFarm.Orders;

/// <summary>
/// Keeps what one order accumulates bounded: its timeline, each item's history and its estimate
/// history grow with every hold and release, reprint and moved estimate, and the whole order is
/// stored, read and streamed at every change. The newest are kept; the timeline and item
/// histories begin with a line saying how many earlier ones were dropped, and the order counts
/// the estimates it dropped. The promise (<see cref="OrderState.PromisedDeliverBy"/>) is kept
/// apart, so dropping the first estimate loses nothing the lateness rules use.
/// </summary>
public static class OrderHistoryBounds
{
    public static void Apply(OrderState state, int maxTimeline, int maxEstimates)
    {
        state.TimelineDropped = Bound(state.Timeline, maxTimeline, state.TimelineDropped, (dropped, last) => new TimelineEntry
        {
            At = last.At,
            Status = last.Status,
            Note = $"{dropped} earlier {(dropped == 1 ? "update is" : "updates are")} no longer listed.",
        });
        foreach (var item in state.Items)
        {
            item.HistoryDropped = Bound(item.History, maxTimeline, item.HistoryDropped, (dropped, last) => new ItemStageChange
            {
                At = last.At,
                Status = last.Status,
                Note = $"{dropped} earlier {(dropped == 1 ? "change is" : "changes are")} no longer listed.",
            });
        }
        if (state.EstimateHistory.Count > maxEstimates)
        {
            var drop = state.EstimateHistory.Count - maxEstimates;
            state.EstimateHistory.RemoveRange(0, drop);
            state.EstimatesDropped += drop;
        }
    }

    /// <summary>
    /// Leaves at most <paramref name="max"/> entries: a summary first (once anything was dropped),
    /// then the newest. Returns how many were dropped in all.
    /// </summary>
    private static int Bound<T>(List<T> list, int max, int dropped, Func<int, T, T> summarize)
    {
        if (list.Count <= max) return dropped;
        var first = dropped > 0 ? 1 : 0; // the summary written last time
        var newly = list.Count - first - (max - 1);
        var lastDropped = list[first + newly - 1];
        list.RemoveRange(0, first + newly);
        dropped += newly;
        list.Insert(0, summarize(dropped, lastDropped));
        return dropped;
    }
}
