using PrintFarm.Jobs;

namespace PrintFarm.Silo;

/// <summary>
/// At start, wakes the jobs that were mid-way (post-processing, QC) when the farm stopped, so
/// their timers run again without anyone having to look at them first.
/// </summary>
public sealed class OpenWorkWaker(IGrainFactory grains) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken) =>
        grains.GetGrain<IJobBoardGrain>(IJobBoardGrain.Key).WakeOpenJobs();
}
