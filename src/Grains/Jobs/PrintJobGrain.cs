using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Dispatch;
using PrintFarm.Orders;
using PrintFarm.Printers;

namespace PrintFarm.Jobs;

/// <summary>
/// A thin shell over <see cref="PrintJob"/>: persists every transition, tells the order and the
/// job board, and drives the timed finishing steps.
/// </summary>
public sealed partial class PrintJobGrain(
    [PersistentState("job", FarmStorage.Name)] IPersistentState<PrintJobState> state,
    IOptions<JobOptions> options,
    TimeProvider clock,
    ILogger<PrintJobGrain> logger) : Grain, IPrintJobGrain, IRemindable, PrintFarm.Storage.IStoresBeforeAnswering
{
    /// <summary>The reminder an open job holds so that it outlives the silo it lives on.</summary>
    internal const string KeepAliveReminder = "keep-alive";

    /// <summary>Live progress reaches the order at most this often; transitions always do.</summary>
    private static readonly TimeSpan ProgressPushInterval = TimeSpan.FromSeconds(2);

    /// <summary>A projected start that moves less than this is not worth telling the order.</summary>
    private static readonly TimeSpan ProjectionPushThreshold = TimeSpan.FromMinutes(5);

    /// <summary>How many unacknowledged transitions a job keeps for its order (the newest win).</summary>
    private const int UntoldKept = 20;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    private readonly JobOptions _options = options.Value;
    private IGrainTimer? _finishingTimer;
    private DateTimeOffset _lastProgressPush;
    private IGrainReminder? _keepAlive;
    private IGrainTimer? _deliveryTimer;
    private IGrainTimer? _assignmentCheck;
    private TimeSpan _retryAfter = FirstRetry;

    private PrintJob Job => new(state.State, _options.MaxAttempts);
    private DateTimeOffset Now => clock.GetUtcNow();
    private string JobId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleFinishing();
        // While it waits, a queued job reminds the dispatcher now and then (enqueueing is
        // idempotent), so a place in the queue lost with a crashed silo comes back by itself.
        this.RegisterGrainTimer(RemindDispatcher, new GrainTimerCreationOptions
        {
            DueTime = _options.RequeueCheck,
            Period = _options.RequeueCheck,
        });
        if (Job.NeedsKeepAlive) await KeepAlive(lookUpFirst: true);
        FollowAssignment();
        // News the order did not acknowledge before the last silo went down: send it soon, not
        // from inside activation (the order may be the one waking this job).
        if (Job.NextUntold is not null) RetryDelivery(TimeSpan.Zero);
    }

    /// <summary>
    /// The reminder's tick: being active again is the point (activation restarted the timers).
    /// A queued job also reminds the dispatcher; a job that has ended and been heard lets its
    /// reminder go.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != KeepAliveReminder) return;
        if (!Job.NeedsKeepAlive)
        {
            _keepAlive ??= await this.GetReminder(KeepAliveReminder);
            await LetGo();
            return;
        }
        if (Job.NextUntold is not null) await TellOrder();
        if (Job.IsWaitingInQueue) await Enqueue(refusedBy: null);
    }

    private Task RemindDispatcher(CancellationToken cancellationToken) =>
        Job.Exists && Job.IsWaitingInQueue ? Enqueue(refusedBy: null) : Task.CompletedTask;

    public async Task Create(PrintJobSpec spec)
    {
        if (spec.JobId != JobId) throw new ArgumentException($"Spec for {spec.JobId} sent to job {JobId}.", nameof(spec));
        if (Job.Create(spec, Now))
        {
            Job.Stamp();
            await state.WriteStateAsync();
            await KeepAlive(lookUpFirst: false);
            LogCreated(spec.JobId, spec.OrderReference, spec.Design, spec.Material);
            ReportToBoard();
        }
        if (Job.IsWaitingInQueue) await Enqueue(refusedBy: null);
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
        var accepted = await GrainFactory.GetGrain<IPrinterGrain>(printerId).StartJob(Assignment());
        if (accepted) return;

        if (Job.AssignmentRefused(printerId, Now))
        {
            LogRefused(JobId, printerId);
            await Persist();
            await Enqueue(refusedBy: printerId);
        }
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
        if (!Job.ReportProgress(printerId, progress, remainingSeconds)) return;
        if (Now - _lastProgressPush < ProgressPushInterval) return;
        _lastProgressPush = Now;
        await TellProgress();
    }

    public async Task Printed(string printerId)
    {
        if (!Job.Printed(printerId, Now)) return;
        LogPrinted(JobId, printerId);
        // Only a print we saw start and end teaches anything about real print times.
        if (Job.CurrentAttempt is { StartedAt: { } started, EndedAt: { } ended } && ended > started)
        {
            var spec = state.State.Spec!;
            GrainFactory.GetGrain<Estimates.IPrintTimeGrain>(Estimates.IPrintTimeGrain.Key)
                .Learn(state.State.PrinterModel, spec.Material, spec.EstimatedPrintSeconds, (ended - started).TotalSeconds).Ignore();
        }
        await Persist();
        ScheduleFinishing();
    }

    public async Task Failed(string printerId, string reason)
    {
        if (!Job.Failed(printerId, reason, Now)) return;
        LogFailed(JobId, printerId, reason, state.State.Attempt, state.State.Status);
        await Persist();
        if (Job.IsWaitingInQueue) await Enqueue(refusedBy: null);
    }

    public async Task Lost(string printerId)
    {
        var started = state.State.Status != JobStatus.Assigned;
        if (!Job.Lost(printerId, Now)) return;
        LogLost(JobId, printerId, started, state.State.Attempt, state.State.Status);
        await Persist();
        if (Job.IsWaitingInQueue) await Enqueue(refusedBy: null);
    }

    /// <summary>Watches an assignment until the printer starts the job (see <see cref="JobOptions.AssignmentCheck"/>).</summary>
    private void FollowAssignment()
    {
        _assignmentCheck?.Dispose();
        _assignmentCheck = null;
        if (!Job.Exists || state.State.Status != JobStatus.Assigned) return;
        _assignmentCheck = this.RegisterGrainTimer(CheckAssignment, new GrainTimerCreationOptions
        {
            DueTime = _options.AssignmentCheck,
            Period = _options.AssignmentCheck,
        });
    }

    private async Task CheckAssignment(CancellationToken cancellationToken)
    {
        if (state.State is not { Status: JobStatus.Assigned, PrinterId: { } printerId })
        {
            FollowAssignment();
            return;
        }
        bool holds;
        try
        {
            holds = await GrainFactory.GetGrain<IPrinterGrain>(printerId).Holds(JobId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogAssignmentUnchecked(JobId, printerId, e.Message);
            return; // asked again next period
        }
        if (holds) return;
        await Lost(printerId);
        FollowAssignment();
    }

    public async Task Wake()
    {
        if (Job.IsWaitingInQueue) await Enqueue(refusedBy: null);
    }

    public async Task<JobSnapshot> CompletePostProcessing()
    {
        if (!Job.PostProcessingDone(Now)) throw new JobCommandException($"Job {JobId} is {state.State.Status}, not in post-processing.");
        LogFinishing(JobId, state.State.Status);
        await Persist();
        ScheduleFinishing();
        return state.State.Snapshot();
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
        if (Job.IsWaitingInQueue) await Enqueue(refusedBy: null);
        return state.State.Snapshot();
    }

    public async Task<JobSnapshot?> Hold()
    {
        if (!Job.Hold()) return Job.Exists ? state.State.Snapshot() : null;
        Job.Stamp();
        await state.WriteStateAsync();
        await FollowOpenness();
        await Dispatcher.Remove(JobId);
        ReportToBoard();
        return state.State.Snapshot();
    }

    public async Task<JobSnapshot?> Release()
    {
        if (!Job.Release()) return Job.Exists ? state.State.Snapshot() : null;
        Job.Stamp();
        await state.WriteStateAsync();
        await FollowOpenness();
        if (Job.IsWaitingInQueue) await Enqueue(refusedBy: null);
        ReportToBoard();
        return state.State.Snapshot();
    }

    public async Task<JobSnapshot?> Cancel()
    {
        if (!Job.Cancel(Now)) return null;
        Job.Stamp();
        await state.WriteStateAsync();
        await FollowOpenness();
        await Dispatcher.Remove(JobId);
        LogCancelled(JobId);
        ReportToBoard();
        return state.State.Snapshot();
    }

    public async Task Projected(DateTimeOffset? start)
    {
        var before = state.State.ProjectedStart;
        if (!Job.Projected(start)) return;
        // In memory only: the dispatcher projects again after a restart. The order hears of it
        // when the expected start moved enough to matter to a delivery date.
        var moved = before is null || start is null || (start.Value - before.Value).Duration() >= ProjectionPushThreshold;
        if (moved) await TellProgress();
    }

    public Task<JobSnapshot?> Get() =>
        Task.FromResult(Job.Exists ? state.State.Snapshot() : null);

    private PrintJobAssignment Assignment()
    {
        var spec = state.State.Spec!;
        return new PrintJobAssignment(spec.JobId, spec.Design, spec.Material, spec.EstimatedPrintSeconds, state.State.Attempt);
    }

    private IDispatcherGrain Dispatcher => GrainFactory.GetGrain<IDispatcherGrain>(IDispatcherGrain.FarmPool);

    private Task Enqueue(string? refusedBy) =>
        Dispatcher.Enqueue(JobTicket.For(state.State.Spec!, state.State.Attempt), refusedBy);

    /// <summary>
    /// Post-processing and QC take their configured time. The due time counts from when the step
    /// began, so a job woken after a restart finishes on schedule rather than starting over.
    /// </summary>
    private void ScheduleFinishing()
    {
        _finishingTimer?.Dispose();
        _finishingTimer = null;
        var step = state.State.Status switch
        {
            JobStatus.PostProcessing when _options.PostProcessingMode == FinishingMode.Automatic => _options.PostProcessingFor(state.State.Spec!.Material),
            JobStatus.QualityCheck when _options.QualityCheckMode == FinishingMode.Automatic => _options.QualityCheck,
            _ => (TimeSpan?)null, // waits for an operator, or nothing to finish
        };
        if (step is null) return;
        var due = (state.State.StatusSince ?? Now) + step.Value - Now;
        _finishingTimer = this.RegisterGrainTimer(FinishStep, new GrainTimerCreationOptions
        {
            DueTime = due < TimeSpan.Zero ? TimeSpan.Zero : due,
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = true,
        });
    }

    private async Task FinishStep(CancellationToken cancellationToken)
    {
        var done = state.State.Status == JobStatus.PostProcessing ? Job.PostProcessingDone(Now) : Job.QualityCheckPassed(Now);
        if (!done) return;
        LogFinishing(JobId, state.State.Status);
        await Persist();
        ScheduleFinishing();
    }

    /// <summary>
    /// Stores a transition together with the news for the order, then tells the order. The
    /// order may be out of reach (its silo just died): the news stays queued and is sent again
    /// until the order has it, so an order never stays behind its jobs.
    /// </summary>
    private async Task Persist()
    {
        Job.Stamp();
        Job.QueueForOrder(UntoldKept);
        await state.WriteStateAsync();
        await FollowOpenness();
        ReportToBoard();
        await TellOrder();
    }

    /// <summary>Holds the keep-alive reminder while the job is open, or has news its order lacks.</summary>
    private Task FollowOpenness() => Job.NeedsKeepAlive ? KeepAlive(lookUpFirst: false) : LetGo();

    private async Task KeepAlive(bool lookUpFirst)
    {
        if (_keepAlive is not null) return;
        try
        {
            // On activation the reminder usually exists already: look before writing.
            if (lookUpFirst) _keepAlive = await this.GetReminder(KeepAliveReminder);
            _keepAlive ??= await this.RegisterOrUpdateReminder(KeepAliveReminder, _options.KeepAlive, _options.KeepAlive);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not fatal: the job works on; the next transition or activation tries again.
            LogKeepAliveFailed(JobId, e.Message);
        }
    }

    private async Task LetGo()
    {
        if (_keepAlive is null) return;
        try
        {
            await this.UnregisterReminder(_keepAlive);
            _keepAlive = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The reminder ticks again later and that tick lets it go.
            LogKeepAliveFailed(JobId, e.Message);
        }
    }

    private IOrderGrain OrderGrain => GrainFactory.GetGrain<IOrderGrain>(state.State.Spec!.OrderReference);

    /// <summary>
    /// Sends the queued transitions in order, each waited for (how the job ended goes to the job
    /// board too). Once a job that has ended is fully heard, the emptied queue is stored and the
    /// keep-alive reminder let go.
    /// </summary>
    private async Task TellOrder()
    {
        _deliveryTimer?.Dispose();
        _deliveryTimer = null;
        var told = false;
        while (Job.NextUntold is { } next)
        {
            try
            {
                await OrderGrain.JobChanged(next);
                // The board's one report that must not be lost: a job that ended never reports again.
                if (!PrintJob.IsOpenStatus(next.Status)) await GrainFactory.GetGrain<IJobBoardGrain>(IJobBoardGrain.Key).Settle(next);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogOrderUnreachable(JobId, next.OrderReference, next.Status, _retryAfter, e.Message);
                RetryDelivery(_retryAfter);
                _retryAfter = TimeSpan.FromTicks(Math.Min(_retryAfter.Ticks * 2, LastRetry.Ticks));
                return;
            }
            Job.Told(next);
            told = true;
        }
        _retryAfter = FirstRetry;
        if (told && !Job.IsOpen)
        {
            try
            {
                await state.WriteStateAsync();
                await FollowOpenness();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The stored queue still holds the last news: the reminder sends it again (the
                // order ignores a repeat) and tries this write once more.
                LogKeepAliveFailed(JobId, e.Message);
            }
        }
    }

    private void RetryDelivery(TimeSpan after)
    {
        _deliveryTimer?.Dispose();
        _deliveryTimer = this.RegisterGrainTimer(_ => TellOrder(), new GrainTimerCreationOptions
        {
            DueTime = after,
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = true,
        });
    }

    /// <summary>
    /// Live figures (progress, projected start) between transitions: worth nothing once stale,
    /// so they are neither stored nor retried, and held back while transitions wait to be told.
    /// </summary>
    private async Task TellProgress()
    {
        var snapshot = state.State.Snapshot();
        GrainFactory.GetGrain<IJobBoardGrain>(IJobBoardGrain.Key).Report(snapshot).Ignore();
        if (Job.NextUntold is not null) return;
        try
        {
            await OrderGrain.JobChanged(snapshot);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogProgressNotTold(JobId, snapshot.OrderReference, e.Message);
        }
    }

    private void ReportToBoard() =>
        GrainFactory.GetGrain<IJobBoardGrain>(IJobBoardGrain.Key).Report(state.State.Snapshot()).Ignore();

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} created for order {OrderReference}: {Design} in {Material}")]
    private partial void LogCreated(string jobId, string orderReference, string design, string material);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} ignored an assignment to {PrinterId}: it is {Status}")]
    private partial void LogStaleAssignment(string jobId, string printerId, JobStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId} refused job {JobId}; back in the queue")]
    private partial void LogRefused(string jobId, string printerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} printed on {PrinterId}")]
    private partial void LogPrinted(string jobId, string printerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} failed on {PrinterId}: {Reason}; now attempt {Attempt}, {Status}")]
    private partial void LogFailed(string jobId, string printerId, string reason, int attempt, JobStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: printer {PrinterId} no longer has it (it had started: {Started}); now attempt {Attempt}, {Status}")]
    private partial void LogLost(string jobId, string printerId, bool started, int attempt, JobStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} could not ask printer {PrinterId} whether it holds it (asked again later): {Error}")]
    private partial void LogAssignmentUnchecked(string jobId, string printerId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} quality check passed={Passed} {Reason}: now {Status}")]
    private partial void LogQualityCheck(string jobId, bool passed, string? reason, JobStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} cancelled")]
    private partial void LogCancelled(string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} could not update its keep-alive reminder (tried again later): {Error}")]
    private partial void LogKeepAliveFailed(string jobId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} could not tell order {OrderReference} (and, once it ended, the job board) it is {Status}; trying again in {RetryAfter}: {Error}")]
    private partial void LogOrderUnreachable(string jobId, string orderReference, JobStatus status, TimeSpan retryAfter, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} progress not told to order {OrderReference}: {Error}")]
    private partial void LogProgressNotTold(string jobId, string orderReference, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} finishing step done: now {Status}")]
    private partial void LogFinishing(string jobId, JobStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} stalled: printer {PrinterId} stopped reporting")]
    private partial void LogStalled(string jobId, string printerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} printing again: printer {PrinterId} is back")]
    private partial void LogUnstalled(string jobId, string printerId);
}
