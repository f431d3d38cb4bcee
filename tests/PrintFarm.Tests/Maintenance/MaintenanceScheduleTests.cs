using PrintFarm.Maintenance;

namespace PrintFarm.Tests.Maintenance;

[Trait("Category", "Unit")]
public sealed class MaintenanceScheduleTests
{
    private static readonly DateTimeOffset Monday9 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static MaintenanceWindowSpec Spec(string name, string cron, string duration, params string[] printers) =>
        new() { Name = name, Cron = cron, Duration = TimeSpan.Parse(duration), Printers = [.. printers] };

    private static readonly MaintenanceSchedule Farm = MaintenanceSchedule.From([
        Spec("weekly clean", "0 0 22 ? * MON", "01:00:00", "*"),        // tonight 22:00 for everyone
        Spec("nozzle swap", "0 0 10 * * ?", "00:30:00", "p1"),          // p1 at 10:00 every day
        Spec("belt tension", "0 30 8 * * ?", "01:00:00", "p2"),         // p2 08:30-09:30: on now
    ]);

    [Fact]
    public void A_printer_sees_its_nearest_window_and_how_long_it_may_print_before_it()
    {
        var outlook = Farm.At(Monday9);
        var p1 = outlook.For("p1")!;
        Assert.Equal(("nozzle swap", Monday9.AddHours(1), false), (p1.Window, p1.Start, p1.Active));
        Assert.Equal(TimeSpan.FromHours(1), outlook.TimeBeforeWindow("p1"));

        Assert.Equal(TimeSpan.FromHours(13), outlook.TimeBeforeWindow("p3")); // only the weekly clean
        Assert.Equal("weekly clean", outlook.For("p3")!.Window);
    }

    [Fact]
    public void A_printer_in_its_window_has_no_time_at_all()
    {
        var outlook = Farm.At(Monday9);
        var p2 = outlook.For("p2")!;
        Assert.True(p2.Active);
        Assert.Equal(Monday9.AddMinutes(30), p2.End);
        Assert.Equal(TimeSpan.Zero, outlook.TimeBeforeWindow("p2"));
    }

    [Fact]
    public void Without_windows_nothing_limits_a_printer()
    {
        var outlook = MaintenanceSchedule.Empty.At(Monday9);
        Assert.Null(outlook.TimeBeforeWindow("p1"));
        Assert.Null(outlook.For("p1"));
    }

    [Fact]
    public void A_stored_window_that_no_longer_reads_is_left_out_and_reported()
    {
        var skipped = new List<string?>();
        var schedule = MaintenanceSchedule.From([Spec("ok", "0 0 10 * * ?", "01:00:00", "p1"), Spec("broken", "nope", "01:00:00", "p1")],
            (spec, _) => skipped.Add(spec.Name));
        Assert.Equal(["ok"], schedule.Windows.Select(w => w.Name));
        Assert.Equal(["broken"], skipped);
    }
}
