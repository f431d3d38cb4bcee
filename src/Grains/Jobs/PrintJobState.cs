namespace PrintFarm.Jobs;

[GenerateSerializer, Alias("PrintFarm.PrintJobState")]
public sealed class PrintJobState
{
    [Id(0)] public PrintJobSpec? Spec { get; set; }
    [Id(1)] public JobStatus Status { get; set; }
    [Id(2)] public int Attempt { get; set; }
    [Id(3)] public string? PrinterId { get; set; }
    [Id(4)] public double Progress { get; set; }
    [Id(5)] public int? RemainingSeconds { get; set; }
    /// <summary>The latest problem in plain words, shown beside the item.</summary>
    [Id(6)] public string? Problem { get; set; }
    [Id(7)] public List<JobAttempt> Attempts { get; set; } = [];
    [Id(8)] public DateTimeOffset? StatusSince { get; set; }
    [Id(9)] public DateTimeOffset? DoneAt { get; set; }
    [Id(10)] public DateTimeOffset? CreatedAt { get; set; }
    /// <summary>Held by an operator (the order is on hold): a queued job waits outside the queue.</summary>
    [Id(11)] public bool OnHold { get; set; }
    [Id(12)] public DateTimeOffset? ProjectedStart { get; set; }
    [Id(13)] public string? PrinterModel { get; set; }
    /// <summary>Counts the stored transitions: a snapshot with a lower number is old news.</summary>
    [Id(14)] public int Sequence { get; set; }
    /// <summary>
    /// Transitions the order has not acknowledged yet, oldest first. Stored in the same write as
    /// the transition, so a silo that dies between storing and telling loses no news.
    /// </summary>
    [Id(15)] public List<JobSnapshot> Untold { get; set; } = [];
}
