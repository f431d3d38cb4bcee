using PrintFarm.Jobs;

namespace PrintFarm.Jobs;

/// <summary>
/// Every open job and the recently finished ones, for operators. Also the register of open work:
/// at start the silo asks it to wake the jobs that were mid-finishing when the farm stopped.
/// </summary>
[Alias("PrintFarm.IJobBoardGrain")]
public interface IJobBoardGrain : IGrainWithStringKey
{
    /// <summary>The one grain of its kind in the farm has this key.</summary>
    const string Key = "farm";

    [OneWay, Alias("Report")]
    Task Report(JobSnapshot job);

    /// <summary>
    /// How a job ended (done, blocked, cancelled). Awaited, unlike <see cref="Report"/>: a job
    /// that ended never reports again, so it keeps sending this until the board has it.
    /// </summary>
    [Alias("Settle")]
    Task Settle(JobSnapshot job);

    [Alias("List")]
    Task<List<JobSnapshot>> List(JobStatus? status, int take);

    [Alias("Counts")]
    Task<Dictionary<JobStatus, int>> Counts();

    /// <summary>Whether the job is on the board (open, or finished within Jobs:BoardKeepsFinished): from memory, so a reader's unknown id costs no grain and no database read.</summary>
    [Alias("Knows")]
    Task<bool> Knows(string jobId);

    /// <summary>Wakes every open job that is not waiting in the queue; returns how many.</summary>
    [Alias("WakeOpenJobs")]
    Task<int> WakeOpenJobs();
}
