namespace PrintFarm.PrinterSimulator;

/// <summary>
/// The job a printer is working on. Time is counted as printing time: it stops while the job
/// is paused, so progress, the failure point and the finish all shift by the pause.
/// </summary>
internal sealed class PrintJobRun
{
    private TimeSpan _printedBeforeCurrentStretch;
    private DateTimeOffset? _runningSince;

    public PrintJobRun(string jobId, string? file, string material, TimeSpan duration, TimeSpan? failAfter,
        string? failureReason, DateTimeOffset startedAt)
    {
        JobId = jobId;
        File = file;
        Material = material;
        Duration = duration;
        FailAfter = failAfter;
        FailureReason = failureReason;
        _runningSince = startedAt;
    }

    public string JobId { get; }
    public string? File { get; }
    public string Material { get; }

    /// <summary>Printing time this job needs on this printer (not the slicer's estimate).</summary>
    public TimeSpan Duration { get; }

    /// <summary>Printing time at which the job fails, or null if it will finish.</summary>
    public TimeSpan? FailAfter { get; }

    public string? FailureReason { get; }

    public bool IsPaused => _runningSince is null;

    /// <summary>When the run ends, one way or the other, in printing time.</summary>
    public TimeSpan EndsAfter => FailAfter ?? Duration;

    public TimeSpan PrintedAt(DateTimeOffset now) =>
        _runningSince is { } since ? _printedBeforeCurrentStretch + Max(now - since, TimeSpan.Zero) : _printedBeforeCurrentStretch;

    /// <summary>
    /// The wall-clock moment at which the job reaches <paramref name="printed"/>, assuming it keeps
    /// running; used to stamp events with when they happened rather than when they were noticed.
    /// </summary>
    public DateTimeOffset WhenPrinted(TimeSpan printed, DateTimeOffset now) =>
        _runningSince is { } since ? since + (printed - _printedBeforeCurrentStretch) : now;

    public void Pause(DateTimeOffset now)
    {
        _printedBeforeCurrentStretch = PrintedAt(now);
        _runningSince = null;
    }

    public void Resume(DateTimeOffset now) => _runningSince = now;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
