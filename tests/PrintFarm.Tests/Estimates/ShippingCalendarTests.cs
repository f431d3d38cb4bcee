using PrintFarm.Estimates;

namespace PrintFarm.Tests.Estimates;

[Trait("Category", "Unit")]
public sealed class ShippingCalendarTests
{
    // 2026-11-23 is a Monday.
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static ShippingCalendar Calendar(Action<EstimateOptions>? configure = null)
    {
        var options = new EstimateOptions { TransitMarginDays = 0 };
        configure?.Invoke(options);
        return new ShippingCalendar(options);
    }

    [Fact]
    public void Packed_before_the_cutoff_on_a_shipping_day_ships_that_day_at_the_cutoff()
    {
        Assert.Equal(Utc(11, 23, 16), Calendar().NextShipment(Utc(11, 23, 10)));
    }

    [Fact]
    public void Packed_exactly_at_the_cutoff_still_ships_that_day()
    {
        Assert.Equal(Utc(11, 23, 16), Calendar().NextShipment(Utc(11, 23, 16)));
    }

    [Fact]
    public void Packed_after_the_cutoff_ships_the_next_shipping_day()
    {
        Assert.Equal(Utc(11, 24, 16), Calendar().NextShipment(Utc(11, 23, 16, 1)));
    }

    [Fact]
    public void Packed_on_friday_evening_or_the_weekend_ships_on_monday()
    {
        var calendar = Calendar();
        Assert.Equal(Utc(11, 30, 16), calendar.NextShipment(Utc(11, 27, 17)));
        Assert.Equal(Utc(11, 30, 16), calendar.NextShipment(Utc(11, 28, 9)));
        Assert.Equal(Utc(11, 30, 16), calendar.NextShipment(Utc(11, 29, 23, 59)));
    }

    [Fact]
    public void Nothing_ships_on_a_holiday()
    {
        // Christmas 2026 is a Friday: a parcel packed on Thursday evening waits until Monday the 28th.
        var calendar = Calendar(o => o.Holidays = [new DateOnly(2026, 12, 25)]);
        Assert.Equal(Utc(12, 28, 16), calendar.NextShipment(Utc(12, 24, 17)));
        Assert.Equal(Utc(12, 28, 16), calendar.NextShipment(Utc(12, 25, 8)));
        Assert.Equal(Utc(12, 24, 16), calendar.NextShipment(Utc(12, 24, 15)));
    }

    [Fact]
    public void Saturday_ships_when_it_is_a_shipping_day()
    {
        var calendar = Calendar(o => o.ShippingDays =
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday]);
        Assert.Equal(Utc(11, 28, 16), calendar.NextShipment(Utc(11, 27, 17)));
    }

    [Fact]
    public void Delivery_counts_business_days_after_the_shipping_day_and_ends_at_the_delivery_time()
    {
        var calendar = Calendar();
        // Shipped Monday: two business days -> Wednesday by 18:00.
        Assert.Equal(Utc(11, 25, 18), calendar.DeliveryAfter(Utc(11, 23, 16), 2));
        // Shipped Friday: the weekend does not count.
        Assert.Equal(Utc(12, 1, 18), calendar.DeliveryAfter(Utc(11, 27, 16), 2));
        // Zero days: delivered the same day.
        Assert.Equal(Utc(11, 23, 18), calendar.DeliveryAfter(Utc(11, 23, 16), 0));
    }

    [Fact]
    public void A_holiday_in_transit_delays_delivery()
    {
        var calendar = Calendar(o => o.Holidays = [new DateOnly(2026, 12, 25)]);
        // Shipped Thursday 24th, one day: Friday is a holiday, so Monday 28th.
        Assert.Equal(Utc(12, 28, 18), calendar.DeliveryAfter(Utc(12, 24, 16), 1));
    }

    [Theory]
    [InlineData("standard", "FR", 2)]
    [InlineData("standard", "DE", 4)]
    [InlineData("standard", "es", 4)]
    [InlineData("standard", "US", 7)]
    [InlineData("standard", "JP", 7)]
    [InlineData("express", "FR", 1)]
    [InlineData("Express", "IT", 2)]
    [InlineData("express", "CA", 4)]
    [InlineData("pickup", null, 0)]
    [InlineData("carrier-pigeon", "FR", 2)]
    [InlineData("standard", null, 7)]
    public void Transit_days_depend_on_method_and_destination(string method, string? country, int days)
    {
        Assert.Equal(days, Calendar().TransitDays(method, country));
    }

    [Fact]
    public void Configured_countries_and_farm_country_override_the_bands()
    {
        var calendar = Calendar(o =>
        {
            o.FarmCountry = "DE";
            o.Transit["standard"].Countries["US"] = 6;
        });
        Assert.Equal(2, calendar.TransitDays("standard", "DE"));
        Assert.Equal(4, calendar.TransitDays("standard", "FR"));
        Assert.Equal(6, calendar.TransitDays("standard", "us"));
        Assert.Equal(7, calendar.TransitDays("standard", "CA"));
    }

    [Fact]
    public void Plan_ships_at_the_cutoff_and_adds_transit()
    {
        var calendar = Calendar();
        Assert.Equal((Utc(11, 23, 16), Utc(11, 25, 18)), calendar.Plan(Utc(11, 23, 11), "standard", "FR"));
        Assert.Equal((Utc(11, 24, 16), Utc(11, 26, 18)), calendar.Plan(Utc(11, 23, 17), "express", "DE"));
        Assert.Equal((Utc(11, 23, 16), Utc(12, 2, 18)), calendar.Plan(Utc(11, 23, 11), "standard", "US"));
    }

    [Fact]
    public void The_transit_margin_adds_business_days_to_the_promise_but_not_to_pickup()
    {
        var calendar = Calendar(o => o.TransitMarginDays = 1);
        // Shipped Thursday: 2 + 1 business days is Tuesday.
        Assert.Equal((Utc(11, 26, 16), Utc(12, 1, 18)), calendar.Plan(Utc(11, 26, 11), "standard", "FR"));
        Assert.Equal(2, calendar.TransitDays("standard", "FR"));
        var packed = Utc(11, 26, 11);
        Assert.Equal((packed, packed), calendar.Plan(packed, "pickup", null));
    }

    [Fact]
    public void Pickup_is_delivered_when_packed_without_waiting_for_a_cutoff()
    {
        var packed = Utc(11, 28, 20); // a Saturday evening
        Assert.Equal((packed, packed), Calendar().Plan(packed, "pickup", null));
    }

    [Fact]
    public void The_cutoff_is_in_the_farm_time_zone()
    {
        var farm = TimeZoneInfo.CreateCustomTimeZone("Farm+2", TimeSpan.FromHours(2), "Farm+2", "Farm+2");
        var calendar = new ShippingCalendar(new EstimateOptions(), farm);
        // 13:30 UTC is 15:30 on the farm: before its 16:00 cut-off, which is 14:00 UTC.
        var ship = calendar.NextShipment(Utc(11, 23, 13, 30));
        Assert.Equal(Utc(11, 23, 14), ship);
        Assert.Equal(TimeSpan.FromHours(2), ship.Offset);
        // 14:30 UTC is 16:30 on the farm: the next day.
        Assert.Equal(Utc(11, 24, 14), calendar.NextShipment(Utc(11, 23, 14, 30)));
        // 23:00 UTC on Friday is already Saturday on the farm.
        Assert.Equal(Utc(11, 30, 14), calendar.NextShipment(Utc(11, 27, 23)));
    }

    [Fact]
    public void The_cutoff_follows_daylight_saving_time()
    {
        var calendar = Calendar(o => o.TimeZone = "Europe/Paris");
        // Winter (UTC+1): 16:00 in Paris is 15:00 UTC; summer (UTC+2): 14:00 UTC.
        Assert.Equal(Utc(11, 23, 15), calendar.NextShipment(Utc(11, 23, 9)));
        Assert.Equal(Utc(6, 15, 14), calendar.NextShipment(Utc(6, 15, 9)));
    }

    [Fact]
    public void A_calendar_without_shipping_days_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Calendar(o => o.ShippingDays = []));
    }
}
