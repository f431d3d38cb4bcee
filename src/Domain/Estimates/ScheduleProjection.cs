using PrintFarm.Dispatch;

namespace PrintFarm.Estimates;

/// <summary>The outcome of <see cref="ScheduleProjector.Project"/>: one entry per job that an online printer can take.</summary>
public sealed class ScheduleProjection
{
    private readonly Dictionary<string, ProjectedJob> _byJob;
    private readonly Dictionary<PoolKey, DateTimeOffset> _tailStart;

    internal ScheduleProjection(
        List<ProjectedJob> jobs,
        List<string> unplaced,
        Dictionary<PoolKey, DateTimeOffset> tailStart)
    {
        Jobs = jobs;
        Unplaced = unplaced;
        _tailStart = tailStart;
        _byJob = new Dictionary<string, ProjectedJob>(jobs.Count);
        foreach (var job in jobs) _byJob[job.JobId] = job;
    }

    /// <summary>Projected jobs in the order they were served.</summary>
    public IReadOnlyList<ProjectedJob> Jobs { get; }

    /// <summary>Jobs no online printer can take (no printer has their technology and material).</summary>
    public IReadOnlyList<string> Unplaced { get; }

    /// <summary>Null when no online printer can take the job.</summary>
    public ProjectedJob? Find(string jobId) => _byJob.GetValueOrDefault(jobId);

    /// <summary>
    /// When a job joining the back of the queue now would start (a reprint of a blocked part, a
    /// new order's parts); null when no online printer can take it.
    /// </summary>
    public DateTimeOffset? TailStart(string technology, string material) =>
        _tailStart.TryGetValue(new PoolKey(technology, material), out var start) ? start : null;
}
