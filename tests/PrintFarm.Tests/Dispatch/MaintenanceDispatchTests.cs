using PrintFarm.Dispatch;
using PrintFarm.Estimates;
using PrintFarm.Maintenance;

namespace PrintFarm.Tests.Dispatch;

/// <summary>The dispatcher's matching with maintenance windows: plain classes, the clock in the test's hands.</summary>
[Trait("Category", "Unit")]
public sealed class MaintenanceDispatchTests
{
    private static readonly DateTimeOffset Monday9 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    // p1 is serviced every day at 10:00 for an hour.
    private static readonly MaintenanceSchedule Schedule = MaintenanceSchedule.From([
        new MaintenanceWindowSpec { Name = "nozzle swap", Cron = "0 0 10 * * ?", Duration = TimeSpan.FromHours(1), Printers = ["p1"] },
    ]);

    private static JobTicket Ticket(string id, TimeSpan print, int minutesAfter = 0) => new()
    {
        JobId = id, OrderReference = "PF-" + id, Technology = "FDM", Material = "PLA",
        EstimatedPrintSeconds = (int)print.TotalSeconds, Priority = 1, PlacedAt = Monday9.AddMinutes(minutesAfter), Attempt = 1,
    };

    private static MaintenanceFit FitAt(DateTimeOffset now, TimeSpan? margin = null, PrintTimeModel? model = null) =>
        new(Schedule.At(now), model ?? new PrintTimeModel(), _ => "MK4", margin ?? TimeSpan.Zero);

    private static PrinterSlot Printer(string id) => new(id, "FDM", ["PLA"]);

    [Fact]
    public void A_printer_near_its_window_gets_a_short_job_and_not_the_long_one_ahead_of_it()
    {
        var queue = new DispatchQueue();
        queue.Enqueue(Ticket("long", TimeSpan.FromHours(3)));
        queue.Enqueue(Ticket("short", TimeSpan.FromMinutes(40), minutesAfter: 1));
        queue.PrinterAvailable(Printer("p1"));

        var assignment = Assert.Single(queue.Plan(FitAt(Monday9)));
        Assert.Equal(("short", "p1"), (assignment.Job.JobId, assignment.PrinterId));
        Assert.Equal(["long"], queue.Jobs.Select(j => j.JobId));
    }

    [Fact]
    public void A_job_that_would_not_finish_before_the_window_waits_for_another_printer()
    {
        var queue = new DispatchQueue();
        queue.Enqueue(Ticket("long", TimeSpan.FromHours(3)));
        queue.PrinterAvailable(Printer("p1"));
        Assert.Empty(queue.Plan(FitAt(Monday9)));
        Assert.Equal(1, queue.IdlePrinters); // p1 is still idle, held back

        queue.PrinterAvailable(Printer("p2")); // no window
        var assignment = Assert.Single(queue.Plan(FitAt(Monday9)));
        Assert.Equal(("long", "p2"), (assignment.Job.JobId, assignment.PrinterId));
    }

    [Fact]
    public void Learned_print_time_and_the_margin_count_not_just_the_slicer()
    {
        // 50 min by the slicer, one hour before the window: fits as it is...
        var queue = new DispatchQueue();
        queue.Enqueue(Ticket("j", TimeSpan.FromMinutes(50)));
        queue.PrinterAvailable(Printer("p1"));
        Assert.Empty(queue.Plan(FitAt(Monday9, margin: TimeSpan.FromMinutes(15)))); // ...but not with 15 min to spare
        Assert.Single(queue.Plan(FitAt(Monday9, margin: TimeSpan.FromMinutes(5))));

        // A model that prints 1.5x slower than its slicer says: 75 min, too long.
        var slow = new PrintTimeModel();
        for (var i = 0; i < 50; i++) slow.Learn("MK4", "PLA", 1000, 1500);
        var again = new DispatchQueue();
        again.Enqueue(Ticket("j", TimeSpan.FromMinutes(50)));
        again.PrinterAvailable(Printer("p1"));
        Assert.Empty(again.Plan(FitAt(Monday9, model: slow)));
    }

    [Fact]
    public void During_its_window_a_printer_takes_nothing_and_afterwards_it_is_planned_again()
    {
        var queue = new DispatchQueue();
        queue.Enqueue(Ticket("tiny", TimeSpan.FromMinutes(1)));
        queue.PrinterAvailable(Printer("p1"));
        Assert.Empty(queue.Plan(FitAt(Monday9.AddMinutes(70)))); // 10:10, in the window
        Assert.True(queue.HoldsPrintersBack);

        // Nothing new happens; the next plan after the window still finds p1 and the job.
        var assignment = Assert.Single(queue.Plan(FitAt(Monday9.AddHours(2))));
        Assert.Equal(("tiny", "p1"), (assignment.Job.JobId, assignment.PrinterId));
        Assert.False(queue.HoldsPrintersBack);
    }

    [Fact]
    public void Without_a_fit_the_queue_plans_as_before()
    {
        var queue = new DispatchQueue();
        queue.Enqueue(Ticket("long", TimeSpan.FromHours(3)));
        queue.PrinterAvailable(Printer("p1"));
        Assert.Equal("long", Assert.Single(queue.Plan()).Job.JobId);
    }
}
