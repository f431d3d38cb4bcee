using PrintFarm.Dispatch;
using PrintFarm.Orders;
using PrintFarm.Jobs;
using PrintFarm.Printers;
using PrintFarm.Protocol;
using PrintFarm.Tests.Orders;

namespace PrintFarm.Tests.Cluster;

/// <summary>
/// Orders through real grains: each test uses its own material so the one shared dispatcher
/// never hands its jobs to another test's printer.
/// </summary>
[Collection(FarmClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class OrderFlowTests(FarmClusterFixture farm)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private IClusterClient Client => farm.Client;

    private static Task<PrinterCommand> NextStart(string printerId, int nth) =>
        Eventually.Get(
            () => Task.FromResult(FarmClusterFixture.Commands.To(printerId).Where(c => c.Type == PrinterCommandType.Start).ElementAtOrDefault(nth - 1)),
            c => c is not null, Patience, $"start command #{nth} for {printerId}")!;

    private static Task Report(IPrinterGrain printer, PrinterEventType type, string jobId, string? reason = null) =>
        printer.Event(new PrinterJobEvent { EventId = Guid.NewGuid().ToString("N"), Type = type, JobId = jobId, Reason = reason, ReceivedAt = DateTimeOffset.UtcNow });

    /// <summary>A finish event that never arrived as such: the printer's telemetry carries it as its last outcome.</summary>
    private static PrinterJobEvent Finished(string jobId) =>
        new() { EventId = Guid.NewGuid().ToString("N"), Type = PrinterEventType.JobFinished, JobId = jobId, ReceivedAt = DateTimeOffset.UtcNow };

    private async Task<OrderView> Place(string material, int quantity)
    {
        var reference = OrderReference.New();
        return await Client.GetGrain<IOrderGrain>(reference).Place(OrderSamples.Valid(quantity: quantity, material: material));
    }

    private IDispatcherGrain Dispatcher(string material) => Client.GetGrain<IDispatcherGrain>(new PoolKey("FDM", material).Key);

    private Task<OrderView?> WaitForStatus(string reference, OrderStatus status) =>
        Eventually.Get(() => Client.GetGrain<IOrderGrain>(reference).Get(), o => o?.Status == status, Patience, $"order {reference} to be {status}");

    [Fact]
    public async Task An_order_is_printed_job_by_job_and_becomes_ready_to_ship()
    {
        var printer = await TestPrinters.Announce(Client, "flow-p1", "FLOW-PLA");
        var order = await Place("FLOW-PLA", quantity: 2);
        Assert.Equal(OrderStatus.Queued, order.Status);
        Assert.Equal(2, order.Items[0].Jobs.Count);

        // One printer, two copies: the second job waits until the printer is free again.
        for (var copy = 1; copy <= 2; copy++)
        {
            var start = await NextStart("flow-p1", copy);
            Assert.StartsWith(order.Reference, start.JobId);
            Assert.Equal(("bracket-v4", "FLOW-PLA", 20), (start.Design, start.Material, start.EstimatedSeconds));
            await Report(printer, PrinterEventType.JobStarted, start.JobId);
            var printing = await Client.GetGrain<IPrintJobGrain>(start.JobId).Get();
            Assert.Equal(JobStatus.Printing, printing!.Status);
            await Report(printer, PrinterEventType.JobFinished, start.JobId);
        }

        var done = await WaitForStatus(order.Reference, OrderStatus.ReadyToShip);
        Assert.All(done!.Items[0].Jobs, j => Assert.Equal(JobStatus.Done, j.Status));
        Assert.Equal(
            [OrderStatus.Received, OrderStatus.Queued, OrderStatus.Printing, OrderStatus.PostProcessing, OrderStatus.QualityCheck, OrderStatus.ReadyToShip],
            done.Timeline.Where(t => t.ItemIndex is null).Select(t => t.Status).Distinct());
        var summary = await printer.Get();
        Assert.Equal((2, PrinterActivity.Idle, (string?)null), (summary!.JobsPrinted, summary.Activity, summary.CurrentJobId));
    }

    [Fact]
    public async Task A_finish_lost_in_flight_is_recovered_from_telemetry_and_counts_once()
    {
        var printer = await TestPrinters.Announce(Client, "flow-p9", "FLOW-LOST");
        var order = await Place("FLOW-LOST", quantity: 1);
        var start = await NextStart("flow-p9", 1);
        await Report(printer, PrinterEventType.JobStarted, start.JobId);

        // The JobFinished event never arrives; the printer's next tick says how its last job ended.
        var finished = Finished(start.JobId);
        await printer.Telemetry(new PrinterTelemetry { Activity = PrinterActivity.Idle, ReceivedAt = DateTimeOffset.UtcNow, LastOutcome = finished });
        await printer.Telemetry(new PrinterTelemetry { Activity = PrinterActivity.Idle, ReceivedAt = DateTimeOffset.UtcNow, LastOutcome = finished });

        // Telemetry is one-way: the job hears of the recovered finish a moment after it is sent.
        var job = await Eventually.Get(() => Client.GetGrain<IPrintJobGrain>(start.JobId).Get(), j => j?.Status != JobStatus.Printing,
            TimeSpan.FromSeconds(10), "the recovered finish to reach the job");
        Assert.NotEqual(JobStatus.Printing, job!.Status);
        Assert.Equal(1, job.Attempt);

        // The lost event turns up after all: a duplicate, not a second print.
        await printer.Event(finished);
        await WaitForStatus(order.Reference, OrderStatus.ReadyToShip);
        var summary = await printer.Get();
        Assert.Equal((1, 0, (string?)null), (summary!.JobsPrinted, summary.JobsFailed, summary.CurrentJobId));
        Assert.Single(FarmClusterFixture.Commands.To("flow-p9"), c => c.Type == PrinterCommandType.Start);
    }

    [Fact]
    public async Task Jobs_carry_on_while_their_order_is_out_of_reach_and_the_order_catches_up_with_the_whole_story()
    {
        var printer = await TestPrinters.Announce(Client, "flow-p10", "FLOW-CUT");
        var order = await Place("FLOW-CUT", quantity: 1);
        var start = await NextStart("flow-p10", 1);

        // The order's silo is gone: every piece of news from its job fails.
        OutOfReach.Cut(order.Reference);
        await Report(printer, PrinterEventType.JobStarted, start.JobId);
        await Report(printer, PrinterEventType.JobFinished, start.JobId);
        var done = await Eventually.Get(() => Client.GetGrain<IPrintJobGrain>(start.JobId).Get(), j => j?.Status == JobStatus.Done,
            Patience, "the job to finish without its order");
        Assert.True(OutOfReach.RefusedFor(order.Reference) >= 1, "the order should have refused news while cut off");
        Assert.Equal(OrderStatus.Queued, (await Client.GetGrain<IOrderGrain>(order.Reference).Get())!.Status);

        // Back: the job's queued news arrives in order, so the customer sees every stage.
        OutOfReach.Restore(order.Reference);
        var caughtUp = await WaitForStatus(order.Reference, OrderStatus.ReadyToShip);
        Assert.Equal(
            [OrderStatus.Received, OrderStatus.Queued, OrderStatus.Printing, OrderStatus.PostProcessing, OrderStatus.QualityCheck, OrderStatus.ReadyToShip],
            caughtUp!.Timeline.Where(t => t.ItemIndex is null).Select(t => t.Status));
        Assert.Equal((1, done!.Sequence), (caughtUp.Items[0].Jobs[0].Attempt, caughtUp.Items[0].Jobs[0].Sequence));
    }

    [Fact]
    public async Task A_finish_the_job_could_not_hear_is_delivered_once_the_job_is_back()
    {
        var printer = await TestPrinters.Announce(Client, "flow-p11", "FLOW-GONE");
        var order = await Place("FLOW-GONE", quantity: 1);
        var start = await NextStart("flow-p11", 1);
        await Report(printer, PrinterEventType.JobStarted, start.JobId);

        // The job's silo is gone when the printer finishes; the finish event itself was lost too.
        OutOfReach.Cut(start.JobId);
        var finished = Finished(start.JobId);
        for (var s = 0; s < 3; s++)
        {
            // Idle well past the lost-job grace: the reported outcome keeps the job from being taken for lost.
            await printer.Telemetry(new PrinterTelemetry { Activity = PrinterActivity.Idle, ReceivedAt = DateTimeOffset.UtcNow.AddMinutes(5 + s), LastOutcome = finished });
            await printer.Get();
        }
        Assert.True(OutOfReach.RefusedFor(start.JobId) >= 1, "the job should have refused the finish while cut off");
        Assert.Equal((0, start.JobId), ((await printer.Get())!.JobsPrinted, (await printer.Get())!.CurrentJobId));

        OutOfReach.Restore(start.JobId);
        await printer.Telemetry(new PrinterTelemetry { Activity = PrinterActivity.Idle, ReceivedAt = DateTimeOffset.UtcNow.AddMinutes(9), LastOutcome = finished });
        await WaitForStatus(order.Reference, OrderStatus.ReadyToShip);
        var job = await Client.GetGrain<IPrintJobGrain>(start.JobId).Get();
        Assert.Equal((1, JobStatus.Done), (job!.Attempt, job.Status));
        var summary = await printer.Get();
        Assert.Equal((1, 0, (string?)null), (summary!.JobsPrinted, summary.JobsFailed, summary.CurrentJobId));
    }

    [Fact]
    public async Task A_failed_print_is_reprinted_and_the_order_shows_why()
    {
        var printer = await TestPrinters.Announce(Client, "flow-p2", "FLOW-PETG");
        var order = await Place("FLOW-PETG", quantity: 1);

        var first = await NextStart("flow-p2", 1);
        await Report(printer, PrinterEventType.JobStarted, first.JobId);
        await Report(printer, PrinterEventType.JobFailed, first.JobId, "nozzle clog");

        var failed = await Client.GetGrain<IOrderGrain>(order.Reference).Get();
        Assert.Contains("nozzle clog", failed!.Items[0].Problem);
        Assert.Contains(failed.Timeline, t => t.ItemIndex == 0 && t.Note!.Contains("nozzle clog"));

        var second = await NextStart("flow-p2", 2);
        Assert.Equal(first.JobId, second.JobId); // the same job, a new attempt
        await Report(printer, PrinterEventType.JobStarted, second.JobId);
        await Report(printer, PrinterEventType.JobFinished, second.JobId);

        var done = await WaitForStatus(order.Reference, OrderStatus.ReadyToShip);
        var job = await Client.GetGrain<IPrintJobGrain>(first.JobId).Get();
        Assert.Equal((2, JobStatus.Done), (job!.Attempt, job.Status));
        Assert.Null(done!.Items[0].Problem); // printed now: no current problem, the timeline keeps the story
        Assert.Contains(done.Timeline, t => t.Note!.Contains("nozzle clog"));
    }

    [Fact]
    public async Task A_repeated_event_counts_once()
    {
        var printer = await TestPrinters.Announce(Client, "flow-p4", "FLOW-TPU");
        var order = await Place("FLOW-TPU", quantity: 1);
        var start = await NextStart("flow-p4", 1);
        var failure = new PrinterJobEvent { EventId = "same-event", Type = PrinterEventType.JobFailed, JobId = start.JobId, Reason = "bed adhesion lost", ReceivedAt = DateTimeOffset.UtcNow };
        await Report(printer, PrinterEventType.JobStarted, start.JobId);
        await printer.Event(failure);
        await printer.Event(failure);
        var job = await Client.GetGrain<IPrintJobGrain>(start.JobId).Get();
        Assert.Equal(2, job!.Attempt);
        Assert.Equal(1, (await printer.Get())!.JobsFailed);
    }

    [Fact]
    public async Task A_printer_that_lost_its_job_gives_it_back_to_the_queue()
    {
        var printer = await TestPrinters.Announce(Client, "flow-p5", "FLOW-NYLON");
        var order = await Place("FLOW-NYLON", quantity: 1);
        var start = await NextStart("flow-p5", 1);
        // The printer never starts it and reports idle, long after the grace period.
        // Two idle reports a minute apart; the round trip between them keeps the one-way calls in order.
        await printer.Telemetry(new PrinterTelemetry { Activity = PrinterActivity.Idle, ReceivedAt = DateTimeOffset.UtcNow.AddMinutes(5) });
        await printer.Get();
        await printer.Telemetry(new PrinterTelemetry { Activity = PrinterActivity.Idle, ReceivedAt = DateTimeOffset.UtcNow.AddMinutes(6) });
        var again = await NextStart("flow-p5", 2);
        Assert.Equal(start.JobId, again.JobId);
        var job = await Client.GetGrain<IPrintJobGrain>(start.JobId).Get();
        // It never started, so nothing failed: the same attempt goes out again.
        Assert.Equal((1, JobStatus.Assigned), (job!.Attempt, job.Status));
    }

    [Fact]
    public async Task A_lost_job_out_of_reach_hears_it_was_lost_once_it_is_back()
    {
        var printer = await TestPrinters.Announce(Client, "flow-p12", "FLOW-AWAY");
        await Place("FLOW-AWAY", quantity: 1);
        var start = await NextStart("flow-p12", 1);
        OutOfReach.Cut(start.JobId);
        // Idle reports long after the start (one-way, so they are sent until the printer concludes).
        var minutes = 5;
        await Eventually.Get(async () =>
            {
                await printer.Telemetry(new PrinterTelemetry { Activity = PrinterActivity.Idle, ReceivedAt = DateTimeOffset.UtcNow.AddMinutes(minutes++) });
                await printer.Get();
                return OutOfReach.RefusedFor(start.JobId);
            }, refused => refused >= 1, Patience, "the printer to tell the job it lost it, and the job to be out of reach");

        OutOfReach.Restore(start.JobId);
        await printer.Telemetry(new PrinterTelemetry { Activity = PrinterActivity.Idle, ReceivedAt = DateTimeOffset.UtcNow.AddMinutes(7) });
        var again = await NextStart("flow-p12", 2);
        Assert.Equal(start.JobId, again.JobId);
        Assert.Equal(1, (await Client.GetGrain<IPrintJobGrain>(start.JobId).Get())!.Attempt);
    }

    [Fact]
    public async Task Nothing_is_assigned_to_a_printer_without_the_material()
    {
        await TestPrinters.Announce(Client, "flow-p6", "FLOW-PC");
        var order = await Place("FLOW-ASA", quantity: 1);
        var jobId = order.Items[0].Jobs[0].JobId;
        // Dispatchers plan as a job or a printer arrives. The job waits in its pool's queue, whose
        // dispatcher knows no printer for it; the printer offered itself to its own pool only, whose
        // dispatcher has no job for it. Both have decided: nothing to assign.
        var asa = await Eventually.Get(() => Dispatcher("FLOW-ASA").GetQueue(100), v => v.Next.Any(t => t.JobId == jobId), Patience, "the job in its pool's queue");
        Assert.DoesNotContain("flow-p6", asa.IdlePrinterIds);
        await Eventually.Get(() => Dispatcher("FLOW-PC").GetQueue(100), v => v.IdlePrinterIds.Contains("flow-p6"), Patience, "the printer idle in its own pool");
        Assert.Empty(FarmClusterFixture.Commands.To("flow-p6"));
        var view = await Client.GetGrain<IOrderGrain>(order.Reference).Get();
        Assert.Equal(JobStatus.Queued, view!.Items[0].Jobs[0].Status);
    }

    [Fact]
    public async Task A_stored_order_is_accepted_even_when_its_jobs_cannot_be_created_yet()
    {
        var reference = OrderReference.New();
        var jobId = PrintJobSpec.IdFor(reference, 0, 1);
        OutOfReach.Cut(jobId); // the silo the job would live on just died

        var placed = await Client.GetGrain<IOrderGrain>(reference).Place(OrderSamples.Valid(quantity: 1, material: "FLOW-LATE"));
        Assert.Equal(OrderStatus.Received, placed.Status);
        Assert.Null(await Client.GetGrain<IPrintJobGrain>(jobId).Get());

        OutOfReach.Restore(jobId);
        var queued = await WaitForStatus(reference, OrderStatus.Queued);
        Assert.Equal(JobStatus.Queued, (await Client.GetGrain<IPrintJobGrain>(jobId).Get())!.Status);
        Assert.Equal([OrderStatus.Received, OrderStatus.Queued], queued!.Timeline.Select(t => t.Status));
    }

    [Fact]
    public async Task The_job_board_catches_up_with_what_it_missed_while_its_silo_was_down()
    {
        var printer = await TestPrinters.Announce(Client, "flow-p13", "FLOW-BOARD");
        var order = await Place("FLOW-BOARD", quantity: 1);
        var start = await NextStart("flow-p13", 1);
        var board = Client.GetGrain<PrintFarm.Jobs.IJobBoardGrain>(PrintFarm.Jobs.IJobBoardGrain.Key);
        JobStatus? OnBoard(List<JobSnapshot> jobs) => jobs.SingleOrDefault(j => j.JobId == start.JobId)?.Status;
        await Eventually.Get(() => board.List(null, 10_000), l => OnBoard(l) == JobStatus.Assigned, Patience, "the job on the board");

        // The board's silo is down while the job starts: the report is lost. The job reports to the
        // board one-way, so the refusal may come after the start has been answered.
        OutOfReach.Cut("jobboard/farm");
        await Report(printer, PrinterEventType.JobStarted, start.JobId);
        await Eventually.Get(() => Task.FromResult(OutOfReach.RefusedFor("jobboard/farm")), n => n >= 1, Patience, "the board to miss the report");
        OutOfReach.Restore("jobboard/farm");
        Assert.Equal(JobStatus.Assigned, OnBoard(await board.List(null, 10_000)));

        // Back on another silo, from what it last stored: it asks its open jobs.
        await board.Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        await Eventually.Get(() => board.List(null, 10_000), l => OnBoard(l) == JobStatus.Printing, Patience, "the board to ask the job");

        // Down again as the job ends: how it ended reaches the board once the board is back.
        OutOfReach.Cut("jobboard/farm");
        await Report(printer, PrinterEventType.JobFinished, start.JobId);
        await WaitForStatus(order.Reference, OrderStatus.ReadyToShip);
        Assert.NotEqual(JobStatus.Done, OnBoard(await board.List(null, 10_000)));
        OutOfReach.Restore("jobboard/farm");
        await Eventually.Get(() => board.List(null, 10_000), l => OnBoard(l) == JobStatus.Done, Patience, "the job's end on the board");
    }

    [Fact]
    public async Task An_old_report_never_replaces_a_newer_one_on_the_job_board()
    {
        var board = Client.GetGrain<PrintFarm.Jobs.IJobBoardGrain>(PrintFarm.Jobs.IJobBoardGrain.Key);
        var newer = new JobSnapshot
        {
            JobId = "PF-BOARDTEST-1-1", OrderReference = "PF-BOARDTEST", ItemIndex = 0, Copy = 1, Design = "d", Material = "FLOW-NONE",
            Status = JobStatus.Printing, Attempt = 1, StatusSince = DateTimeOffset.UtcNow, EstimatedPrintSeconds = 20, Sequence = 5,
        };
        await board.Report(newer);
        await board.Report(newer with { Status = JobStatus.Queued, Sequence = 4 });
        var listed = await Eventually.Get(() => board.List(null, 10_000), l => l.Any(j => j.JobId == newer.JobId), Patience, "the report");
        Assert.Equal((JobStatus.Printing, 5), (listed.Single(j => j.JobId == newer.JobId).Status, listed.Single(j => j.JobId == newer.JobId).Sequence));
    }

    [Fact]
    public async Task An_order_with_a_reference_in_use_is_refused()
    {
        var order = await Place("FLOW-DUP", quantity: 1);
        await Assert.ThrowsAsync<DuplicateOrderException>(() =>
            Client.GetGrain<IOrderGrain>(order.Reference).Place(OrderSamples.Valid()));
        var invalid = OrderSamples.Valid() with { Items = [] };
        await Assert.ThrowsAsync<InvalidOrderException>(() => Client.GetGrain<IOrderGrain>(OrderReference.New()).Place(invalid));
    }

    [Fact]
    public async Task A_print_stopped_at_the_printer_is_printed_again_on_the_same_attempt_and_the_printer_is_not_blamed()
    {
        var printer = await TestPrinters.Announce(Client, "flow-stop", "FLOW-STOP");
        var order = await Place("FLOW-STOP", quantity: 1);
        var first = await NextStart("flow-stop", 1);
        await Report(printer, PrinterEventType.JobStarted, first.JobId);
        await Report(printer, PrinterEventType.JobCancelled, first.JobId, "cancelled");

        // Back in the queue, offered to the printer again, and printed.
        var again = await NextStart("flow-stop", 2);
        Assert.Equal(first.JobId, again.JobId);
        var job = await Client.GetGrain<IPrintJobGrain>(first.JobId).Get();
        Assert.Equal(1, job!.Attempt);
        var seen = await Eventually.Get(() => Client.GetGrain<IOrderGrain>(order.Reference).Get(),
            o => o!.Items[0].Problem is not null, Patience, "the customer to read why the part is printed again");
        Assert.Equal("reprinting: the print was stopped at the printer", seen!.Items[0].Problem);
        Assert.DoesNotContain(seen.Timeline, t => t.Note?.Contains("failed", StringComparison.Ordinal) == true);
        await Report(printer, PrinterEventType.JobStarted, again.JobId);
        await Report(printer, PrinterEventType.JobFinished, again.JobId);
        await WaitForStatus(order.Reference, OrderStatus.ReadyToShip);
        var summary = await printer.Get();
        Assert.Equal((1, 0, 1), (summary!.JobsPrinted, summary.JobsFailed, summary.JobsCancelled));
    }

    [Fact]
    public async Task A_printer_that_never_announced_itself_is_not_created_and_its_finish_counts_for_nothing()
    {
        var ghost = Client.GetGrain<IPrinterGrain>("flow-ghost");
        await ghost.Telemetry(new PrinterTelemetry { Activity = PrinterActivity.Printing, JobId = "no-such-job", Progress = 50, ReceivedAt = DateTimeOffset.UtcNow });
        await Report(ghost, PrinterEventType.JobFinished, "no-such-job");
        Assert.Null(await ghost.Get());
        Assert.Null(await Client.GetGrain<IPrintJobGrain>("no-such-job").Get());

        // An announced printer's finish for a job it does not hold counts for nothing either.
        var printer = await TestPrinters.Announce(Client, "flow-phantom", "FLOW-PHANTOM");
        await Report(printer, PrinterEventType.JobFinished, "never-given-job");
        var summary = await printer.Get();
        Assert.Equal((0, 0, 0), (summary!.JobsPrinted, summary.JobsFailed, summary.JobsCancelled));
        Assert.DoesNotContain(await Client.GetGrain<IFleetGrain>(IFleetGrain.Key).List(), p => p.PrinterId == "flow-ghost");
    }
}
