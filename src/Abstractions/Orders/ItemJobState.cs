using PrintFarm.Jobs;

namespace PrintFarm.Orders;

/// <summary>The order's copy of one of its jobs, kept current by the job's pushes.</summary>
[GenerateSerializer, Alias("PrintFarm.ItemJobState")]
public sealed class ItemJobState
{
    [Id(0)] public string JobId { get; set; } = "";
    [Id(1)] public int Copy { get; set; }
    [Id(2)] public JobStatus Status { get; set; }
    [Id(3)] public int Attempt { get; set; } = 1;
    [Id(4)] public string? PrinterId { get; set; }
    [Id(5)] public double Progress { get; set; }
    [Id(6)] public int? RemainingSeconds { get; set; }
    [Id(7)] public string? Problem { get; set; }
    [Id(8)] public DateTimeOffset? StatusSince { get; set; }
    /// <summary>For a queued job: when the dispatcher's projected schedule expects it to start.</summary>
    [Id(9)] public DateTimeOffset? ProjectedStart { get; set; }
    [Id(10)] public DateTimeOffset? StartedAt { get; set; }
    [Id(11)] public string? PrinterModel { get; set; }
    /// <summary>The job's sequence number of the newest snapshot applied (see <see cref="JobSnapshot.Sequence"/>).</summary>
    [Id(12)] public int Sequence { get; set; }
}
