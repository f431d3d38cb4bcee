namespace PrintFarm.Delivery;

/// <summary>
/// One grain timer that a grain sets, moves and clears as its state changes (a finishing step,
/// an assignment to watch, a retry): setting it again replaces the one before.
/// </summary>
public sealed class TimerSlot(IGrainBase grain)
{
    private IGrainTimer? _timer;

    public bool IsSet => _timer is not null;

    /// <param name="period">Null for a timer that fires once.</param>
    /// <param name="keepAlive">Keeps the grain active until it fires (news that must go out).</param>
    /// <param name="interleave">Runs beside the grain's calls, as an interleaving call would.</param>
    public void Set(Func<CancellationToken, Task> callback, TimeSpan due, TimeSpan? period = null, bool keepAlive = false, bool interleave = false)
    {
        Clear();
        _timer = grain.RegisterGrainTimer(callback, new GrainTimerCreationOptions
        {
            DueTime = due < TimeSpan.Zero ? TimeSpan.Zero : due,
            Period = period ?? Timeout.InfiniteTimeSpan,
            KeepAlive = keepAlive,
            Interleave = interleave,
        });
    }

    public void Clear()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
