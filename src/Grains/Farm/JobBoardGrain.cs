using Microsoft.Extensions.Logging;
using PrintFarm.Jobs;
using PrintFarm.Persistence;

namespace PrintFarm.Farm;

public sealed partial class JobBoardGrain(
    [PersistentState("jobboard", FarmStorage.Name)] IPersistentState<JobBoardState> state,
    TimeProvider clock,
    ILogger<JobBoardGrain> logger) : Grain, IJobBoardGrain
{
    public const string Key = "farm";

    /// <summary>Finished jobs stay on the board this long.</summary>
    private static readonly TimeSpan KeepFinished = TimeSpan.FromHours(24);
    private static readonly TimeSpan SaveDelay = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, JobSnapshot> _jobs = [];
    // The board holds every open job in one blob; a write of 100,000 jobs takes seconds, so
    // writes are spaced by how long the last one took (at most a fifth of the grain's time).
    private readonly WriteBehindSchedule _saves = new(SaveDelay);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var job in state.State.Jobs) _jobs[job.JobId] = job;
        // The board is a view: losing its last two seconds to a crash costs nothing the jobs do
        // not report again, so it is stored in batches rather than on every report.
        var tick = SaveDelay / 2;
        this.RegisterGrainTimer(SaveIfDue, new GrainTimerCreationOptions { DueTime = tick, Period = tick });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _saves.IsDirty ? Save() : Task.CompletedTask;

    public Task Report(JobSnapshot job)
    {
        _jobs[job.JobId] = job;
        _saves.MarkDirty(clock.GetUtcNow());
        return Task.CompletedTask;
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

    private async Task Save()
    {
        var started = clock.GetUtcNow();
        var timer = System.Diagnostics.Stopwatch.StartNew();
        var cutoff = started - KeepFinished;
        foreach (var old in _jobs.Values.Where(j => !IsOpen(j.Status) && j.StatusSince < cutoff).ToList()) _jobs.Remove(old.JobId);
        state.State.Jobs = _jobs.Values.ToList();
        try
        {
            await state.WriteStateAsync();
            _saves.Written(started, timer.Elapsed);
        }
        catch (Exception ex)
        {
            _saves.Failed(clock.GetUtcNow());
            LogSaveFailed(ex, _jobs.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store the job board ({Count} jobs); trying again")]
    private partial void LogSaveFailed(Exception ex, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} open jobs")]
    private partial void LogWoken(int count);
}
