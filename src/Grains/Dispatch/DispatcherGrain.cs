using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Delivery;
using PrintFarm.Estimates;
using PrintFarm.Jobs;
using PrintFarm.Persistence;
using PrintFarm.Maintenance;

namespace PrintFarm.Dispatch;

/// <summary>
/// One pool's dispatcher (technology + material, see <see cref="PoolKey"/>): a thin shell over
/// <see cref="DispatchQueue"/> that stores the queue, sends out assignments, and keeps the
/// projected schedule from which queued jobs learn when they should start. Its assignments are
/// one-way: <see cref="UnansweredAssignments"/> finds those a job never heard. Learned print times
/// and maintenance windows come from this silo's copies, so it waits on no other grain.
/// </summary>
public sealed partial class DispatcherGrain(
    [PersistentState("dispatcher", FarmStorage.Name)] IPersistentState<DispatcherState> state,
    IOptions<DispatchOptions> options,
    IOptions<DeliveryOptions> delivery,
    IOptions<MaintenanceOptions> maintenanceOptions,
    PrintTimeCopy printTimes,
    MaintenanceCopy maintenance,
    TimeProvider clock,
    ILogger<DispatcherGrain> logger) : Grain, IDispatcherGrain
{
    private PoolKey _pool;
    private readonly List<string> _unregistered = [];
    private Courier<string> _register = null!;
    private readonly DispatchQueue _queue = new();
    private readonly UnansweredAssignments _unanswered = new(options.Value.AssignmentAnswerWithin);
    private readonly Dictionary<string, PrinterForecast> _fleet = [];
    private readonly Dictionary<string, DateTimeOffset?> _projected = [];
    private WriteBehindSchedule _saves = null!;
    private bool _reproject = true;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!PoolKey.TryParse(this.GetPrimaryKeyString(), out _pool))
            throw new InvalidOperationException($"'{this.GetPrimaryKeyString()}' is not a pool (technology/material).");
        foreach (var ticket in state.State.Queue.Where(t => t.Pool == _pool)) _queue.Enqueue(ticket);
        LogLoaded(_pool, _queue.Depth);
        // The queue view finds this pool through the register: told until heard, then again now and then.
        _register = new Courier<string>(this, () => new Outbox<string>(_unregistered), pool => GrainFactory.GetGrain<IPoolsGrain>(IPoolsGrain.Key).Known(pool),
            null, $"Pool {_pool}'s entry in the register", delivery.Value, logger);
        var retell = options.Value.PoolRegisterEvery;
        this.RegisterGrainTimer(_ => Register(), new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = retell });
        // The queue is stored behind its changes, in bounded batches: one whole-queue write per
        // enqueue made placing N jobs cost O(N²) bytes. A lost addition comes back when its job
        // re-enqueues itself; a lost removal only offers a job again, which it ignores unless
        // it is still queued.
        var saveEvery = options.Value.QueueSaveInterval;
        _saves = new WriteBehindSchedule(saveEvery);
        var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(100).Ticks, saveEvery.Ticks / 2));
        this.RegisterGrainTimer(SaveIfDue, new GrainTimerCreationOptions { DueTime = tick, Period = tick });
        var every = options.Value.ProjectionInterval;
        this.RegisterGrainTimer(Project, new GrainTimerCreationOptions { DueTime = every, Period = every });
        var replan = options.Value.HeldBackReplan;
        this.RegisterGrainTimer(ReplanHeldBack, new GrainTimerCreationOptions { DueTime = replan, Period = replan });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_saves.IsDirty) await Save();
    }

    public Task Enqueue(JobTicket ticket, string? refusedBy)
    {
        if (ticket.Pool != _pool)
        {
            LogWrongPool(ticket.JobId, ticket.Pool, _pool);
            return Task.CompletedTask;
        }
        if (refusedBy is not null) _queue.PrinterUnavailable(refusedBy);
        _unanswered.JobHeard(ticket.JobId);
        if (_queue.Enqueue(ticket))
        {
            LogQueued(ticket.JobId, ticket.Pool, ticket.Attempt, _queue.Depth);
            _saves.MarkDirty(clock.GetUtcNow());
        }
        Dispatch();
        return Task.CompletedTask;
    }

    public Task Remove(string jobId)
    {
        _unanswered.JobHeard(jobId);
        if (_queue.Remove(jobId))
        {
            _saves.MarkDirty(clock.GetUtcNow());
            _reproject = true;
            LogRemoved(jobId, _queue.Depth);
        }
        return Task.CompletedTask;
    }

    public Task PrinterAvailable(PrinterSlot slot)
    {
        if (_unanswered.PrinterFree(slot.PrinterId, clock.GetUtcNow()) is { } jobId)
        {
            // Woken on a live silo, the job queues itself again if it still waits; one that moved on ignores it.
            LogUnanswered(jobId, slot.PrinterId);
            GrainFactory.GetGrain<IPrintJobGrain>(jobId).Wake().Ignore();
        }
        _queue.PrinterAvailable(slot);
        Dispatch();
        return Task.CompletedTask;
    }

    public Task PrinterUnavailable(string printerId)
    {
        _unanswered.PrinterBusy(printerId);
        _queue.PrinterUnavailable(printerId);
        return Task.CompletedTask;
    }

    public Task Forecasts(List<PrinterForecast> forecasts)
    {
        foreach (var forecast in forecasts) _fleet[forecast.PrinterId] = forecast;
        _reproject |= forecasts.Count > 0;
        return Task.CompletedTask;
    }

    /// <summary>This silo's copy of the windows is fetched again now, so a change is in force when the caller hears back.</summary>
    public async Task ReloadMaintenance()
    {
        await maintenance.Refresh();
        Dispatch();
    }

    public Task<PoolQueueView> GetQueue(int take) => Task.FromResult(new PoolQueueView
    {
        Pool = _pool.Key,
        Depth = _queue.Depth,
        IdlePrinterIds = _queue.IdlePrinterIds.ToList(),
        Next = _queue.Jobs.Take(Math.Clamp(take, 0, 1000)).ToList(),
    });

    /// <summary>
    /// Works out the projected schedule and tells each queued job whose expected start moved
    /// enough to matter. The learned print times come from this silo's copy.
    /// </summary>
    private Task Project(CancellationToken cancellationToken)
    {
        if (!_reproject) return Task.CompletedTask;
        _reproject = false;
        var now = clock.GetUtcNow();
        var queued = _queue.Jobs.ToList();
        var projection = ScheduleProjector.Project(queued, _fleet.Values.ToList(), printTimes.Model().Model, now);
        var threshold = options.Value.ProjectionThreshold;
        foreach (var job in queued)
        {
            var start = projection.Find(job.JobId)?.Start;
            if (_projected.TryGetValue(job.JobId, out var before)
                && (before is null ? start is null : start is not null && (start.Value - before.Value).Duration() < threshold)) continue;
            _projected[job.JobId] = start;
            GrainFactory.GetGrain<IPrintJobGrain>(job.JobId).Projected(start).Ignore();
        }
        foreach (var gone in _projected.Keys.Where(id => !_queue.Contains(id)).ToList()) _projected.Remove(gone);
        return Task.CompletedTask;
    }

    private Task Register()
    {
        _unregistered.Clear();
        _unregistered.Add(_pool.Key);
        return _register.Deliver();
    }

    private Task ReplanHeldBack(CancellationToken cancellationToken)
    {
        if (_queue.HoldsPrintersBack) Dispatch();
        return Task.CompletedTask;
    }

    /// <summary>Null when no window is set, so a farm without maintenance windows plans as before.</summary>
    private MaintenanceFit? Fit()
    {
        var schedule = maintenance.Schedule;
        if (schedule.IsEmpty) return null;
        return new MaintenanceFit(schedule.At(clock.GetUtcNow()), printTimes.Model().Model,
            printerId => _fleet.GetValueOrDefault(printerId)?.Model, maintenanceOptions.Value.Margin);
    }

    private void Dispatch()
    {
        _reproject = true;
        var assignments = _queue.Plan(Fit());
        if (assignments.Count == 0) return;
        var now = clock.GetUtcNow();
        _saves.MarkDirty(now);
        foreach (var (job, printerId) in assignments)
        {
            LogAssigned(job.JobId, printerId);
            _unanswered.Sent(job.JobId, printerId, now);
            GrainFactory.GetGrain<IPrintJobGrain>(job.JobId).Assign(printerId).Ignore();
        }
    }

    private Task SaveIfDue(CancellationToken cancellationToken) =>
        _saves.IsDue(clock.GetUtcNow()) ? Save() : Task.CompletedTask;

    /// <summary>Kept dirty and tried again on failure; the jobs themselves are stored, so nothing is lost meanwhile.</summary>
    private Task Save() => _saves.WriteAsync(clock, () =>
    {
        state.State.Queue = _queue.Jobs.ToList();
        return state.WriteStateAsync();
    }, ex => LogSaveFailed(ex, _queue.Depth));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store the queue of {Depth} jobs; trying again")]
    private partial void LogSaveFailed(Exception ex, int depth);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatcher of {Pool} loaded {Depth} queued jobs")]
    private partial void LogLoaded(PoolKey pool, int depth);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} of pool {JobPool} sent to the dispatcher of {Pool}: ignored")]
    private partial void LogWrongPool(string jobId, PoolKey jobPool, PoolKey pool);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} queued in {Pool} (attempt {Attempt}); {Depth} waiting")]
    private partial void LogQueued(string jobId, PoolKey pool, int attempt, int depth);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} taken out of the queue; {Depth} waiting")]
    private partial void LogRemoved(string jobId, int depth);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId} offers itself again without job {JobId}, which it was given: the job is woken, and queues itself again if it still waits")]
    private partial void LogUnanswered(string jobId, string printerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} assigned to printer {PrinterId}")]
    private partial void LogAssigned(string jobId, string printerId);
}
