using System.Collections.Concurrent;

namespace PrintFarm.Gateway.Console.Live;

/// <summary>
/// The console streams open on this gateway, by sign-in. Signing out ends every stream of that
/// sign-in here at once (its other tabs included), rather than leaving them to run on a cookie the
/// browser no longer has. A stream also ends when its sign-in expires.
/// </summary>
public sealed class ConsoleSessions
{
    /// <summary>The claim a cookie sign-in carries its own random id in.</summary>
    public const string SessionClaim = "pf:session";

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<CancellationTokenSource, byte>> _open = new(StringComparer.Ordinal);

    public IDisposable Hold(string session, CancellationTokenSource stream)
    {
        var streams = _open.GetOrAdd(session, _ => new());
        streams.TryAdd(stream, 0);
        return new Release(() =>
        {
            streams.TryRemove(stream, out _);
            if (streams.IsEmpty) _open.TryRemove(new(session, streams));
        });
    }

    /// <summary>Ends the sign-in's streams; returns how many were open.</summary>
    public int End(string session)
    {
        if (!_open.TryRemove(session, out var streams)) return 0;
        foreach (var stream in streams.Keys)
        {
            try { stream.Cancel(); }
            catch (ObjectDisposedException) { /* it ended by itself meanwhile */ }
        }
        return streams.Count;
    }

    private sealed class Release(Action release) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) release();
        }
    }
}
