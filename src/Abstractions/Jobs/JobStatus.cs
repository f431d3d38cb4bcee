namespace PrintFarm.Jobs;

/// <summary>
/// Where one print run stands. A failed print does not have a status of its own: it sends the
/// job back to <see cref="Queued"/> with the next attempt number, or to <see cref="Blocked"/>
/// once it has used up its attempts.
/// </summary>
/// <remarks>Stored states hold these numbers: a status keeps its number for good (3 was a "printed" stage never used).</remarks>
public enum JobStatus
{
    Queued = 0,
    Assigned = 1,
    Printing = 2,
    PostProcessing = 4,
    QualityCheck = 5,
    Done = 6,
    Blocked = 7,
    Cancelled = 8,
    /// <summary>
    /// Was printing when its printer went silent (offline). Comes back to <see cref="Printing"/>
    /// when the printer reports it again, or ends as printed or failed (lost, requeued) as the
    /// printer tells on its return. Last in the list: stored states keep their numbers.
    /// </summary>
    Stalled = 9,
}
