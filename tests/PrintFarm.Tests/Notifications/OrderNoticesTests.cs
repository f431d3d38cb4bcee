using PrintFarm.Estimates;
using PrintFarm.Notifications;
using PrintFarm.Orders;
using PrintFarm.Tests.Orders;

namespace PrintFarm.Tests.Notifications;

/// <summary>Which events an order's changes cause (<see cref="OrderNotices"/>), without a cluster.</summary>
[Trait("Category", "Unit")]
public sealed class OrderNoticesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static OrderState Placed()
    {
        var state = Order.Place("PF-TESTNOTICE", OrderSamples.Valid(quantity: 1), Now);
        state.PromisedDeliverBy = Now.AddDays(5);
        state.Estimate = Estimate(Now.AddDays(4));
        return state;
    }

    private static DeliveryEstimate Estimate(DateTimeOffset deliverBy) => new() { ShipBy = deliverBy.AddDays(-2), DeliverBy = deliverBy, UpdatedAt = Now, Reason = "test" };

    private static List<string> Types(OrderState state) => [.. state.Notices.Select(n => n.Type)];

    [Fact]
    public void Placing_an_order_issues_one_placed_event_with_an_id_of_the_reference_and_a_number()
    {
        var state = Placed();
        Assert.Equal(1, OrderNotices.Collect(state, Now));
        var placed = Assert.Single(state.Notices);
        Assert.Equal((OrderEventTypes.Placed, "PF-TESTNOTICE.1", OrderStatus.Received), (placed.Type, placed.Id, placed.Status));
        Assert.Equal(0, OrderNotices.Collect(state, Now)); // nothing changed: nothing new
    }

    [Fact]
    public void Each_change_of_status_is_one_event_named_for_what_it_is()
    {
        var state = Placed();
        OrderNotices.Collect(state, Now);
        foreach (var (status, type) in new[] { (OrderStatus.Queued, OrderEventTypes.StatusChanged), (OrderStatus.Shipped, OrderEventTypes.Shipped), (OrderStatus.Delivered, OrderEventTypes.Delivered) })
        {
            state.Status = status;
            if (status == OrderStatus.Shipped) state.Shipment = new Shipment { Carrier = "DHL", TrackingNumber = "JD0123", ShippedAt = Now };
            Assert.Equal(1, OrderNotices.Collect(state, Now));
            Assert.Equal(type, state.Notices[^1].Type);
        }
        Assert.Equal(OrderStatus.Queued, state.Notices[2].From);
        Assert.Equal("DHL, tracking number JD0123", state.Notices[2].Detail);
        Assert.Equal(["PF-TESTNOTICE.1", "PF-TESTNOTICE.2", "PF-TESTNOTICE.3", "PF-TESTNOTICE.4"], state.Notices.Select(n => n.Id));
    }

    [Fact]
    public void An_items_problem_is_told_once_and_says_whether_it_moved_the_delivery_date()
    {
        var state = Placed();
        OrderNotices.Collect(state, Now);
        state.Items[0].Problem = "The print failed (spaghetti); it is printed again.";
        OrderNotices.Collect(state, Now);
        var problem = state.Notices[^1];
        Assert.Equal((OrderEventTypes.ItemProblem, 0, false), (problem.Type, problem.Item, problem.DateMoved));
        Assert.Equal(0, OrderNotices.Collect(state, Now)); // the same problem again: not news

        state.Items[0].Problem = "The print failed again; it is printed a third time.";
        state.Estimate = Estimate(Now.AddDays(4.9));
        OrderNotices.Collect(state, Now);
        Assert.True(state.Notices[^1].DateMoved);
        Assert.True(EmailRules.ToCustomer(state.Notices[^1], new EmailOptions()));
        Assert.False(EmailRules.ToCustomer(problem, new EmailOptions())); // a reprint that keeps the date: no email
    }

    [Fact]
    public void A_delivery_date_past_the_promise_is_told_once_per_move_not_on_every_recompute()
    {
        var state = Placed();
        OrderNotices.Collect(state, Now);
        state.Estimate = Estimate(Now.AddDays(7));
        Assert.Equal([OrderEventTypes.PastPromise], Collected(state));
        // Recomputed, same day: nothing.
        state.Estimate = Estimate(Now.AddDays(7).AddHours(1));
        Assert.Empty(Collected(state));
        // Moved again: told again.
        state.Estimate = Estimate(Now.AddDays(9));
        Assert.Equal([OrderEventTypes.PastPromise], Collected(state));
        Assert.Contains("after the", state.Notices[^1].Detail);
    }

    [Fact]
    public void Lateness_is_told_once_per_spell_of_being_late_and_to_the_shop_only_by_default()
    {
        var state = Placed();
        OrderNotices.Collect(state, Now);
        var notice = new LateNotice { Reason = LateReason.PromisePassed, Since = Now, Promised = Now.AddDays(-1) };
        state.Late = notice;
        Assert.Equal([OrderEventTypes.Late], Collected(state));
        Assert.Empty(Collected(state)); // the next sweeps find it late again: nothing new
        var late = state.Notices[^1];
        Assert.True(EmailRules.ToShop(late, new EmailOptions()));
        Assert.False(EmailRules.ToCustomer(late, new EmailOptions()));
        Assert.True(EmailRules.ToCustomer(late, new EmailOptions { CustomerEvents = [OrderEventTypes.Late] }));
        state.Late = null;
        Assert.Empty(Collected(state));
        state.Late = notice;
        Assert.Equal([OrderEventTypes.Late], Collected(state)); // late again after being on time: told again
    }

    [Fact]
    public void An_order_stored_before_notifications_existed_is_not_announced_as_placed()
    {
        var state = Placed();
        state.Status = OrderStatus.Printing;
        OrderNotices.Baseline(state);
        Assert.Equal(0, OrderNotices.Collect(state, Now));
        state.Status = OrderStatus.PostProcessing;
        OrderNotices.Collect(state, Now);
        Assert.Equal([OrderEventTypes.StatusChanged], Types(state));
    }

    [Fact]
    public void An_outbox_that_cannot_be_emptied_keeps_only_the_newest_events()
    {
        var state = Placed();
        OrderNotices.Collect(state, Now);
        for (var i = 0; i < OrderNotices.MaxOwed + 10; i++)
        {
            state.Status = i % 2 == 0 ? OrderStatus.OnHold : OrderStatus.Queued;
            OrderNotices.Collect(state, Now);
        }
        Assert.Equal(OrderNotices.MaxOwed, state.Notices.Count);
        Assert.Equal($"PF-TESTNOTICE.{OrderNotices.MaxOwed + 11}", state.Notices[^1].Id);
    }

    private static List<string> Collected(OrderState state)
    {
        var before = state.Notices.Count;
        OrderNotices.Collect(state, Now);
        return [.. state.Notices.Skip(before).Select(n => n.Type)];
    }
}
