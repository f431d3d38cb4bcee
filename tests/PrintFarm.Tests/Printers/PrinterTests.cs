using PrintFarm.Printers;
using PrintFarm.Protocol;

namespace PrintFarm.Tests.Printers;

[Trait("Category", "Unit")]
public sealed class PrinterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly PrinterOptions Options = new() { OfflineAfter = TimeSpan.FromSeconds(30), LostJobGrace = TimeSpan.FromSeconds(20) };

    private static Printer OnlinePrinter()
    {
        var printer = new Printer("p1", new PrinterState(), Options);
        printer.ApplyStatus(new PrinterStatusReport
        {
            Online = true, ReceivedAt = T0,
            Capabilities = new PrinterCapabilities { Model = "MK4", Technology = "FDM", Materials = ["PLA"] },
        });
        return printer;
    }

    private static PrinterTelemetry Tick(DateTimeOffset at, PrinterActivity activity = PrinterActivity.Idle, string? job = null, double? progress = null) =>
        new() { Activity = activity, JobId = job, Progress = progress, ReceivedAt = at };

    private static PrinterJobEvent Event(string id, PrinterEventType type, string job, DateTimeOffset at) =>
        new() { EventId = id, Type = type, JobId = job, ReceivedAt = at };

    [Fact]
    public void An_announced_idle_printer_is_available()
    {
        var printer = OnlinePrinter();
        Assert.True(printer.IsAvailable);
        Assert.Equal(Connectivity.Online, printer.Summary().Connectivity);
    }

    [Fact]
    public void Telemetry_from_an_unannounced_printer_is_followed_but_it_gets_no_work()
    {
        var printer = new Printer("ghost", new PrinterState(), Options);
        var outcome = printer.ApplyTelemetry(Tick(T0));
        Assert.True(outcome.ConnectivityChanged);
        Assert.False(printer.IsAvailable); // no capabilities: nothing can be matched to it
    }

    [Fact]
    public void A_reserved_printer_takes_no_second_job()
    {
        var printer = OnlinePrinter();
        Assert.True(printer.TryReserve("j1", T0));
        Assert.True(printer.TryReserve("j1", T0)); // the same job again is fine
        Assert.False(printer.TryReserve("j2", T0));
        printer.Release("j1");
        Assert.True(printer.IsAvailable);
    }

    [Fact]
    public void A_repeated_event_is_recognised()
    {
        var printer = OnlinePrinter();
        printer.TryReserve("j1", T0);
        Assert.True(printer.ApplyEvent(Event("e1", PrinterEventType.JobStarted, "j1", T0)).IsNew);
        Assert.False(printer.ApplyEvent(Event("e1", PrinterEventType.JobStarted, "j1", T0)).IsNew);
        var finished = printer.ApplyEvent(Event("e2", PrinterEventType.JobFinished, "j1", T0.AddSeconds(20)));
        Assert.Equal(new PrinterEventOutcome(true, true), finished);
        Assert.Equal(1, printer.State.JobsPrinted);
        Assert.False(printer.ApplyEvent(Event("e2", PrinterEventType.JobFinished, "j1", T0.AddSeconds(21))).IsNew);
        Assert.Equal(1, printer.State.JobsPrinted);
    }

    [Fact]
    public void An_idle_printer_long_after_a_start_has_lost_its_job()
    {
        var printer = OnlinePrinter();
        printer.TryReserve("j1", T0);
        Assert.Null(printer.ApplyTelemetry(Tick(T0.AddSeconds(5))).LostJob);  // the start may still be on its way
        Assert.Null(printer.ApplyTelemetry(Tick(T0.AddSeconds(25))).LostJob); // a finish event may still be on its way
        Assert.Null(printer.ApplyTelemetry(Tick(T0.AddSeconds(30))).LostJob);
        var outcome = printer.ApplyTelemetry(Tick(T0.AddSeconds(36)));
        Assert.Equal("j1", outcome.LostJob);
        Assert.Equal(["j1"], printer.State.LostJobsToTell); // stored until the job has heard
        Assert.True(printer.IsAvailable);
    }

    [Fact]
    public void An_idle_report_overtaken_by_the_finish_event_loses_nothing()
    {
        var printer = OnlinePrinter();
        printer.TryReserve("j1", T0);
        printer.ApplyEvent(Event("e1", PrinterEventType.JobStarted, "j1", T0));
        Assert.Null(printer.ApplyTelemetry(Tick(T0.AddSeconds(30))).LostJob); // idle arrives first...
        var finished = printer.ApplyEvent(Event("e2", PrinterEventType.JobFinished, "j1", T0.AddSeconds(30.2)));
        Assert.True(finished.BecameFree);                                      // ...then the finish, which wins
        Assert.Null(printer.ApplyTelemetry(Tick(T0.AddSeconds(45))).LostJob);
        Assert.Equal(1, printer.State.JobsPrinted);
    }

    [Fact]
    public void An_idle_printer_that_reports_how_its_job_ended_has_not_lost_it()
    {
        // The finish could not reach the job yet (its silo died): the printer keeps the job
        // until it can, and the report's last outcome keeps it from being taken for lost.
        var printer = OnlinePrinter();
        printer.TryReserve("j1", T0);
        printer.ApplyEvent(Event("e1", PrinterEventType.JobStarted, "j1", T0));
        var finished = Event("e2", PrinterEventType.JobFinished, "j1", T0.AddSeconds(20));
        for (var s = 25; s <= 60; s += 5)
        {
            var tick = Tick(T0.AddSeconds(s)) with { LastOutcome = finished };
            Assert.Equal(finished, printer.MissedOutcome(tick));
            Assert.Null(printer.ApplyTelemetry(tick).LostJob);
        }
        Assert.False(printer.HasSeen(finished));
        printer.ApplyEvent(finished);
        Assert.True(printer.HasSeen(finished));
        Assert.Null(printer.MissedOutcome(Tick(T0.AddSeconds(65)) with { LastOutcome = finished }));
        Assert.Equal(1, printer.State.JobsPrinted);
    }

    [Fact]
    public void Progress_belongs_to_the_current_job_only()
    {
        var printer = OnlinePrinter();
        printer.TryReserve("j1", T0);
        printer.ApplyEvent(Event("e1", PrinterEventType.JobStarted, "j1", T0));
        Assert.Equal("j1", printer.ApplyTelemetry(Tick(T0.AddSeconds(1), PrinterActivity.Printing, "j1", 10)).ProgressForJob);
        Assert.Equal(10, printer.Summary().Progress);
        Assert.Null(printer.ApplyTelemetry(Tick(T0.AddSeconds(2), PrinterActivity.Printing, "other", 20)).ProgressForJob);
        Assert.Null(printer.Summary().Progress); // the printer reports someone else's job: show nothing rather than a wrong figure
    }

    [Fact]
    public void A_jobs_first_progress_is_told_at_once_even_right_after_an_idle_report_then_at_most_every_interval()
    {
        var printer = OnlinePrinter();
        var idle = printer.ApplyTelemetry(Tick(T0));
        Assert.True(printer.ProgressReportDue(T0, idle.ProgressForJob)); // the idle report takes the slot
        printer.TryReserve("j1", T0);
        printer.ApplyEvent(Event("e1", PrinterEventType.JobStarted, "j1", T0));

        var first = printer.ApplyTelemetry(Tick(T0.AddMilliseconds(5), PrinterActivity.Printing, "j1", 90));
        Assert.True(printer.ProgressReportDue(T0.AddMilliseconds(5), first.ProgressForJob));
        Assert.False(printer.ProgressReportDue(T0.AddSeconds(1), "j1"));
        Assert.True(printer.ProgressReportDue(T0.AddMilliseconds(5) + Options.ProgressReportEvery, "j1"));
    }

    [Fact]
    public void A_silent_printer_goes_offline_and_comes_back_with_telemetry()
    {
        var printer = OnlinePrinter();
        Assert.False(printer.CheckSilence(T0.AddSeconds(29)));
        Assert.True(printer.CheckSilence(T0.AddSeconds(31)));
        Assert.False(printer.IsAvailable);
        Assert.False(printer.CheckSilence(T0.AddSeconds(60))); // already offline: no second transition
        Assert.True(printer.ApplyTelemetry(Tick(T0.AddSeconds(61))).ConnectivityChanged);
        Assert.True(printer.IsAvailable);
    }

    [Fact]
    public void A_last_will_keeps_the_capabilities()
    {
        var printer = OnlinePrinter();
        Assert.True(printer.ApplyStatus(new PrinterStatusReport { Online = false, ReceivedAt = T0.AddSeconds(1) }));
        Assert.Equal(Connectivity.Offline, printer.State.Connectivity);
        Assert.Equal("MK4", printer.State.Capabilities!.Model);
    }

    [Fact]
    public void A_printer_is_followed_only_once_it_has_announced_itself()
    {
        Assert.False(new Printer("ghost", new PrinterState(), Options).IsAnnounced);
        Assert.True(OnlinePrinter().IsAnnounced);
    }

    [Fact]
    public void A_print_stopped_at_the_printer_counts_as_cancelled_not_failed_and_frees_it()
    {
        var printer = OnlinePrinter();
        printer.TryReserve("j1", T0);
        printer.ApplyEvent(Event("s1", PrinterEventType.JobStarted, "j1", T0));
        var stop = Event("c1", PrinterEventType.JobCancelled, "j1", T0.AddMinutes(1));
        Assert.True(printer.JobShouldHear(stop));
        Assert.True(printer.ApplyEvent(stop).BecameFree);
        var summary = printer.Summary();
        Assert.Equal((0, 0, 1), (summary.JobsPrinted, summary.JobsFailed, summary.JobsCancelled));
        Assert.True(printer.IsAvailable);
    }

    [Fact]
    public void An_event_about_a_job_the_printer_does_not_hold_changes_no_counter_and_tells_no_job()
    {
        var printer = OnlinePrinter();
        printer.TryReserve("j1", T0);
        foreach (var type in new[] { PrinterEventType.JobFinished, PrinterEventType.JobFailed, PrinterEventType.JobCancelled })
        {
            var phantom = Event($"x-{type}", type, "no-such-job", T0);
            Assert.False(printer.JobShouldHear(phantom));
            Assert.False(printer.ApplyEvent(phantom).BecameFree);
        }
        var summary = printer.Summary();
        Assert.Equal((0, 0, 0), (summary.JobsPrinted, summary.JobsFailed, summary.JobsCancelled));
        Assert.Equal("j1", summary.CurrentJobId);
    }

    [Fact]
    public void A_number_that_is_not_finite_never_reaches_a_listing()
    {
        var printer = OnlinePrinter();
        printer.ApplyTelemetry(new PrinterTelemetry { Activity = PrinterActivity.Idle, NozzleTemperature = double.NaN, BedTemperature = double.PositiveInfinity, ReceivedAt = T0 });
        var summary = printer.Summary();
        Assert.Null(summary.NozzleTemperature);
        Assert.Null(summary.BedTemperature);
        System.Text.Json.JsonSerializer.Serialize(summary); // throws on NaN
    }

    [Fact]
    public void The_forecast_says_when_the_printer_expects_to_be_free()
    {
        var printer = OnlinePrinter();
        Assert.Equal(T0, printer.Forecast(T0)!.FreeAt); // idle since now
        Assert.Equal(T0, printer.Forecast(T0.AddMinutes(5))!.FreeAt); // still idle since then
        printer.TryReserve("j1", T0.AddMinutes(5), estimatedSeconds: 120);
        Assert.Equal(T0.AddMinutes(7), printer.Forecast(T0.AddMinutes(5))!.FreeAt);
        printer.ApplyTelemetry(new PrinterTelemetry { Activity = PrinterActivity.Printing, JobId = "j1", RemainingSeconds = 30, ReceivedAt = T0.AddMinutes(6) });
        Assert.Equal(T0.AddMinutes(6).AddSeconds(30), printer.Forecast(T0.AddMinutes(6))!.FreeAt);
        Assert.Null(new Printer("ghost", new PrinterState(), Options).Forecast(T0));
    }
}
