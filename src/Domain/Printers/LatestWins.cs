namespace PrintFarm.Printers;

/// <summary>
/// Hands a printer's telemetry to its grain one message at a time: while the grain works on one,
/// what arrives for that printer waits, and a newer message replaces a waiting one (telemetry
/// is the printer's state, so only the newest matters). An overloaded silo then takes each
/// printer's newest state as fast as it can, instead of queueing minutes of old reports in
/// every grain, with a job's start command waiting behind them. Thread-safe; pure.
/// </summary>
public sealed class LatestWins<T> where T : class
{
    private readonly Dictionary<string, T?> _inHand = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Printers whose grain has a message in hand.</summary>
    public int Busy
    {
        get { lock (_gate) return _inHand.Count; }
    }

    /// <summary>
    /// <see cref="HandOff.Now"/> when <paramref name="message"/> is to be handed on now (the
    /// printer's grain has nothing in hand); otherwise it waits for the one in hand to be done,
    /// replacing the message that was waiting already, if any (<see cref="HandOff.Replaces"/>).
    /// </summary>
    public HandOff Offer(string printerId, T message)
    {
        lock (_gate)
        {
            if (!_inHand.TryGetValue(printerId, out var waiting))
            {
                _inHand[printerId] = null;
                return HandOff.Now;
            }
            _inHand[printerId] = message;
            return waiting is null ? HandOff.Waits : HandOff.Replaces;
        }
    }

    /// <summary>
    /// The grain is done with the message in hand: the one that waited meanwhile, to hand on
    /// next, or null when none did (the printer has nothing in hand any more).
    /// </summary>
    public T? Done(string printerId)
    {
        lock (_gate)
        {
            if (!_inHand.TryGetValue(printerId, out var waiting)) return null;
            if (waiting is null)
            {
                _inHand.Remove(printerId);
                return null;
            }
            _inHand[printerId] = null;
            return waiting;
        }
    }
}
