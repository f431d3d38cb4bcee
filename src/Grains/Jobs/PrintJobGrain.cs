using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Delivery;
using PrintFarm.Estimates;
using PrintFarm.Printers;

namespace PrintFarm.Jobs;

/// <summary>
/// A thin shell over <see cref="PrintJob"/>: stores every transition with the news for the order,
/// carries that news until the order has it, keeps its place in its pool's queue, and runs the
/// timed finishing steps. Nothing a caller waits on here waits on a farm-wide grain.
/// </summary>
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class PrintJobGrain(
    [PersistentState("job", FarmStorage.Name)] IPersistentState<PrintJobState> state,
    IOptions<JobOptions> options,
    IOptions<DeliveryOptions> delivery,
    TimeProvider clock,
    ILogger<PrintJobGrain> logger) : Grain, IPrintJobGrain, IRemindable, PrintFarm.Storage.IStoresBeforeAnswering
{
    /// <summary>The reminder an open job holds so that it outlives the silo it lives on.</summary>
    internal const string KeepAliveReminder = "keep-alive";

    private readonly JobOptions _options = options.Value;
    private ReminderHold _keepAlive = null!;
    private JobNews _news = null!;
    private QueuePlace _queue = null!;
    private TimerSlot _finishing = null!, _assignmentCheck = null!;

    private PrintJob Job => new(state.State, _options.MaxAttempts);
    private DateTimeOffset Now => clock.GetUtcNow();
    private string JobId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _keepAlive = new ReminderHold(this, KeepAliveReminder, _options.KeepAlive, logger);
        _news = new JobNews(this, GrainFactory, () => Job, StoreHeard, delivery.Value, logger);
        _queue = new QueuePlace(this, GrainFactory, () => Job, delivery.Value, logger);
        (_finishing, _assignmentCheck) = (new TimerSlot(this), new TimerSlot(this));
        // A queued job reminds its dispatcher now and then (enqueueing is idempotent), so a
        // place in the queue lost with a crashed silo comes back by itself.
        new TimerSlot(this).Set(_ => { _queue.Remind(); return Task.CompletedTask; }, _options.RequeueCheck, _options.RequeueCheck);
        ScheduleFinishing();
        FollowAssignment();
        if (Job.KeepAliveEvery(_options) is { } every) await _keepAlive.Hold(every, lookUpFirst: true);
        _news.DeliverSoon(); // what the order had not heard when the last silo went down
    }

    /// <summary>The keep-alive tick: being active again is the point (activation restarted the timers).</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != KeepAliveReminder) return;
        if (!Job.NeedsKeepAlive)
        {
            await _keepAlive.LetGo();
            return;
        }
        await _news.Deliver();
        _queue.Remind();
    }

    public async Task Create(PrintJobSpec spec)
    {
        if (spec.JobId != JobId) throw new ArgumentException($"Spec for {spec.JobId} sent to job {JobId}.", nameof(spec));
        if (Job.Create(spec, Now))
        {
            Job.Stamp(); // the order builds its own first view: no news to send
            await state.WriteStateAsync();
            await _keepAlive.Follow(Job.KeepAliveEvery(_options));
            LogCreated(spec.JobId, spec.OrderReference, spec.Design, spec.Material);
            _news.ReportToBoard();
        }
        _queue.Remind();
    }

    public async Task Assign(string printerId)
    {
        if (!Job.Assign(printerId, Now))
        {
            LogStaleAssignment(JobId, printerId, state.State.Status);
            return;
        }
        await Persist();
        FollowAssignment();
        // If the printer's silo dies now, nobody knows whether it reserved the job: the
        // assignment check asks the printer later rather than guessing (a guess could print twice).
        var accepted = await GrainFactory.GetGrain<IPrinterGrain>(printerId).StartJob(Job.Assignment());
        if (accepted || !Job.AssignmentRefused(printerId, Now)) return;
        LogRefused(JobId, printerId);
        await Persist();
        _queue.Update(refusedBy: printerId);
    }

    public async Task StartRefused(string printerId)
    {
        if (!Job.AssignmentRefused(printerId, Now)) return;
        LogRefused(JobId, printerId);
        await Persist();
        FollowAssignment();
        _queue.Update(refusedBy: printerId);
    }

    public async Task Started(string printerId, string? printerModel)
    {
        if (Job.Started(printerId, printerModel, Now)) await Persist();
    }

    public async Task Stalled(string printerId)
    {
        if (!Job.Stall(printerId, Now)) return;
        LogStalled(JobId, printerId);
        await Persist();
    }

    public async Task Progress(string printerId, double progress, int? remainingSeconds)
    {
        // Progress from the printer it was stalled on: it is back and still printing.
        if (Job.Unstall(printerId, Now))
        {
            LogUnstalled(JobId, printerId);
            Job.ReportProgress(printerId, progress, remainingSeconds);
            await Persist();
            return;
        }
        // The printer sends progress only every Printers:ProgressReportEvery: no second throttle here.
        if (Job.ReportProgress(printerId, progress, remainingSeconds)) await _news.TellLiveFigures();
    }

    public async Task Printed(string printerId)
    {
        if (!Job.Printed(printerId, Now)) return;
        LogPrinted(JobId, printerId);
        if (Job.PrintTimeLesson() is { } lesson)
        {
            // One-way: what the farm learns reaches every silo's copy in the background.
            GrainFactory.GetGrain<IPrintTimeGrain>(IPrintTimeGrain.Key)
                .Learn(lesson.PrinterModel, lesson.Material, lesson.EstimatedSeconds, lesson.ActualSeconds).Ignore();
        }
        await Persist();
        ScheduleFinishing();
    }

    public Task Failed(string printerId, string reason) =>
        BackToQueueIf(Job.Failed(printerId, reason, Now), () => LogFailed(JobId, printerId, reason, state.State.Attempt, state.State.Status));

    public Task CancelledAtPrinter(string printerId) =>
        BackToQueueIf(Job.CancelledAtPrinter(printerId, Now), () => LogCancelledAtPrinter(JobId, printerId, state.State.Attempt));

    public Task Lost(string printerId)
    {
        var started = !Job.IsAssignedTo(printerId);
        return BackToQueueIf(Job.Lost(printerId, Now), () => LogLost(JobId, printerId, started, state.State.Attempt, state.State.Status));
    }

    public Task Wake()
    {
        _queue.Remind();
        return Task.CompletedTask;
    }

    public async Task<JobSnapshot> CompletePostProcessing()
    {
        if (!Job.PostProcessingDone(Now)) throw new JobCommandException($"Job {JobId} is {state.State.Status}, not in post-processing.");
        LogFinishing(JobId, state.State.Status);
        await Persist();
        ScheduleFinishing();
        return Job.Snapshot();
    }

    public async Task<JobSnapshot> QualityCheck(bool passed, string? reason)
    {
        var changed = passed
            ? Job.QualityCheckPassed(Now)
            : Job.QualityCheckFailed(string.IsNullOrWhiteSpace(reason) ? "did not pass inspection" : reason.Trim(), Now);
        if (!changed) throw new JobCommandException($"Job {JobId} is {state.State.Status}, not in quality check.");
        LogQualityCheck(JobId, passed, reason, state.State.Status);
        await Persist();
        ScheduleFinishing();
        _queue.Remind();
        return Job.Snapshot();
    }

    // The order calls Hold, Release and Cancel and updates its own view from the answer: they
    // store no news for it (it is waiting on them), and never call it back.

    public Task<JobSnapshot?> Hold() => OrderMove(Job.Hold);

    public Task<JobSnapshot?> Release() => OrderMove(Job.Release);

    public Task<JobSnapshot?> AttachSlicedFile(SlicedFile sliced) => OrderMove(() => Job.AttachSlicedFile(sliced));

    public async Task<JobSnapshot?> Cancel()
    {
        var snapshot = await OrderMove(() => Job.Cancel(Now));
        if (snapshot?.Status == JobStatus.Cancelled) LogCancelled(JobId);
        return snapshot?.Status == JobStatus.Cancelled ? snapshot : null;
    }

    /// <summary>The new priority reaches the dispatcher in the background, as any change of place in the queue does.</summary>
    public async Task<JobSnapshot?> Expedite()
    {
        if (!Job.Exists) return null;
        var queued = false;
        var snapshot = await OrderMove(() => queued = Job.Expedite()); // no news for the order: its stage did not move
        if (!queued) throw new JobCommandException($"Job {JobId} is {state.State.Status}: only a queued job can be moved to the front of the queue.");
        LogExpedited(JobId);
        return snapshot;
    }

    /// <summary>The order hears of it as of any move back to the queue: its item is no longer blocked.</summary>
    public async Task<JobSnapshot?> Retry()
    {
        if (!Job.Exists) return null;
        if (!Job.Retry(Now)) throw new JobCommandException($"Job {JobId} is {state.State.Status}: only a blocked job (its attempts used up) can be tried again.");
        await BackToQueueIf(true, () => LogRetried(JobId, state.State.Attempt));
        return Job.Snapshot();
    }

    public async Task Projected(DateTimeOffset? start)
    {
        // In memory only: the dispatcher projects again after a restart, and tells a job only
        // when its start moved by Dispatch:ProjectionThreshold.
        if (Job.Projected(start)) await _news.TellLiveFigures();
    }

    public Task<JobSnapshot?> Get() => Task.FromResult(Job.Exists ? Job.Snapshot() : null);

    /// <summary>A printer's news that may send the job back to the queue (as a new attempt, the same one, or blocked).</summary>
    private async Task BackToQueueIf(bool changed, Action log)
    {
        if (!changed) return;
        log();
        await Persist();
        _queue.Remind();
    }

    private async Task<JobSnapshot?> OrderMove(Func<bool> move)
    {
        if (!Job.Exists) return null;
        if (!move()) return Job.Snapshot();
        Job.Stamp();
        await state.WriteStateAsync();
        await _keepAlive.Follow(Job.KeepAliveEvery(_options));
        _queue.Update(refusedBy: null); // in or out of the queue, in the background
        _news.ReportToBoard();
        return Job.Snapshot();
    }

    /// <summary>
    /// Stores a transition together with the news for the order, then tells the order. The order
    /// may be out of reach (its silo just died): the news stays stored and goes again until the
    /// order has it, so an order never stays behind its jobs.
    /// </summary>
    private async Task Persist()
    {
        Job.Record(_options.NewsKept);
        await state.WriteStateAsync();
        await _keepAlive.Follow(Job.KeepAliveEvery(_options));
        _news.ReportToBoard();
        await _news.Deliver();
    }

    /// <summary>A job that ended and has been heard lets its keep-alive go: nothing more can happen to it.</summary>
    private async Task StoreHeard()
    {
        if (Job.IsOpen) return;
        await state.WriteStateAsync();
        await _keepAlive.Follow(Job.KeepAliveEvery(_options));
    }

    /// <summary>Post-processing and QC take their configured time, counted from when the step began.</summary>
    private void ScheduleFinishing()
    {
        if (Job.Exists && Job.FinishingDue(_options, Now) is { } due) _finishing.Set(FinishStep, due, keepAlive: true);
        else _finishing.Clear();
    }

    private async Task FinishStep(CancellationToken cancellationToken)
    {
        if (!Job.FinishStep(Now)) return;
        LogFinishing(JobId, state.State.Status);
        await Persist();
        ScheduleFinishing();
    }

    /// <summary>Watches an assignment until the printer starts the job (see <see cref="JobOptions.AssignmentCheck"/>).</summary>
    private void FollowAssignment()
    {
        if (state.State is { Status: JobStatus.Assigned, PrinterId: not null }) _assignmentCheck.Set(CheckAssignment, _options.AssignmentCheck, _options.AssignmentCheck);
        else _assignmentCheck.Clear();
    }

    private async Task CheckAssignment(CancellationToken cancellationToken)
    {
        if (state.State is not { Status: JobStatus.Assigned, PrinterId: { } printerId })
        {
            FollowAssignment();
            return;
        }
        try
        {
            if (await GrainFactory.GetGrain<IPrinterGrain>(printerId).Holds(JobId)) return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogAssignmentUnchecked(JobId, printerId, e.Message);
            return; // asked again next period
        }
        await Lost(printerId);
        FollowAssignment();
    }
}
