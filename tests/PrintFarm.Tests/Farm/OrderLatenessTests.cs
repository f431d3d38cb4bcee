using PrintFarm.Orders;

namespace PrintFarm.Tests.Farm;

[Trait("Category", "Unit")]
public sealed class OrderLatenessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static OpenOrder Order(OrderStatus status = OrderStatus.Printing, double promisedInHours = 48, double? estimateInHours = 40) => new()
    {
        Reference = "PF-LATE",
        Status = status,
        PlacedAt = Now.AddDays(-1),
        PromisedDeliverBy = Now.AddHours(promisedInHours),
        EstimatedDeliverBy = estimateInHours is { } h ? Now.AddHours(h) : null,
    };

    [Fact]
    public void An_order_whose_estimate_is_within_its_promise_is_on_time()
    {
        Assert.Null(OrderLateness.Check(Order(), Now));
        Assert.Null(OrderLateness.Check(Order(estimateInHours: 48), Now)); // exactly the promise
    }

    [Fact]
    public void An_estimate_past_the_promise_makes_it_late_by_the_difference()
    {
        var late = OrderLateness.Check(Order(estimateInHours: 53), Now)!;
        Assert.Equal(LateReason.EstimatePastPromise, late.Reason);
        Assert.Equal(TimeSpan.FromHours(5), late.LateBy);
        Assert.Equal(Now.AddHours(48), late.Promised);
        Assert.Equal(Now.AddHours(53), late.CurrentEstimate);
        Assert.Equal((OrderStatus.Printing, Now, Now), (late.Stage, late.Since, late.CheckedAt));
    }

    [Fact]
    public void A_promise_that_has_passed_without_delivery_makes_it_late_by_at_least_the_time_since()
    {
        // The estimate still says an hour ago (it only moves on news): late by three hours at least.
        var late = OrderLateness.Check(Order(status: OrderStatus.Shipped, promisedInHours: -3, estimateInHours: -1), Now, lateSince: Now.AddHours(-2))!;
        Assert.Equal(LateReason.PromisePassed, late.Reason);
        Assert.Equal(TimeSpan.FromHours(3), late.LateBy);
        Assert.Equal(Now.AddHours(-2), late.Since); // first found late earlier
    }

    [Theory]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Test)]
    public void Closed_orders_are_never_late(OrderStatus status) =>
        Assert.Null(OrderLateness.Check(Order(status: status, promisedInHours: -10, estimateInHours: 5), Now));

    [Fact]
    public void An_order_with_no_promise_yet_cannot_be_late() =>
        Assert.Null(OrderLateness.Check(Order() with { PromisedDeliverBy = null, EstimatedDeliverBy = null }, Now));
}
