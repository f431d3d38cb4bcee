using Microsoft.Extensions.Configuration;
using PrintFarm.Estimates;

namespace PrintFarm.Tests.Estimates;

[Trait("Category", "Unit")]
public sealed class EstimateOptionsTests
{
    private static EstimateOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return configuration.GetSection(EstimateOptions.Section).Get<EstimateOptions>() ?? new EstimateOptions();
    }

    [Fact]
    public void Defaults_hold_without_configuration()
    {
        var options = new EstimateOptions();
        var calendar = new ShippingCalendar(options);
        Assert.Equal(TimeSpan.FromMinutes(30), options.Packing);
        Assert.Equal(new TimeOnly(16, 0), options.ShippingCutoff);
        Assert.Equal("FR", options.FarmCountry);
        Assert.Equal(5, options.EffectiveShippingDays.Count);
        Assert.Equal(27, options.EffectiveEuCountries.Count);
        Assert.Equal(TimeSpan.FromMinutes(15), options.ChangeThreshold);
        Assert.Equal(0.2, options.SafetyMarginShare);
        Assert.Equal(TimeSpan.FromHours(1), options.MinimumSafetyMargin);
        Assert.Equal(1, options.TransitMarginDays);
        Assert.Equal(TimeZoneInfo.Utc.Id, calendar.TimeZone.Id);
    }

    [Fact]
    public void Configuration_overrides_single_values_and_keeps_the_rest_of_the_transit_table()
    {
        var options = Bind(new()
        {
            ["Estimates:Packing"] = "00:45:00",
            ["Estimates:ShippingCutoff"] = "15:30",
            ["Estimates:TimeZone"] = "Europe/Paris",
            ["Estimates:Holidays:0"] = "2026-12-25",
            ["Estimates:ShippingDays:0"] = "Tuesday",
            ["Estimates:ShippingDays:1"] = "Thursday",
            ["Estimates:Transit:standard:Countries:US"] = "6",
            ["Estimates:Transit:express:Domestic"] = "2",
            ["Estimates:Transit:economy:Domestic"] = "5",
            ["Estimates:Transit:economy:Eu"] = "8",
            ["Estimates:Transit:economy:World"] = "15",
            ["Estimates:Learning:TrustAfter"] = "20",
        });
        var calendar = new ShippingCalendar(options);

        Assert.Equal(TimeSpan.FromMinutes(45), options.Packing);
        Assert.Equal(new TimeOnly(15, 30), options.ShippingCutoff);
        Assert.Equal([new DateOnly(2026, 12, 25)], options.Holidays);
        // Replaced, not appended to Monday..Friday.
        Assert.Equal([DayOfWeek.Tuesday, DayOfWeek.Thursday], options.EffectiveShippingDays);
        Assert.Equal(20, options.Learning.TrustAfter);

        Assert.Equal(6, calendar.TransitDays("standard", "US"));
        Assert.Equal(2, calendar.TransitDays("standard", "FR"));
        Assert.Equal(4, calendar.TransitDays("standard", "DE"));
        Assert.Equal(2, calendar.TransitDays("express", "FR"));
        Assert.Equal(2, calendar.TransitDays("EXPRESS", "BE"));
        Assert.Equal(8, calendar.TransitDays("economy", "PL"));
        Assert.True(calendar.IsPickup("pickup"));
    }
}
