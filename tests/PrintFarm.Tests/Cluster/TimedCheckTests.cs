using PrintFarm.Dispatch;
using PrintFarm.Jobs;
using PrintFarm.Orders;
using PrintFarm.Printers;
using PrintFarm.Protocol;
using PrintFarm.Tests.Orders;

namespace PrintFarm.Tests.Cluster;

/// <summary>
/// What the farm does, and must not do, on its own timers (a queued job's requeue check, an
/// assignment check, a printer's idle re-offer), on a clock the test moves: to see that nothing
/// happens, the test moves the clock past the moment it would have happened, then asks.
/// </summary>
/// <remarks>
/// A grain timer's tick is queued on its grain the moment <see cref="FakeClockClusterFixture.Clock"/>
/// passes its due time, and a grain handles one message at a time, so a call made after the clock
/// moved is answered after that tick (see <see cref="Heard"/>).
/// </remarks>
[Collection(FakeClockClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class TimedCheckTests(FakeClockClusterFixture farm)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly JobOptions Jobs = FakeClockClusterFixture.Jobs;
    private IClusterClient Client => farm.Client;

    private async Task<OrderView> Place(string material, int quantity) =>
        await Client.GetGrain<IOrderGrain>(OrderReference.New()).Place(OrderSamples.Valid(quantity: quantity, material: material));

    private async Task<List<string>> Queued() =>
        (await Client.GetGrain<IPoolsGrain>(IPoolsGrain.Key).Queue(1000)).Next.Select(t => t.JobId).ToList();

    private IDispatcherGrain Dispatcher(string material) => Client.GetGrain<IDispatcherGrain>(new PoolKey("FDM", material).Key);

    private static List<PrinterCommand> Starts(string printerId) =>
        FakeClockClusterFixture.Commands.To(printerId).Where(c => c.Type == PrinterCommandType.Start).ToList();

    private static Task<PrinterCommand> NextStart(string printerId, int nth) =>
        Eventually.Get(() => Task.FromResult(Starts(printerId).ElementAtOrDefault(nth - 1)),
            c => c is not null, Patience, $"start command #{nth} for {printerId}")!;

    private Task Report(IPrinterGrain printer, PrinterEventType type, string jobId, string? reason = null) =>
        printer.Event(new PrinterJobEvent { EventId = Guid.NewGuid().ToString("N"), Type = type, JobId = jobId, Reason = reason, ReceivedAt = farm.Now });

    /// <summary>
    /// Two round trips to the job after the clock moved. The first is answered after every tick the
    /// clock made due on the job (queued before the call). What such a tick sends its dispatcher
    /// goes from a timer due at once, queued on the job before the first answer; the second round
    /// trip is answered after that has been sent and heard (it is awaited).
    /// </summary>
    private async Task<JobSnapshot> Heard(string jobId)
    {
        var job = Client.GetGrain<IPrintJobGrain>(jobId);
        await job.Get();
        return (await job.Get())!;
    }

    [Fact]
    public async Task A_queued_job_whose_place_in_the_queue_was_lost_comes_back_by_itself_but_a_held_one_does_not()
    {
        var order = await Place("CLK-LOST", quantity: 2);
        var (lost, held) = (order.Items[0].Jobs[0].JobId, order.Items[0].Jobs[1].JobId);
        // Jobs enqueue themselves in the background, on a timer due at once: the clock need not move.
        await Eventually.Get(Queued, q => q.Contains(lost) && q.Contains(held), Patience, "both jobs in the queue");
        await Client.GetGrain<IPrintJobGrain>(held).Hold();
        await Dispatcher("CLK-LOST").Remove(lost); // as if the dispatcher's silo died before storing it
        await Heard(held); // the hold takes the job out of the queue in the background
        var queue = await Queued();
        Assert.DoesNotContain(lost, queue);
        Assert.DoesNotContain(held, queue);

        // Each requeue check (Jobs:RequeueCheck) brings the lost job back; the held one stays out, check after check.
        for (var check = 1; check <= 3; check++)
        {
            farm.Clock.Advance(Jobs.RequeueCheck);
            await Heard(lost);
            await Heard(held);
            queue = await Queued();
            Assert.Contains(lost, queue);
            Assert.DoesNotContain(held, queue);
        }
    }

    [Fact]
    public async Task A_job_that_keeps_failing_is_blocked_for_an_operator()
    {
        var printer = await TestPrinters.Announce(Client, "clk-p3", "CLK-ABS", farm.Now);
        var order = await Place("CLK-ABS", quantity: 1);
        for (var attempt = 1; attempt <= 2; attempt++) // Jobs:MaxAttempts = 2 on this cluster
        {
            var start = await NextStart("clk-p3", attempt);
            await Report(printer, PrinterEventType.JobStarted, start.JobId);
            await Report(printer, PrinterEventType.JobFailed, start.JobId, "spaghetti detected");
        }
        var blocked = await Eventually.Get(() => Client.GetGrain<IOrderGrain>(order.Reference).Get(),
            o => o!.Items[0].Status == ItemStatus.Blocked, Patience, "the item to be blocked");
        Assert.Equal(OrderStatus.Queued, blocked!.Status);
        Assert.Contains("waiting for an operator", blocked.Items[0].Problem);
        var jobId = blocked.Items[0].Jobs[0].JobId;

        // Free again, the printer offers itself to its pool, whose dispatcher plans as it hears of
        // it: listed idle, it was given nothing.
        var dispatcher = Dispatcher("CLK-ABS");
        await Eventually.Get(() => dispatcher.GetQueue(100), v => v.IdlePrinterIds.Contains("clk-p3"), Patience, "the printer idle in its pool");

        // Nothing starts the job again: not its own requeue checks, nor the printer's re-offers,
        // however long it waits for an operator. The printer keeps reporting idle meanwhile.
        for (var check = 1; check <= 3; check++)
        {
            await printer.Telemetry(new PrinterTelemetry { Activity = PrinterActivity.Idle, ReceivedAt = farm.Now });
            farm.Clock.Advance(FakeClockClusterFixture.PrinterWatch); // past the job's requeue check and the printer's re-offer
            Assert.Equal(JobStatus.Blocked, (await Heard(jobId)).Status);
            await printer.Get(); // answered after its re-offer (one-way, sent before this answer)
            var pool = await dispatcher.GetQueue(100);
            Assert.DoesNotContain(pool.Next, t => t.JobId == jobId);
            Assert.Contains("clk-p3", pool.IdlePrinterIds); // still idle: nothing was assigned to it
            Assert.Equal(2, Starts("clk-p3").Count);
        }
    }

    [Fact]
    public async Task An_assignment_whose_start_never_reached_the_printer_goes_back_to_the_queue()
    {
        var printer = await TestPrinters.Announce(Client, "clk-p14", "CLK-SILENT", farm.Now);
        OutOfReachOnFakeClock.Cut("clk-p14"); // the printer's silo dies as the job is handed to it
        var order = await Place("CLK-SILENT", quantity: 1);
        var jobId = order.Items[0].Jobs[0].JobId;
        await Eventually.Get(() => Client.GetGrain<IPrintJobGrain>(jobId).Get(), j => j?.Status == JobStatus.Assigned, Patience, "the assignment");

        // Nobody guesses while the printer is away: each assignment check (Jobs:AssignmentCheck)
        // asks the printer, cannot reach it, and leaves the job as it is until the next one.
        for (var check = 1; check <= 3; check++)
        {
            farm.Clock.Advance(Jobs.AssignmentCheck);
            Assert.Equal(JobStatus.Assigned, (await Heard(jobId)).Status);
            Assert.Empty(FakeClockClusterFixture.Commands.To("clk-p14"));
        }

        // Back: the next check hears the printer does not hold the job, which goes back to the
        // queue on the same attempt, and to the printer when it offers itself again.
        OutOfReachOnFakeClock.Restore("clk-p14");
        var start = await farm.AdvanceUntil(Jobs.AssignmentCheck, () => Task.FromResult(Starts("clk-p14").FirstOrDefault()),
            s => s is not null, "the job to go to the printer again");
        Assert.Equal(jobId, start!.JobId);
        Assert.Equal(1, (await Client.GetGrain<IPrintJobGrain>(jobId).Get())!.Attempt);
        Assert.Equal(start.JobId, (await printer.Get())!.CurrentJobId);
    }

    [Fact]
    public async Task An_assignment_its_job_never_heard_is_caught_when_the_printer_offers_itself_again()
    {
        var order = await Place("CLK-UNHEARD", quantity: 1);
        var jobId = order.Items[0].Jobs[0].JobId;
        await Eventually.Get(Queued, q => q.Contains(jobId), Patience, "the job in the queue");
        // The job's silo dies as the dispatcher sends it a printer: the one-way assignment is
        // dropped, and the activation goes with its timers (its requeue check among them).
        OutOfReachOnFakeClock.Cut(jobId);
        var printer = await TestPrinters.Announce(Client, "clk-p21", "CLK-UNHEARD", farm.Now);
        await Eventually.Get(Queued, q => !q.Contains(jobId), Patience, "the job taken out of the queue for the printer");
        await Eventually.Get(() => Task.FromResult(OutOfReachOnFakeClock.RefusedFor(jobId)), n => n >= 1, Patience, "the assignment to be dropped");
        OutOfReachOnFakeClock.Restore(jobId);
        // Nothing may call the job from here on but the farm: a call would activate it again.
        await Client.GetGrain<IPrintJobGrain>(jobId).AsReference<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        Assert.Empty(Starts("clk-p21"));
        Assert.DoesNotContain(jobId, await Queued());

        // Still idle, the printer offers itself again on its next watch; its assignment is older
        // than Dispatch:AssignmentAnswerWithin, so the dispatcher wakes the job, which queues itself
        // again and is given the printer. The clock then stands still: the printer, silent, would
        // go offline, and the job's keep-alive reminder runs on the wall clock, minutes away.
        farm.Clock.Advance(FakeClockClusterFixture.PrinterWatch);
        var start = await NextStart("clk-p21", 1);
        Assert.Equal(jobId, start.JobId);
        Assert.Equal(1, (await Client.GetGrain<IPrintJobGrain>(jobId).Get())!.Attempt);
        Assert.Equal(jobId, (await printer.Get())!.CurrentJobId);
    }
}
