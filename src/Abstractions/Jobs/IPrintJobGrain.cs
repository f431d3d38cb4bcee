namespace PrintFarm.Jobs;

/// <summary>One print run of one order item, keyed by job id (see <see cref="PrintJobSpec.IdFor"/>).</summary>
[Alias("PrintFarm.IPrintJobGrain")]
public interface IPrintJobGrain : IGrainWithStringKey
{
    /// <summary>Creates the job and puts it in the queue. Idempotent.</summary>
    [Alias("Create")]
    Task Create(PrintJobSpec spec);

    /// <summary>The dispatcher picked a printer. One-way: the dispatcher never waits on a job.</summary>
    [OneWay, Alias("Assign")]
    Task Assign(string printerId);

    [Alias("Started")]
    Task Started(string printerId, string? printerModel);

    [OneWay, Alias("Progress")]
    Task Progress(string printerId, double progress, int? remainingSeconds);

    /// <summary>The printer went silent while printing it (one-way: the printer's watch never waits on a job).</summary>
    [OneWay, Alias("Stalled")]
    Task Stalled(string printerId);

    [Alias("Printed")]
    Task Printed(string printerId);

    /// <summary>The print failed, or the printer lost it; <paramref name="reason"/> is for people.</summary>
    [Alias("Failed")]
    Task Failed(string printerId, string reason);

    /// <summary>Someone stopped the print at the printer: back to the queue on the same attempt (see <c>PrintJob.CancelledAtPrinter</c>).</summary>
    [Alias("CancelledAtPrinter")]
    Task CancelledAtPrinter(string printerId);

    /// <summary>The printer could not start it (its file did not get there): back in the queue, same attempt, another printer first.</summary>
    [Alias("StartRefused")]
    Task StartRefused(string printerId);

    /// <summary>The printer no longer has the job (see <c>PrintJob.Lost</c>).</summary>
    [Alias("Lost")]
    Task Lost(string printerId);

    /// <summary>Activates the job so its timers run again, and a queued one reminds its dispatcher (after a restart, or an assignment it never heard).</summary>
    [OneWay, Alias("Wake")]
    Task Wake();

    [Alias("Get")]
    Task<JobSnapshot?> Get();

    /// <summary>An operator finished post-processing. Throws <see cref="JobCommandException"/> when not in post-processing.</summary>
    [Alias("CompletePostProcessing")]
    Task<JobSnapshot> CompletePostProcessing();

    /// <summary>An operator's quality check: a failed part is printed again as the next attempt.</summary>
    [Alias("QualityCheck")]
    Task<JobSnapshot> QualityCheck(bool passed, string? reason);

    // The order calls these and updates its own view from the answer: they do not call the
    // order back, which is waiting on them.

    [Alias("Hold")]
    Task<JobSnapshot?> Hold();

    [Alias("Release")]
    Task<JobSnapshot?> Release();

    /// <summary>The sliced file the job waited for; null when there is no such job.</summary>
    [Alias("AttachSlicedFile")]
    Task<JobSnapshot?> AttachSlicedFile(SlicedFile sliced);

    /// <summary>Null when the job was not cancelled because its production has started.</summary>
    [Alias("Cancel")]
    Task<JobSnapshot?> Cancel();

    /// <summary>
    /// An operator moves a queued job to the front of its pool: it is served before express and
    /// standard work. Null when there is no such job; <see cref="JobCommandException"/> when it is not queued.
    /// </summary>
    [Alias("Expedite")]
    Task<JobSnapshot?> Expedite();

    /// <summary>
    /// An operator gives a blocked job (its attempts used up) another attempt: back in the queue.
    /// Null when there is no such job; <see cref="JobCommandException"/> when it is not blocked.
    /// </summary>
    [Alias("Retry")]
    Task<JobSnapshot?> Retry();

    /// <summary>The dispatcher's projected schedule moved this job's expected start. One-way.</summary>
    [OneWay, Alias("Projected")]
    Task Projected(DateTimeOffset? start);
}
