using PrintFarm.Printers;
using PrintFarm.Protocol;

namespace PrintFarm.Tests.Printers;

/// <summary>An operator's pause, resume and stop, and taking a printer out of service: the rules, no cluster.</summary>
[Trait("Category", "Unit")]
public sealed class PrinterSteeringTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly PrinterOptions Options = new() { OfflineAfter = TimeSpan.FromSeconds(30) };

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

    private static Printer Doing(PrinterActivity activity, string? job = "j1")
    {
        var printer = OnlinePrinter();
        printer.State.CurrentJobId = job;
        printer.State.Activity = activity;
        return printer;
    }

    private static string? Refusal(Printer printer, PrinterCommandType command) => PrinterSteering.Refusal(printer.PrinterId, printer.State, command);

    [Fact]
    public void A_printing_printer_may_be_paused_or_stopped_but_not_resumed()
    {
        var printer = Doing(PrinterActivity.Printing);
        Assert.Null(Refusal(printer, PrinterCommandType.Pause));
        Assert.Null(Refusal(printer, PrinterCommandType.Cancel));
        Assert.Contains("resume only a job it has paused", Refusal(printer, PrinterCommandType.Resume));
    }

    [Fact]
    public void A_paused_printer_may_be_resumed_or_stopped_but_not_paused_again()
    {
        var printer = Doing(PrinterActivity.Paused);
        Assert.Null(Refusal(printer, PrinterCommandType.Resume));
        Assert.Null(Refusal(printer, PrinterCommandType.Cancel));
        Assert.Contains("is Paused", Refusal(printer, PrinterCommandType.Pause));
    }

    [Theory]
    [InlineData(PrinterCommandType.Pause)]
    [InlineData(PrinterCommandType.Resume)]
    [InlineData(PrinterCommandType.Cancel)]
    public void An_idle_printer_has_nothing_to_steer(PrinterCommandType command) =>
        Assert.Contains("has no job", Refusal(Doing(PrinterActivity.Idle, job: null), command));

    [Fact]
    public void A_printer_that_has_not_started_its_job_yet_is_not_stopped()
    {
        // Reserved, start command on its way: the printer may not have the job, and would ignore a stop.
        var printer = OnlinePrinter();
        Assert.True(printer.TryReserve("j1", T0));
        Assert.Contains("is Preparing", Refusal(printer, PrinterCommandType.Cancel));
        Assert.NotNull(Refusal(printer, PrinterCommandType.Pause));
    }

    [Fact]
    public void An_offline_printer_is_not_steered()
    {
        var printer = Doing(PrinterActivity.Printing);
        Assert.True(printer.CheckSilence(T0.AddMinutes(5)));
        Assert.Contains("offline", Refusal(printer, PrinterCommandType.Pause));
        Assert.Contains("offline", Refusal(printer, PrinterCommandType.Cancel));
    }

    [Fact]
    public void Starting_a_job_is_not_an_operators_move() =>
        Assert.NotNull(Refusal(Doing(PrinterActivity.Idle, job: null), PrinterCommandType.Start));

    [Fact]
    public void A_printer_out_of_service_takes_no_work_stays_in_the_fleet_and_is_free_again_once_back()
    {
        var printer = OnlinePrinter();
        Assert.True(printer.SetInService(false, "  nozzle swap ", T0));
        Assert.False(printer.IsAvailable);
        Assert.False(printer.IdleAnnounceDue(T0.AddHours(1)));
        Assert.False(printer.Forecast(T0)!.Online); // the projected schedule plans nothing on it
        var summary = printer.Summary();
        Assert.Equal((true, "nozzle swap", Connectivity.Online), (summary.OutOfService, summary.OutOfServiceReason, summary.Connectivity));
        Assert.Equal(T0, printer.State.OutOfServiceSince);

        Assert.False(printer.SetInService(false, "nozzle swap", T0.AddMinutes(1))); // nothing new to store
        Assert.True(printer.SetInService(false, "bed levelling", T0.AddMinutes(2)));
        Assert.Equal(T0, printer.State.OutOfServiceSince); // out since the first time

        Assert.True(printer.SetInService(true, "ignored when back", T0.AddMinutes(3)));
        Assert.True(printer.IsAvailable);
        Assert.Equal((false, (string?)null, (DateTimeOffset?)null), (printer.State.OutOfService, printer.State.OutOfServiceReason, printer.State.OutOfServiceSince));
        Assert.False(printer.SetInService(true, null, T0.AddMinutes(4)));
    }

    [Fact]
    public void A_printer_taken_out_of_service_mid_print_finishes_its_job_and_then_takes_no_other()
    {
        var printer = OnlinePrinter();
        Assert.True(printer.TryReserve("j1", T0));
        printer.ApplyEvent(new PrinterJobEvent { EventId = "e1", Type = PrinterEventType.JobStarted, JobId = "j1", ReceivedAt = T0 });
        Assert.True(printer.SetInService(false, null, T0.AddMinutes(1)));
        Assert.Null(Refusal(printer, PrinterCommandType.Pause)); // its job is still its operator's to steer
        var finished = printer.ApplyEvent(new PrinterJobEvent { EventId = "e2", Type = PrinterEventType.JobFinished, JobId = "j1", ReceivedAt = T0.AddMinutes(2) });
        Assert.True(finished.BecameFree);
        Assert.Equal(1, printer.State.JobsPrinted);
        Assert.False(printer.IsAvailable);
        Assert.False(printer.TryReserve("j2", T0.AddMinutes(3)));
    }

    [Fact]
    public void A_reason_is_at_most_200_characters()
    {
        Assert.Null(PrinterServiceReason.Problem(null));
        Assert.Null(PrinterServiceReason.Problem(new string('x', PrinterServiceReason.MaxLength)));
        Assert.Contains("at most 200", PrinterServiceReason.Problem(new string('x', PrinterServiceReason.MaxLength + 1)));
        Assert.Null(PrinterServiceReason.Normalize("   "));
    }
}
