using PrintFarm.Gateway.Tracking;
using PrintFarm.Orders;
using static PrintFarm.Tests.Tracking.TrackingSamples;

namespace PrintFarm.Tests.Tracking;

[Trait("Category", "Unit")]
public sealed class OrderStagesTests
{
    private static string Bar(IReadOnlyList<StageStep> steps) =>
        string.Join(" ", steps.Select(s => s.State switch { StepState.Done => $"[{s.Label}]", StepState.Current => $"<{s.Label}>", _ => s.Label }));

    [Fact]
    public void A_queued_order_has_received_behind_it_and_everything_else_ahead()
    {
        var steps = OrderStages.For(Order(OrderStatus.Queued, [(OrderStatus.Received, 0), (OrderStatus.Queued, 1)]));

        Assert.Equal("[Received] <Queued> Printing Post-processing Quality check Ready to ship Shipped Delivered", Bar(steps));
        Assert.Equal(Placed, steps[0].ReachedAt);
        Assert.Equal(Placed.AddMinutes(1), steps[1].ReachedAt);
        Assert.All(steps.Skip(2), s => Assert.Null(s.ReachedAt));
    }

    [Fact]
    public void Review_is_shown_only_to_orders_that_went_through_it()
    {
        var reviewed = OrderStages.For(Order(OrderStatus.Printing,
            [(OrderStatus.Received, 0), (OrderStatus.InReview, 1), (OrderStatus.Received, 30), (OrderStatus.Queued, 31), (OrderStatus.Printing, 40)]));

        Assert.Equal("[Received] [In review] [Queued] <Printing> Post-processing Quality check Ready to ship Shipped Delivered", Bar(reviewed));
        Assert.Equal(Placed.AddMinutes(30), reviewed[0].ReachedAt); // the latest visit: review passed
    }

    [Fact]
    public void A_pickup_order_is_ready_for_pickup_then_collected_and_never_shipped()
    {
        var steps = OrderStages.For(Order(OrderStatus.ReadyForPickup,
            [(OrderStatus.Received, 0), (OrderStatus.Queued, 1), (OrderStatus.Printing, 2), (OrderStatus.PostProcessing, 20), (OrderStatus.QualityCheck, 40), (OrderStatus.ReadyForPickup, 45)],
            method: "pickup"));

        Assert.Equal("[Received] [Queued] [Printing] [Post-processing] [Quality check] <Ready for pickup> Collected", Bar(steps));
    }

    [Fact]
    public void A_failed_print_sends_the_bar_back_to_the_queue()
    {
        var steps = OrderStages.For(Order(OrderStatus.Queued,
            [(OrderStatus.Received, 0), (OrderStatus.Queued, 1), (OrderStatus.Printing, 2), (OrderStatus.Queued, 9)]));

        Assert.Equal("[Received] <Queued> Printing Post-processing Quality check Ready to ship Shipped Delivered", Bar(steps));
        Assert.Equal(Placed.AddMinutes(9), steps[1].ReachedAt);
    }

    [Fact]
    public void On_hold_the_bar_stays_where_the_order_stopped()
    {
        var steps = OrderStages.For(Order(OrderStatus.OnHold,
            [(OrderStatus.Received, 0), (OrderStatus.Queued, 1), (OrderStatus.Printing, 2), (OrderStatus.OnHold, 5)]));

        Assert.Equal("[Received] [Queued] <Printing> Post-processing Quality check Ready to ship Shipped Delivered", Bar(steps));
        Assert.Equal(Placed.AddMinutes(2), steps[2].ReachedAt);
    }

    [Fact]
    public void A_test_order_never_leaves_received()
    {
        var steps = OrderStages.For(Order(OrderStatus.Test, [(OrderStatus.Test, 0)]));

        Assert.Equal("<Received> Queued Printing Post-processing Quality check Ready to ship Shipped Delivered", Bar(steps));
        Assert.Equal(Placed, steps[0].ReachedAt);
    }
}
