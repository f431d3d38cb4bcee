using PrintFarm.Jobs;
using PrintFarm.Orders;

namespace PrintFarm.Tests.Orders;

[Trait("Category", "Unit")]
public sealed class OrderLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Order Placed(PlaceOrderRequest? request = null, bool review = false)
    {
        var order = new Order(Order.Place("PF-ABCDEFGHJK", request ?? OrderSamples.Valid(), T0, review));
        if (!review) order.JobsCreated(T0);
        return order;
    }

    private static void Move(Order order, int item, int copy, JobStatus status, int attempt = 1) =>
        order.Apply(new JobSnapshot
        {
            JobId = order.State.Items[item].Jobs[copy - 1].JobId, OrderReference = order.State.Reference, ItemIndex = item, Copy = copy,
            Design = order.State.Items[item].Design, Material = "PLA", Status = status, Attempt = attempt,
            PrinterId = status == JobStatus.Queued ? null : "p1", StatusSince = T0, EstimatedPrintSeconds = 20,
        }, T0.AddMinutes(1));

    private static void AllDone(Order order)
    {
        for (var i = 0; i < order.State.Items.Count; i++)
            for (var c = 1; c <= order.State.Items[i].Jobs.Count; c++) Move(order, i, c, JobStatus.Done);
    }

    [Fact]
    public void A_jump_is_refused_with_the_moves_allowed_from_here()
    {
        var order = Placed();
        var refused = Assert.Throws<OrderTransitionException>(() => order.EnsureAllowed(OrderStatus.Shipped));
        Assert.Equal(OrderStatus.Queued, refused.Current);
        Assert.Equal([OrderStatus.OnHold, OrderStatus.Cancelled], refused.Allowed);
        Assert.Contains("From here: OnHold, Cancelled", refused.Message);
    }

    [Fact]
    public void Production_stages_cannot_be_set_by_hand()
    {
        var order = Placed();
        var refused = Assert.Throws<OrderTransitionException>(() => order.EnsureAllowed(OrderStatus.Printing));
        Assert.Contains("follow the printers", refused.Message);
    }

    [Fact]
    public void A_held_order_goes_back_to_where_it_was_then_on_to_where_its_items_got()
    {
        var order = Placed(OrderSamples.Valid(quantity: 1));
        order.Hold("Waiting for your file fix", T0.AddMinutes(1));
        Assert.Equal(OrderStatus.OnHold, order.State.Status);
        Assert.Equal("Waiting for your file fix", order.State.CustomerMessage);
        Assert.Equal([OrderStatus.Queued, OrderStatus.Cancelled], order.AllowedMoves());

        Move(order, 0, 1, JobStatus.Printing); // a part already on a printer carries on
        Assert.Equal(OrderStatus.OnHold, order.State.Status);

        order.Release(null, T0.AddMinutes(5));
        Assert.Equal(OrderStatus.Printing, order.State.Status);
        Assert.Equal(
            [OrderStatus.Received, OrderStatus.Queued, OrderStatus.OnHold, OrderStatus.Queued, OrderStatus.Printing],
            order.State.Timeline.Where(t => t.ItemIndex is null).Select(t => t.Status));
    }

    [Fact]
    public void An_order_can_be_cancelled_only_until_production_starts()
    {
        var order = Placed();
        Assert.Contains(OrderStatus.Cancelled, order.AllowedMoves());
        Move(order, 0, 1, JobStatus.Assigned);
        Assert.DoesNotContain(OrderStatus.Cancelled, order.AllowedMoves());
        var refused = Assert.Throws<OrderTransitionException>(() => order.EnsureAllowed(OrderStatus.Cancelled));
        Assert.Contains("cancel the items that have not started", refused.Message);
    }

    [Fact]
    public void Cancelling_one_item_keeps_the_rest_going()
    {
        var request = OrderSamples.Valid(quantity: 1);
        request = request with { Items = [.. request.Items!, new OrderItemRequest { Design = "hinge", Material = "PLA", Quantity = 2, EstimatedPrintSeconds = 30 }] };
        var order = Placed(request);
        Move(order, 0, 1, JobStatus.Printing);
        Assert.Throws<OrderTransitionException>(() => order.EnsureItemCancellable(0)); // already on a printer
        order.EnsureItemCancellable(1);
        order.ItemCancelled(1, "Removed at your request", T0.AddMinutes(2));
        Assert.Equal(ItemStatus.Cancelled, order.State.Items[1].Status);
        Assert.Equal(OrderStatus.Printing, order.State.Status); // now only item 0 counts
        Move(order, 0, 1, JobStatus.Done);
        Assert.Equal(OrderStatus.ReadyToShip, order.State.Status);
        Assert.Throws<OrderTransitionException>(() => order.EnsureItemCancellable(1));
        Assert.Throws<OrderTransitionException>(() => order.EnsureItemCancellable(7));
    }

    [Fact]
    public void A_ready_order_ships_then_is_delivered()
    {
        var order = Placed(OrderSamples.Valid(quantity: 1));
        Assert.Throws<OrderTransitionException>(() => order.EnsureAllowed(OrderStatus.Delivered));
        AllDone(order);
        order.EnsureAllowed(OrderStatus.Shipped);
        order.Ship(new Shipment { Carrier = "DHL", TrackingNumber = "JD0146", ShippedAt = T0.AddHours(2) }, null, T0.AddHours(2));
        Assert.Equal(OrderStatus.Shipped, order.State.Status);
        Assert.Contains("tracking number JD0146", order.State.Timeline[^1].Note);
        Assert.Equal([OrderStatus.Delivered], order.AllowedMoves());
        order.Deliver(null, T0.AddDays(2));
        Assert.Equal(OrderStatus.Delivered, order.State.Status);
        Assert.Equal(T0.AddDays(2), order.State.Shipment!.DeliveredAt);
        Assert.Empty(order.AllowedMoves());
    }

    [Fact]
    public void An_order_in_review_makes_no_jobs_until_approved()
    {
        var order = Placed(review: true);
        Assert.Equal(OrderStatus.InReview, order.State.Status);
        Assert.False(order.NeedsJobs);
        order.EnsureAllowed(OrderStatus.Queued);
        order.Approve("Looks good", T0.AddMinutes(10));
        Assert.True(order.NeedsJobs);
        order.JobsCreated(T0.AddMinutes(10));
        Assert.Equal(OrderStatus.Queued, order.State.Status);
    }

    [Theory]
    [InlineData(10, null, false)]
    [InlineData(11, null, true)]
    [InlineData(2, 0.01, true)]
    public void Review_rules_catch_large_orders(int copies, double? hours, bool expected)
    {
        var options = new OrderOptions { ReviewCopiesAbove = 10, ReviewPrintHoursAbove = hours };
        Assert.Equal(expected, options.NeedsReview(OrderSamples.Valid(quantity: copies)));
        Assert.True(new OrderOptions().NeedsReview(OrderSamples.Valid() with { Review = true }));
    }

    [Fact]
    public void Known_carriers_get_a_tracking_link()
    {
        var options = new OrderOptions();
        Assert.Equal("https://www.ups.com/track?tracknum=1Z%20999", options.TrackingUrlFor("ups", "1Z 999"));
        Assert.Null(options.TrackingUrlFor("Bob's Van", "42"));
        Assert.Null(options.TrackingUrlFor("DHL", null));
    }

    [Fact]
    public void Items_keep_their_own_history()
    {
        var order = Placed(OrderSamples.Valid(quantity: 1));
        Move(order, 0, 1, JobStatus.Printing);
        Move(order, 0, 1, JobStatus.Queued, attempt: 2);
        Move(order, 0, 1, JobStatus.Done, attempt: 2);
        Assert.Equal([ItemStatus.Queued, ItemStatus.Printing, ItemStatus.Queued, ItemStatus.Ready], order.State.Items[0].History.Select(h => h.Status));
    }

    [Fact]
    public void Statuses_map_to_the_sculpteo_and_digifabster_vocabularies()
    {
        var order = Placed(OrderSamples.Valid(quantity: 1));
        OrderView View() => order.State.View();
        Assert.Equal(("New", "Free for manufacturing"), (StatusVocabulary.Sculpteo(View()), StatusVocabulary.DigiFabster(View())));
        Move(order, 0, 1, JobStatus.Printing);
        Assert.Equal(("In Process", "Manufacturing"), (StatusVocabulary.Sculpteo(View()), StatusVocabulary.DigiFabster(View())));
        Move(order, 0, 1, JobStatus.Queued, attempt: 2);
        Assert.Equal("Re-printing", StatusVocabulary.DigiFabster(View()));
        Move(order, 0, 1, JobStatus.Blocked, attempt: 3);
        Assert.Equal("Blocked", StatusVocabulary.Sculpteo(View()));

        var test = new Order(Order.Place("PF-ABCDEFGHJK", OrderSamples.Valid(test: true), T0));
        Assert.Equal("API Test", StatusVocabulary.Sculpteo(test.State.View()));
        var review = Placed(review: true);
        Assert.Equal(("Billed", "Waiting for review"), (StatusVocabulary.Sculpteo(review.State.View()), StatusVocabulary.DigiFabster(review.State.View())));
    }
}
