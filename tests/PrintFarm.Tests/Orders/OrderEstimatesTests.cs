using PrintFarm.Estimates;
using PrintFarm.Orders;

namespace PrintFarm.Tests.Orders;

[Trait("Category", "Unit")]
public sealed class OrderEstimatesTests
{
    private static readonly DateTimeOffset Placed = new(2026, 3, 2, 17, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Ship = new(2026, 3, 3, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deliver = new(2026, 3, 5, 18, 0, 0, TimeSpan.Zero);
    private const string Cautious = "the PLA parts are not scheduled on a printer yet, so this is a cautious estimate";

    /// <summary>
    /// Placed after the day's cut-off, a short print ships tomorrow whether or not a printer has
    /// been found for it: the day stays, but the caveat must go, or the order says "cautious"
    /// until it ships (as it once did, ReadyToShip and still "not scheduled on a printer yet").
    /// </summary>
    [Fact]
    public void A_cautious_estimate_whose_parts_found_a_printer_says_so_though_its_day_stays()
    {
        var state = Order.Place("PF-ABCDEFGHJK", OrderSamples.Valid(), Placed);
        Assert.True(OrderEstimates.Apply(state, Ship, Deliver, Cautious, "order placed", TimeSpan.FromMinutes(15), Placed));

        Assert.True(OrderEstimates.Apply(state, Ship, Deliver, null, "a printer was chosen", TimeSpan.FromMinutes(15), Placed.AddMinutes(1)));

        Assert.Equal("a printer was chosen", state.Estimate!.Reason);
        Assert.Null(state.Estimate.Caveat);
        Assert.Equal(["order placed; " + Cautious, "a printer was chosen"], state.EstimateHistory.Select(e => e.Reason));
        Assert.Equal(Deliver, state.PromisedDeliverBy);
        // Progress that moves nothing and assumes nothing new stays quiet.
        Assert.False(OrderEstimates.Apply(state, Ship, Deliver, null, "printing progress", TimeSpan.FromMinutes(15), Placed.AddMinutes(2)));
    }
}
