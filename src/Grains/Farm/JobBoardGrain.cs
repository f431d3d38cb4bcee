using Microsoft.Extensions.Logging;
using PrintFarm.Jobs;

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
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var job in state.State.Jobs) _jobs[job.JobId] = job;
        // The board is a view: losing its last two seconds to a crash costs nothing the jobs do
        // not report again, so it is stored in batches rather than on every report.
        this.RegisterGrainTimer(SaveIfDirty, new GrainTimerCreationOptions { DueTime = SaveDelay, Period = SaveDelay });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        SaveIfDirty(cancellationToken);

    public Task Report(JobSnapshot job)
    {
        _jobs[job.JobId] = job;
        _dirty = true;
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

    private Task SaveIfDirty(CancellationToken cancellationToken)
    {
        if (!_dirty) return Task.CompletedTask;
        _dirty = false;
        var cutoff = clock.GetUtcNow() - KeepFinished;
        foreach (var old in _jobs.Values.Where(j => !IsOpen(j.Status) && j.StatusSince < cutoff).ToList()) _jobs.Remove(old.JobId);
        state.State.Jobs = _jobs.Values.ToList();
        return state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} open jobs")]
    private partial void LogWoken(int count);
}
