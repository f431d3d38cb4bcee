using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Gateway.Console.Fleet;
using PrintFarm.Printers;

namespace PrintFarm.Gateway.Console.Live;

/// <summary>
/// This gateway's copy of the fleet for every open console page (the GPSTracker pattern: one
/// feed per host, fanned out to the connections here). Once a second, while anyone looks, it asks
/// the fleet view for what changed since its last look: one grain call per gateway, however many
/// pages are open and however many printers there are. A tile that changed in a way nobody can
/// see (a tenth of a degree) does not count as changed.
/// </summary>
public sealed partial class FleetBoard(
    IClusterClient cluster, TimeProvider clock, IOptions<ConsoleOptions> options, IOptions<GatewayOptions> gateway, ILogger<FleetBoard> logger) : IDisposable
{
    private readonly ConcurrentDictionary<Channel<FleetSnapshot>, byte> _listeners = new();
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Lock _timerLock = new();
    private FleetSnapshot _current = FleetSnapshot.Empty;
    private Guid _epoch;
    private long _version;
    private long _lastWanted;
    private ITimer? _timer;

    /// <summary>The fleet now: the copy, kept current while pages look, or a first read of the fleet view.</summary>
    public async Task<FleetSnapshot> Current(CancellationToken cancellationToken)
    {
        Wanted();
        if (_current.Number == 0) await Refresh(cancellationToken);
        return _current;
    }

    /// <summary>The fleet now, then every snapshot in which something changed, until the caller stops.</summary>
    public async IAsyncEnumerable<FleetSnapshot> Follow([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Each snapshot is whole, so a slow reader may skip to the newest and lose nothing.
        var channel = Channel.CreateBounded<FleetSnapshot>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        _listeners.TryAdd(channel, 0);
        try
        {
            yield return await Current(cancellationToken);
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken))
            {
                Wanted();
                yield return snapshot;
            }
        }
        finally
        {
            _listeners.TryRemove(channel, out _);
        }
    }

    private void Wanted()
    {
        Interlocked.Exchange(ref _lastWanted, clock.GetUtcNow().UtcTicks);
        lock (_timerLock)
        {
            _timer ??= clock.CreateTimer(_ => _ = Tick(), null, options.Value.FleetRefreshEvery, options.Value.FleetRefreshEvery);
        }
    }

    private async Task Tick()
    {
        var idle = clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastWanted) > options.Value.FleetIdleAfter.Ticks;
        if (idle && _listeners.IsEmpty)
        {
            // Nobody looks: stop asking, and start from the whole fleet when someone looks again.
            lock (_timerLock)
            {
                _timer?.Dispose();
                _timer = null;
            }
            _current = FleetSnapshot.Empty;
            _epoch = Guid.Empty;
            return;
        }
        try
        {
            await Refresh(CancellationToken.None);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            // The fleet view is moving silo: the pages keep the last copy and the next tick tries again.
            LogRefreshFailed(ex);
        }
    }

    private async Task Refresh(CancellationToken cancellationToken)
    {
        if (!await _refreshing.WaitAsync(0, cancellationToken))
        {
            // A refresh is under way; a first reader waits for it rather than asking twice.
            await _refreshing.WaitAsync(cancellationToken);
            _refreshing.Release();
            return;
        }
        try
        {
            var changes = await cluster.GetGrain<IFleetGrain>(IFleetGrain.Key).Changes(_epoch, _version).Within(gateway.Value);
            var before = _current;
            var number = before.Number + 1;
            var printers = changes.Whole
                ? new Dictionary<string, PrinterSummary>(changes.Printers.Count, StringComparer.Ordinal)
                : new Dictionary<string, PrinterSummary>(before.Printers, StringComparer.Ordinal);
            var changedAt = new Dictionary<string, long>(before.ChangedAt, StringComparer.Ordinal);
            var changed = 0;
            foreach (var summary in changes.Printers)
            {
                printers[summary.PrinterId] = summary;
                if (!before.Printers.TryGetValue(summary.PrinterId, out var was) || !TileFacts.LookTheSame(was, summary))
                {
                    changedAt[summary.PrinterId] = number;
                    changed++;
                }
            }
            if (changes.Whole)
            {
                foreach (var gone in before.Printers.Keys.Where(id => !printers.ContainsKey(id))) changedAt.Remove(gone);
            }
            _epoch = changes.Epoch;
            _version = changes.Version;
            if (changed == 0 && before.Number != 0 && printers.Count == before.Printers.Count) return;
            _current = new FleetSnapshot(number, clock.GetUtcNow(), printers, changedAt);
            foreach (var listener in _listeners.Keys) listener.Writer.TryWrite(_current);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public void Dispose()
    {
        lock (_timerLock) _timer?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The console's fleet feed could not read the fleet view; trying again")]
    private partial void LogRefreshFailed(Exception ex);
}
