namespace PrintFarm.Jobs;

/// <summary>Bound from configuration section <c>Jobs</c>.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>After this many failed prints the item is blocked for an operator.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long post-processing takes (support removal, cleaning) before QC.</summary>
    public TimeSpan PostProcessing { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How long the quality check takes.</summary>
    public TimeSpan QualityCheck { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A queued job asks the dispatcher again this often, in case its place in the queue was
    /// lost with a crashed silo. Enqueueing is idempotent.
    /// </summary>
    public TimeSpan RequeueCheck { get; set; } = TimeSpan.FromMinutes(1);
}
