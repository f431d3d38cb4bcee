using PrintFarm.Dispatch;
using PrintFarm.Jobs;
using PrintFarm.Orders;
using PrintFarm.Printers;
using PrintFarm.Protocol;
using PrintFarm.Tests.Orders;

namespace PrintFarm.Tests.Cluster;

/// <summary>
/// The operator console's moves through real grains: steering a printer's job, taking a printer
/// out of service, moving a job to the front and trying a blocked one again. Each test has its
/// own material, so the shared dispatchers never hand its jobs to another test's printer.
/// </summary>
[Collection(FarmClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class OperatorMovesTests(FarmClusterFixture farm)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private IClusterClient Client => farm.Client;

    private static IReadOnlyList<PrinterCommand> Sent(string printerId, PrinterCommandType type) =>
        FarmClusterFixture.Commands.To(printerId).Where(c => c.Type == type).ToList();

    private static Task<PrinterCommand> NextStart(string printerId, int nth) =>
        Eventually.Get(() => Task.FromResult(Sent(printerId, PrinterCommandType.Start).ElementAtOrDefault(nth - 1)),
            c => c is not null, Patience, $"start command #{nth} for {printerId}")!;

    private static Task Report(IPrinterGrain printer, PrinterEventType type, string jobId, string? reason = null) =>
        printer.Event(new PrinterJobEvent { EventId = Guid.NewGuid().ToString("N"), Type = type, JobId = jobId, Reason = reason, ReceivedAt = DateTimeOffset.UtcNow });

    private async Task<OrderView> Place(string material, int quantity = 1, string method = "standard") =>
        await Client.GetGrain<IOrderGrain>(OrderReference.New()).Place(OrderSamples.Valid(quantity: quantity, material: material, method: method));

    private IDispatcherGrain Dispatcher(string material) => Client.GetGrain<IDispatcherGrain>(new PoolKey("FDM", material).Key);

    private Task<JobSnapshot?> Job(string jobId) => Client.GetGrain<IPrintJobGrain>(jobId).Get();

    [Fact]
    public async Task An_operator_pauses_resumes_and_stops_a_print_and_the_stopped_part_is_printed_again()
    {
        var printer = await TestPrinters.Announce(Client, "moves-steer", "MOVES-STEER");
        await Assert.ThrowsAsync<PrinterCommandException>(() => printer.PauseJob()); // idle: nothing to pause
        var order = await Place("MOVES-STEER");
        var start = await NextStart("moves-steer", 1);
        await Report(printer, PrinterEventType.JobStarted, start.JobId);

        var pausing = await printer.PauseJob();
        Assert.Equal((PrinterActivity.Printing, start.JobId), (pausing!.Activity, pausing.CurrentJobId)); // until the printer says it paused
        Assert.Equal(start.JobId, Assert.Single(Sent("moves-steer", PrinterCommandType.Pause)).JobId);
        await Assert.ThrowsAsync<PrinterCommandException>(() => printer.ResumeJob()); // not paused yet
        await Report(printer, PrinterEventType.JobPaused, start.JobId);
        Assert.Equal(PrinterActivity.Paused, (await printer.Get())!.Activity);
        Assert.Equal(JobStatus.Printing, (await Job(start.JobId))!.Status); // a paused print is still the job's print

        await Assert.ThrowsAsync<PrinterCommandException>(() => printer.PauseJob());
        await printer.ResumeJob();
        Assert.Equal(start.JobId, Assert.Single(Sent("moves-steer", PrinterCommandType.Resume)).JobId);
        await Report(printer, PrinterEventType.JobResumed, start.JobId);
        Assert.Equal(PrinterActivity.Printing, (await printer.Get())!.Activity);

        // The stop goes to the printer; the printer's report of it ends the print, as a stop at the printer does.
        await printer.CancelJob();
        Assert.Equal(start.JobId, Assert.Single(Sent("moves-steer", PrinterCommandType.Cancel)).JobId);
        Assert.Equal(JobStatus.Printing, (await Job(start.JobId))!.Status);
        await Report(printer, PrinterEventType.JobCancelled, start.JobId);
        var again = await NextStart("moves-steer", 2);
        Assert.Equal(start.JobId, again.JobId);
        var requeued = await Job(start.JobId);
        Assert.Equal("reprinting: the print was stopped at the printer", requeued!.Problem);
        Assert.Equal(1, (await printer.Get())!.JobsCancelled);

        await Report(printer, PrinterEventType.JobStarted, again.JobId);
        await Report(printer, PrinterEventType.JobFinished, again.JobId);
        await Eventually.Get(() => Client.GetGrain<IOrderGrain>(order.Reference).Get(), o => o!.Status == OrderStatus.ReadyToShip, Patience, "the reprint to be ready");
    }

    [Fact]
    public async Task A_printer_the_farm_never_heard_from_is_not_steered_nor_created()
    {
        var stranger = Client.GetGrain<IPrinterGrain>("moves-nobody");
        Assert.Null(await stranger.PauseJob());
        Assert.Null(await stranger.CancelJob());
        Assert.Null(await stranger.SetInService(false, "never seen"));
        Assert.False(await stranger.IsKnown());
        await Assert.ThrowsAsync<ArgumentException>(() => stranger.SetInService(false, new string('x', PrinterServiceReason.MaxLength + 1)));
    }

    [Fact]
    public async Task A_printer_out_of_service_gets_no_job_while_another_takes_it_and_gets_work_once_back()
    {
        var resting = await TestPrinters.Announce(Client, "moves-rest", "MOVES-OOS");
        var dispatcher = Dispatcher("MOVES-OOS");
        await Eventually.Get(() => dispatcher.GetQueue(10), q => q.IdlePrinterIds.Contains("moves-rest"), Patience, "the printer idle in its pool");

        var out_ = await resting.SetInService(false, "nozzle swap");
        Assert.Equal((true, "nozzle swap", Connectivity.Online), (out_!.OutOfService, out_.OutOfServiceReason, out_.Connectivity));
        await Eventually.Get(() => dispatcher.GetQueue(10), q => !q.IdlePrinterIds.Contains("moves-rest"), Patience, "the printer withdrawn from its pool");
        // Stored: the printer is still out of service when it comes back from its storage.
        await resting.Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        Assert.True((await resting.Get())!.OutOfService);
        await Eventually.Get(() => Client.GetGrain<IFleetGrain>(IFleetGrain.Key).List(), l => l.Any(p => p.PrinterId == "moves-rest" && p.OutOfService), Patience,
            "the fleet view to show it out of service");

        // The one out of service has been idle longest, so it would be served first: the other takes the job.
        var working = await TestPrinters.Announce(Client, "moves-work", "MOVES-OOS");
        var first = await Place("MOVES-OOS");
        var start = await NextStart("moves-work", 1);
        Assert.Equal(first.Items[0].Jobs[0].JobId, start.JobId);
        await Report(working, PrinterEventType.JobStarted, start.JobId);

        // The next job waits for a printer, though one is idle and re-offers itself now and then.
        var second = await Place("MOVES-OOS");
        var waiting = second.Items[0].Jobs[0].JobId;
        await Eventually.Get(() => dispatcher.GetQueue(10), q => q.Next.Any(t => t.JobId == waiting), Patience, "the second job in the queue");
        Assert.Empty(Sent("moves-rest", PrinterCommandType.Start));

        var back = await resting.SetInService(true, null);
        Assert.Equal((false, (string?)null), (back!.OutOfService, back.OutOfServiceReason));
        var given = await NextStart("moves-rest", 1);
        Assert.Equal(waiting, given.JobId);
    }

    [Fact]
    public async Task A_printer_taken_out_of_service_mid_print_finishes_its_job_and_takes_no_other()
    {
        var printer = await TestPrinters.Announce(Client, "moves-finish", "MOVES-FINISH");
        var order = await Place("MOVES-FINISH", quantity: 2);
        var start = await NextStart("moves-finish", 1);
        await Report(printer, PrinterEventType.JobStarted, start.JobId);
        await printer.SetInService(false, "worn nozzle: last print");
        await Report(printer, PrinterEventType.JobFinished, start.JobId);
        Assert.Equal(JobStatus.PostProcessing, (await Job(start.JobId))!.Status);

        var other = order.Items[0].Jobs.Single(j => j.JobId != start.JobId).JobId;
        await Eventually.Get(() => Dispatcher("MOVES-FINISH").GetQueue(10), q => q.Next.Any(t => t.JobId == other), Patience, "the other copy in the queue");
        Assert.Single(Sent("moves-finish", PrinterCommandType.Start));
        Assert.Equal((1, (string?)null, true), ((await printer.Get())!.JobsPrinted, (await printer.Get())!.CurrentJobId, (await printer.Get())!.OutOfService));
        await printer.SetInService(true, null);
        Assert.Equal(other, (await NextStart("moves-finish", 2)).JobId);
    }

    [Fact]
    public async Task A_job_moved_to_the_front_is_served_before_older_ones_even_express()
    {
        var older = await Place("MOVES-EXP", quantity: 2, method: "express");
        var newer = await Place("MOVES-EXP");
        var jobId = newer.Items[0].Jobs[0].JobId;
        var dispatcher = Dispatcher("MOVES-EXP");
        await Eventually.Get(() => dispatcher.GetQueue(10), q => q.Depth == 3, Patience, "the three jobs in the queue");
        Assert.Equal(jobId, (await dispatcher.GetQueue(10)).Next[^1].JobId); // standard and newest: last

        var moved = await Client.GetGrain<IPrintJobGrain>(jobId).Expedite();
        Assert.Equal((JobStatus.Queued, true), (moved!.Status, moved.Expedited));
        await Eventually.Get(() => dispatcher.GetQueue(10), q => q.Next[0].JobId == jobId, Patience, "the job at the front of its pool");

        var printer = await TestPrinters.Announce(Client, "moves-exp", "MOVES-EXP");
        var start = await NextStart("moves-exp", 1);
        Assert.Equal(jobId, start.JobId);
        Assert.Contains(older.Items[0].Jobs, j => j.JobId != jobId);

        // Printing now: it is no longer in a queue to move in.
        await Report(printer, PrinterEventType.JobStarted, start.JobId);
        var refused = await Assert.ThrowsAsync<JobCommandException>(() => Client.GetGrain<IPrintJobGrain>(jobId).Expedite());
        Assert.Contains("only a queued job", refused.Message);
        Assert.Null(await Client.GetGrain<IPrintJobGrain>(PrintJobSpec.IdFor(OrderReference.New(), 0, 1)).Expedite());
    }

    [Fact]
    public async Task A_blocked_job_tried_again_goes_back_to_the_queue_and_its_order_follows()
    {
        var printer = await TestPrinters.Announce(Client, "moves-retry", "MOVES-RETRY");
        var order = await Place("MOVES-RETRY");
        var jobId = order.Items[0].Jobs[0].JobId;
        await Assert.ThrowsAsync<JobCommandException>(() => Client.GetGrain<IPrintJobGrain>(jobId).Retry()); // queued, not blocked
        for (var attempt = 1; attempt <= 2; attempt++) // Jobs:MaxAttempts = 2 on this cluster
        {
            var start = await NextStart("moves-retry", attempt);
            await Report(printer, PrinterEventType.JobStarted, start.JobId);
            await Report(printer, PrinterEventType.JobFailed, start.JobId, "spaghetti detected");
        }
        Assert.Equal(JobStatus.Blocked, (await Job(jobId))!.Status);
        await Eventually.Get(() => Client.GetGrain<IOrderGrain>(order.Reference).Get(), o => o!.Items[0].Status == ItemStatus.Blocked, Patience, "the item to be blocked");

        var retried = await Client.GetGrain<IPrintJobGrain>(jobId).Retry();
        Assert.Equal((JobStatus.Queued, 3), (retried!.Status, retried.Attempt));
        var third = await NextStart("moves-retry", 3);
        Assert.Equal(jobId, third.JobId);
        var following = await Eventually.Get(() => Client.GetGrain<IOrderGrain>(order.Reference).Get(), o => o!.Items[0].Status != ItemStatus.Blocked, Patience, "the item no longer blocked");
        Assert.Equal(3, following!.Items[0].Jobs[0].Attempt);

        await Report(printer, PrinterEventType.JobStarted, third.JobId);
        await Report(printer, PrinterEventType.JobFinished, third.JobId);
        await Eventually.Get(() => Client.GetGrain<IOrderGrain>(order.Reference).Get(), o => o!.Status == OrderStatus.ReadyToShip, Patience, "the order to be ready");
    }
}
