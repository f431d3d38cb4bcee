namespace PrintFarm.Silo.Mqtt;

/// <summary>
/// Runs work in the background, one item at a time per key (a topic: one printer's events) and
/// side by side across keys, so one slow printer's events keep their order without holding up
/// anyone else's. A key's chain is forgotten once it runs dry.
/// </summary>
public sealed class InOrderPerKey
{
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>Keys with work queued or running.</summary>
    public int Busy
    {
        get { lock (_gate) return _tails.Count; }
    }

    /// <summary>Queues <paramref name="work"/> behind earlier work for the same key; its task completes when it has run.</summary>
    public Task Run(string key, Func<Task> work)
    {
        Task next;
        lock (_gate)
        {
            next = _tails.TryGetValue(key, out var tail)
                // Whatever the earlier work's outcome, the next item runs.
                ? tail.ContinueWith(_ => work(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap()
                : Task.Run(work);
            _tails[key] = next;
        }
        _ = next.ContinueWith(done =>
        {
            lock (_gate)
            {
                if (_tails.TryGetValue(key, out var current) && current == done) _tails.Remove(key);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return next;
    }
}
