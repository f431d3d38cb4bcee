using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Jobs;
using PrintFarm.Persistence;

namespace PrintFarm.Jobs;

public sealed partial class JobBoardGrain(
    [PersistentState("jobboard", FarmStorage.Name)] IPersistentState<JobBoardState> state,
    IOptions<JobOptions> options,
    TimeProvider clock,
    ILogger<JobBoardGrain> logger) : Grain, IJobBoardGrain
{

    /// <summary>Finished jobs stay on the board this long (Jobs:BoardKeepsFinished).</summary>
    private readonly TimeSpan _keepFinished = options.Value.BoardKeepsFinished;
    private static readonly TimeSpan SaveDelay = TimeSpan.FromSeconds(2);

    /// <summary>How long after activation the board asks its open jobs where they stand.</summary>
    private static readonly TimeSpan RefreshAfterActivation = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RefreshCallTimeout = TimeSpan.FromSeconds(5);
    private const int RefreshBatch = 200;

    private readonly Dictionary<string, JobSnapshot> _jobs = [];
    // The board holds every open job in one blob; a write of 100,000 jobs takes seconds, so
    // writes are spaced by how long the last one took (at most a fifth of the grain's time).
    private readonly WriteBehindSchedule _saves = new(SaveDelay);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var job in state.State.Jobs) _jobs[job.JobId] = job;
        // The board is a view, stored in batches rather than on every report. What a crash costs
        // it (its last seconds, and the reports sent while it was down, which jobs that have
        // since finished never send again) it asks the open jobs for once it is back.
        var tick = SaveDelay / 2;
        this.RegisterGrainTimer(SaveIfDue, new GrainTimerCreationOptions { DueTime = tick, Period = tick });
        if (_jobs.Values.Any(j => IsOpen(j.Status)))
        {
            this.RegisterGrainTimer(RefreshOpenJobs, new GrainTimerCreationOptions
            {
                DueTime = RefreshAfterActivation,
                Period = Timeout.InfiniteTimeSpan,
            });
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _saves.IsDirty ? Save() : Task.CompletedTask;

    public Task Report(JobSnapshot job)
    {
        Take(job);
        return Task.CompletedTask;
    }

    public Task Settle(JobSnapshot job)
    {
        Take(job);
        return Task.CompletedTask;
    }

    /// <summary>Reports travel one-way and may pass each other: an older one never replaces a newer.</summary>
    private void Take(JobSnapshot job)
    {
        if (_jobs.TryGetValue(job.JobId, out var known) && known.Sequence > job.Sequence) return;
        _jobs[job.JobId] = job;
        _saves.MarkDirty(clock.GetUtcNow());
    }

    private async Task RefreshOpenJobs(CancellationToken cancellationToken)
    {
        var open = _jobs.Values.Where(j => IsOpen(j.Status)).Select(j => j.JobId).ToList();
        var refreshed = 0;
        foreach (var batch in open.Chunk(RefreshBatch))
        {
            foreach (var job in await Task.WhenAll(batch.Select(Ask)))
            {
                if (job is null) continue;
                Take(job);
                refreshed++;
            }
        }
        LogRefreshed(refreshed, open.Count);
    }

    /// <summary>A job out of reach now keeps its last report; it reports again when it moves.</summary>
    private async Task<JobSnapshot?> Ask(string jobId)
    {
        try
        {
            return await GrainFactory.GetGrain<IPrintJobGrain>(jobId).Get().WaitAsync(RefreshCallTimeout);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    public Task<List<JobSnapshot>> List(JobStatus? status, int take) => Task.FromResult(
        _jobs.Values
            .Where(j => status is null || j.Status == status)
            .OrderBy(j => IsOpen(j.Status) ? 0 : 1)
            .ThenByDescending(j => j.StatusSince)
            .Take(Math.Clamp(take, 1, 10_000))
            .ToList());

    public Task<Dictionary<JobStatus, int>> Counts() => Task.FromResult(
        _jobs.Values.GroupBy(j => j.Status).ToDictionary(g => g.Key, g => g.Count()));

    public Task<bool> Knows(string jobId) => Task.FromResult(_jobs.ContainsKey(jobId));

    public Task<int> WakeOpenJobs()
    {
        var woken = 0;
        foreach (var job in _jobs.Values.Where(j => IsOpen(j.Status)))
        {
            GrainFactory.GetGrain<IPrintJobGrain>(job.JobId).Wake().Ignore();
            woken++;
        }
        LogWoken(woken);
        return Task.FromResult(woken);
    }

    private static bool IsOpen(JobStatus status) => status is not (JobStatus.Done or JobStatus.Cancelled);

    private Task SaveIfDue(CancellationToken cancellationToken) =>
        _saves.IsDue(clock.GetUtcNow()) ? Save() : Task.CompletedTask;

    private Task Save() => _saves.WriteAsync(clock, () =>
    {
        var cutoff = clock.GetUtcNow() - _keepFinished;
        foreach (var old in _jobs.Values.Where(j => !IsOpen(j.Status) && j.StatusSince < cutoff).ToList()) _jobs.Remove(old.JobId);
        state.State.Jobs = _jobs.Values.ToList();
        return state.WriteStateAsync();
    }, ex => LogSaveFailed(ex, _jobs.Count));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store the job board ({Count} jobs); trying again")]
    private partial void LogSaveFailed(Exception ex, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job board refreshed {Refreshed} of its {Open} open jobs from the jobs themselves")]
    private partial void LogRefreshed(int refreshed, int open);

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} open jobs")]
    private partial void LogWoken(int count);
}
