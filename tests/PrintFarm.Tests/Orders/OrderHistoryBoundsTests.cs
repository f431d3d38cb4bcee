using PrintFarm.Estimates;
using PrintFarm.Orders;

namespace PrintFarm.Tests.Orders;

[Trait("Category", "Unit")]
public sealed class OrderHistoryBoundsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_thousand_holds_and_releases_leave_the_newest_entries_and_one_line_saying_how_many_went()
    {
        var state = Order.Place("PF-ABCDEFGHJK", OrderSamples.Valid(), Start);
        var order = new Order(state);
        order.JobsCreated(Start);
        var entriesBefore = state.Timeline.Count;
        for (var i = 0; i < 1000; i++)
        {
            order.Hold($"hold {i}", Start.AddMinutes(2 * i));
            order.Release($"release {i}", Start.AddMinutes(2 * i + 1));
            OrderHistoryBounds.Apply(state, maxTimeline: 50, maxEstimates: 10);
        }

        Assert.Equal(50, state.Timeline.Count);
        var dropped = entriesBefore + 2000 - 49;
        Assert.Equal(dropped, state.TimelineDropped);
        Assert.Equal($"{dropped} earlier updates are no longer listed.", state.Timeline[0].Note);
        Assert.Equal("release 999", state.Timeline[^1].Note);
        Assert.Equal("release 975", state.Timeline[1].Note);
    }

    [Fact]
    public void The_estimate_history_keeps_the_newest_and_counts_the_rest_and_the_promise_stays()
    {
        var state = Order.Place("PF-ABCDEFGHJK", OrderSamples.Valid(), Start);
        for (var i = 0; i < 30; i++)
        {
            OrderEstimates.Apply(state, Start.AddDays(i + 1), Start.AddDays(i + 3), null, $"moved {i}", TimeSpan.Zero, Start.AddHours(i));
            OrderHistoryBounds.Apply(state, maxTimeline: 50, maxEstimates: 10);
        }

        Assert.Equal(10, state.EstimateHistory.Count);
        Assert.Equal(20, state.EstimatesDropped);
        Assert.Equal("moved 29", state.EstimateHistory[^1].Reason);
        Assert.Equal("moved 20", state.EstimateHistory[0].Reason);
        Assert.Equal(Start.AddDays(3), state.PromisedDeliverBy);
        Assert.Equal(20, state.View().EarlierEstimatesDropped);
    }

    [Fact]
    public void An_order_within_its_bounds_is_left_as_it_is()
    {
        var state = Order.Place("PF-ABCDEFGHJK", OrderSamples.Valid(), Start);
        var timeline = state.Timeline.ToList();
        OrderHistoryBounds.Apply(state, maxTimeline: 50, maxEstimates: 10);
        Assert.Equal(timeline, state.Timeline);
        Assert.Equal(0, state.TimelineDropped);
        Assert.Null(state.View().EarlierEstimatesDropped);
    }

    [Fact]
    public void An_items_history_is_bounded_the_same_way()
    {
        var state = Order.Place("PF-ABCDEFGHJK", OrderSamples.Valid(), Start);
        var item = state.Items[0];
        for (var i = 0; i < 120; i++) item.History.Add(new ItemStageChange { At = Start.AddMinutes(i), Status = i % 2 == 0 ? ItemStatus.Printing : ItemStatus.Queued });
        OrderHistoryBounds.Apply(state, maxTimeline: 20, maxEstimates: 10);
        Assert.Equal(20, item.History.Count);
        Assert.Equal(102, item.HistoryDropped);
        Assert.Equal("102 earlier changes are no longer listed.", item.History[0].Note);
        Assert.Equal(Start.AddMinutes(119), item.History[^1].At);
    }
}
