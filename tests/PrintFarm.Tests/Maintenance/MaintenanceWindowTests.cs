using PrintFarm.Maintenance;

namespace PrintFarm.Tests.Maintenance;

[Trait("Category", "Unit")]
public sealed class MaintenanceWindowTests
{
    // A Monday.
    private static readonly DateTimeOffset Monday9 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static MaintenanceWindow Window(string cron = "0 0 12 * * ?", string duration = "02:00:00", string[]? printers = null, string? timeZone = null) =>
        MaintenanceWindow.Parse(new MaintenanceWindowSpec
        {
            Name = "nozzle check", Cron = cron, Duration = TimeSpan.Parse(duration), Printers = [.. printers ?? ["p1"]], TimeZone = timeZone,
        });

    [Fact]
    public void The_next_window_starts_when_the_cron_next_fires()
    {
        var occurrence = Window().Occurrence(Monday9)!.Value;
        Assert.Equal(Monday9.AddHours(3), occurrence.Start);
        Assert.Equal(Monday9.AddHours(5), occurrence.End);
        Assert.False(occurrence.IsActive(Monday9));
    }

    [Fact]
    public void A_window_under_way_is_active_until_its_end_and_then_the_next_one_comes()
    {
        var window = Window();
        var during = window.Occurrence(Monday9.AddHours(4))!.Value;
        Assert.True(during.IsActive(Monday9.AddHours(4)));
        Assert.Equal((Monday9.AddHours(3), Monday9.AddHours(5)), (during.Start, during.End));

        var atTheEnd = window.Occurrence(Monday9.AddHours(5))!.Value; // the end is excluded
        Assert.False(atTheEnd.IsActive(Monday9.AddHours(5)));
        Assert.Equal(Monday9.AddDays(1).AddHours(3), atTheEnd.Start);
    }

    [Fact]
    public void Occurrences_that_overlap_run_as_one_window()
    {
        // Every hour, for 90 minutes: always on, one long window.
        var window = Window(cron: "0 0 * * * ?", duration: "01:30:00");
        var occurrence = window.Occurrence(Monday9.AddMinutes(10))!.Value;
        Assert.True(occurrence.IsActive(Monday9.AddMinutes(10)));
        Assert.True(occurrence.End > Monday9.AddHours(24));
    }

    [Fact]
    public void The_cron_is_read_in_the_windows_time_zone()
    {
        // 02:00 in Paris is 01:00 UTC in winter.
        var window = Window(cron: "0 0 2 * * ?", timeZone: "Europe/Paris");
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero), window.Occurrence(Monday9)!.Value.Start);
    }

    [Theory]
    [InlineData("0 0 25 * * ?", "cron")]       // no 25th hour
    [InlineData("every sunday", "cron")]
    [InlineData("0 0 2 ? * FUNDAY", "cron")]  // no such day
    [InlineData("", "cron")]
    public void A_bad_cron_is_refused_naming_the_field(string cron, string field)
    {
        var refused = Assert.Throws<InvalidMaintenanceWindowException>(() => Window(cron: cron));
        Assert.Contains(field, refused.Errors.Keys);
    }

    [Fact]
    public void Duration_time_zone_and_printers_are_checked_too()
    {
        var refused = Assert.Throws<InvalidMaintenanceWindowException>(() => MaintenanceWindow.Parse(new MaintenanceWindowSpec
        {
            Cron = "0 0 2 ? * SUN", Duration = TimeSpan.Zero, TimeZone = "Mars/Olympus", Printers = ["bad id!"],
        }));
        Assert.Equal(["duration", "printers", "timeZone"], refused.Errors.Keys.Order());
        Assert.Throws<InvalidMaintenanceWindowException>(() => Window(duration: "8.00:00:00"));
        Assert.Throws<InvalidMaintenanceWindowException>(() => Window(printers: []));
    }

    [Fact]
    public void A_window_for_every_printer_applies_to_any_printer()
    {
        var all = Window(printers: ["*", "p1"]);
        Assert.True(all.AppliesToAll);
        Assert.True(all.AppliesTo("anything"));
        Assert.Equal(["*"], all.Printers);
        var one = Window(printers: ["p1"]);
        Assert.True(one.AppliesTo("p1"));
        Assert.False(one.AppliesTo("p2"));
    }
}
