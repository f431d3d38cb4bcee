namespace PrintFarm.Jobs;

/// <summary>
/// Where one print run stands. A failed print does not have a status of its own: it sends the
/// job back to <see cref="Queued"/> with the next attempt number, or to <see cref="Blocked"/>
/// once it has used up its attempts.
/// </summary>
public enum JobStatus
{
    Queued,
    Assigned,
    Printing,
    Printed,
    PostProcessing,
    QualityCheck,
    Done,
    Blocked,
    Cancelled,
    /// <summary>
    /// Was printing when its printer went silent (offline). Comes back to <see cref="Printing"/>
    /// when the printer reports it again, or ends as printed or failed (lost, requeued) as the
    /// printer tells on its return. Last in the list: stored states keep their numbers.
    /// </summary>
    Stalled,
}
