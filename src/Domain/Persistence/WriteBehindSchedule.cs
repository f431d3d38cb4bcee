namespace PrintFarm.Persistence;

/// <summary>
/// When a grain that stores a big, often-changing blob (the dispatcher's queue, the job board)
/// writes it: changes are marked dirty and written together, at most every
/// <see cref="MinInterval"/>, and never so often that writing takes more than
/// <see cref="MaxWriteShare"/> of the grain's time: a write that took 2 s with a share of 0.2
/// waits 10 s before the next. So the cost of storing stays bounded as the blob grows, instead of
/// one whole-blob write per change. The grain supplies the clock and the write.
/// </summary>
public sealed class WriteBehindSchedule
{
    private DateTimeOffset? _dirtySince;
    private DateTimeOffset _nextAllowed = DateTimeOffset.MinValue;

    public WriteBehindSchedule(TimeSpan minInterval, double maxWriteShare = 0.2)
    {
        if (minInterval < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(minInterval));
        if (!(maxWriteShare is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(maxWriteShare));
        MinInterval = minInterval;
        MaxWriteShare = maxWriteShare;
    }

    public TimeSpan MinInterval { get; }
    public double MaxWriteShare { get; }

    public bool IsDirty => _dirtySince is not null;

    /// <summary>The earliest time the next write may start.</summary>
    public DateTimeOffset NextAllowed => _nextAllowed;

    /// <summary>Something changed that must be written.</summary>
    public void MarkDirty(DateTimeOffset now) => _dirtySince ??= now;

    /// <summary>True when there is something to write and the last write is far enough behind.</summary>
    public bool IsDue(DateTimeOffset now) => _dirtySince is not null && now >= _nextAllowed;

    /// <summary>A write that began at <paramref name="started"/> took <paramref name="took"/> and stored every change until it began.</summary>
    public void Written(DateTimeOffset started, TimeSpan took)
    {
        // Changes made while the write ran (possible only in an interleaving grain) stay dirty.
        if (_dirtySince is { } since && since <= started) _dirtySince = null;
        var spacing = TimeSpan.FromTicks(Math.Max(MinInterval.Ticks, (long)(took.Ticks / MaxWriteShare)));
        _nextAllowed = started + spacing;
    }

    /// <summary>The write failed: everything stays dirty, tried again after the minimum interval.</summary>
    public void Failed(DateTimeOffset now) => _nextAllowed = now + MinInterval;

    /// <summary>
    /// Runs the grain's <paramref name="write"/> and records how long it took. A failure is
    /// handed to <paramref name="failed"/> (to log) and leaves everything dirty for the next try:
    /// the blob is a copy of what its owners store, so a write that waits loses nothing.
    /// </summary>
    public async Task WriteAsync(TimeProvider clock, Func<Task> write, Action<Exception> failed)
    {
        var started = clock.GetUtcNow();
        var timestamp = clock.GetTimestamp();
        try
        {
            await write();
            Written(started, clock.GetElapsedTime(timestamp));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(clock.GetUtcNow());
            failed(ex);
        }
    }
}
