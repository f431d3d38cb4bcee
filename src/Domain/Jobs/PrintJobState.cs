namespace PrintFarm.Jobs;

public sealed class PrintJobState
{
    public PrintJobSpec? Spec { get; set; }
    public JobStatus Status { get; set; }
    public int Attempt { get; set; }
    public string? PrinterId { get; set; }
    public double Progress { get; set; }
    public int? RemainingSeconds { get; set; }
    /// <summary>The latest problem in plain words, shown beside the item.</summary>
    public string? Problem { get; set; }
    public List<JobAttempt> Attempts { get; set; } = [];
    public DateTimeOffset? StatusSince { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    /// <summary>Held by an operator (the order is on hold): a queued job waits outside the queue.</summary>
    public bool OnHold { get; set; }
    public DateTimeOffset? ProjectedStart { get; set; }
    public string? PrinterModel { get; set; }
    /// <summary>Counts the stored transitions: a snapshot with a lower number is old news.</summary>
    public int Sequence { get; set; }
    /// <summary>
    /// Transitions the order has not acknowledged yet, oldest first. Stored in the same write as
    /// the transition, so a silo that dies between storing and telling loses no news.
    /// </summary>
    public List<JobSnapshot> Untold { get; set; } = [];

    /// <summary>What the job tells its order and the job board, as it stands now.</summary>
    public JobSnapshot Snapshot()
    {
        var spec = Spec ?? throw new InvalidOperationException("The job does not exist.");
        return new JobSnapshot
        {
            JobId = spec.JobId,
            OrderReference = spec.OrderReference,
            ItemIndex = spec.ItemIndex,
            Copy = spec.Copy,
            Design = spec.Design,
            Material = spec.Material,
            Status = Status,
            Attempt = Attempt,
            PrinterId = PrinterId,
            Progress = Progress,
            RemainingSeconds = RemainingSeconds,
            Problem = Problem,
            StatusSince = StatusSince ?? CreatedAt ?? DateTimeOffset.MinValue,
            EstimatedPrintSeconds = spec.EstimatedPrintSeconds,
            StartedAt = Status == JobStatus.Printing && Attempts.Count > 0 ? Attempts[^1].StartedAt : null,
            ProjectedStart = ProjectedStart,
            PrinterModel = PrinterModel,
            Technology = spec.Technology,
            OnHold = OnHold,
            Sequence = Sequence,
            MaterialGrams = spec.MaterialGrams,
            SlicedFor = spec.PrinterModel,
            FileSha256 = spec.File?.Sha256,
            Expedited = spec.Priority <= PrintJobSpec.ExpeditedPriority,
        };
    }
}
