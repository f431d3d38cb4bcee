using PrintFarm.Estimates;

namespace PrintFarm.Tests.Estimates;

[Trait("Category", "Unit")]
public sealed class EstimateChangeTests
{
    private static readonly DateTimeOffset Ship = new(2026, 11, 23, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deliver = Ship.AddDays(2).AddHours(2);
    private static readonly TimeSpan Threshold = TimeSpan.FromMinutes(15);

    private static readonly DeliveryEstimate Before = new()
    {
        ShipBy = Ship, DeliverBy = Deliver, UpdatedAt = Ship.AddDays(-1), Reason = "Order received",
    };

    [Fact]
    public void The_first_estimate_is_always_worth_telling()
    {
        Assert.True(EstimateChange.IsMeaningful(null, Ship, Deliver, null, Threshold));
    }

    [Fact]
    public void Small_moves_are_not()
    {
        Assert.False(EstimateChange.IsMeaningful(Before, Ship, Deliver, null, Threshold));
        Assert.False(EstimateChange.IsMeaningful(Before, Ship.AddMinutes(14), Deliver.AddMinutes(-14), null, Threshold));
    }

    [Fact]
    public void A_move_of_the_threshold_either_way_is()
    {
        Assert.True(EstimateChange.IsMeaningful(Before, Ship.AddMinutes(15), Deliver, null, Threshold));
        Assert.True(EstimateChange.IsMeaningful(Before, Ship, Deliver.AddMinutes(-15), null, Threshold));
        Assert.True(EstimateChange.IsMeaningful(Before, Ship.AddDays(1), Deliver.AddDays(1), null, Threshold));
    }

    [Fact]
    public void The_threshold_is_configurable()
    {
        Assert.False(EstimateChange.IsMeaningful(Before, Ship.AddMinutes(30), Deliver, null, TimeSpan.FromHours(1)));
        Assert.True(EstimateChange.IsMeaningful(Before, Ship.AddMinutes(30), Deliver, null, TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void A_change_in_what_it_assumes_is_even_on_the_same_day()
    {
        const string cautious = "the PLA parts are not scheduled on a printer yet, so this is a cautious estimate";
        var assuming = Before with { Caveat = cautious };

        Assert.True(EstimateChange.IsMeaningful(assuming, Ship, Deliver, null, Threshold));
        Assert.True(EstimateChange.IsMeaningful(Before, Ship, Deliver, cautious, Threshold));
        Assert.False(EstimateChange.IsMeaningful(assuming, Ship.AddMinutes(5), Deliver, cautious, Threshold));
    }
}
