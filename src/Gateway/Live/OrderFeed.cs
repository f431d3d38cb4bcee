using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Live;

/// <summary>
/// This gateway's one observer of the orders its clients watch (the GPSTracker pattern: one
/// observer per host, fanned out to connections here). An order is subscribed while at least one
/// client follows it, and the subscription is renewed before the grain lets it lapse. Renewal
/// also reads the order: if its silo died, the grain came back elsewhere without our
/// subscription, and whatever changed in between reaches the watchers at the next renewal.
/// </summary>
public sealed partial class OrderFeed(IClusterClient cluster, TimeProvider clock, Microsoft.Extensions.Options.IOptions<GatewayOptions> options, ILogger<OrderFeed> logger) : IOrderObserver, IDisposable
{

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<OrderView>, byte>> _watchers = new();
    private readonly ConcurrentDictionary<string, long> _lastVersion = new();
    private readonly SemaphoreSlim _setup = new(1, 1);
    private IOrderObserver? _self;
    private ITimer? _renewal;

    /// <summary>The order now, then every change, until the caller stops listening.</summary>
    public async IAsyncEnumerable<OrderView> Follow(string reference, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Each message is a whole order, so a slow reader may skip stale ones and lose nothing.
        var channel = Channel.CreateBounded<OrderView>(new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropOldest });
        var listeners = _watchers.GetOrAdd(reference, _ => new());
        listeners.TryAdd(channel, 0);
        try
        {
            var order = cluster.GetGrain<IOrderGrain>(reference);
            // Subscribe before reading the order, so a change in between is not lost.
            await order.Subscribe(await Self());
            if (await order.Get() is { } now)
            {
                _lastVersion.AddOrUpdate(reference, now.Version, (_, seen) => Math.Max(seen, now.Version));
                channel.Writer.TryWrite(now);
            }

            await foreach (var view in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return view;
            }
        }
        finally
        {
            listeners.TryRemove(channel, out _);
            if (listeners.IsEmpty && _watchers.TryRemove(new(reference, listeners)) && _self is not null)
            {
                _lastVersion.TryRemove(reference, out _);
                try { await cluster.GetGrain<IOrderGrain>(reference).Unsubscribe(_self); }
                catch (Exception ex) { LogUnsubscribeFailed(ex, reference); }
            }
        }
    }

    public Task OrderChanged(OrderView order)
    {
        if (_watchers.TryGetValue(order.Reference, out var listeners))
        {
            _lastVersion.AddOrUpdate(order.Reference, order.Version, (_, seen) => Math.Max(seen, order.Version));
            foreach (var channel in listeners.Keys) channel.Writer.TryWrite(order);
        }
        return Task.CompletedTask;
    }

    private async ValueTask<IOrderObserver> Self()
    {
        if (_self is not null) return _self;
        await _setup.WaitAsync();
        try
        {
            _self ??= cluster.CreateObjectReference<IOrderObserver>(this);
            _renewal ??= clock.CreateTimer(_ => _ = Renew(), null, options.Value.FeedRenewEvery, options.Value.FeedRenewEvery);
            return _self;
        }
        finally
        {
            _setup.Release();
        }
    }

    private async Task Renew()
    {
        foreach (var reference in _watchers.Keys)
        {
            try
            {
                var order = cluster.GetGrain<IOrderGrain>(reference);
                await order.Subscribe(_self!);
                if (await order.Get() is { } now && now.Version > _lastVersion.GetValueOrDefault(reference)) await OrderChanged(now);
            }
            catch (Exception ex) { LogRenewFailed(ex, reference); }
        }
    }

    public void Dispose()
    {
        _renewal?.Dispose();
        if (_self is not null) cluster.DeleteObjectReference<IOrderObserver>(_self);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the live feed of order {Reference}")]
    private partial void LogRenewFailed(Exception ex, string reference);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not unsubscribe from order {Reference}")]
    private partial void LogUnsubscribeFailed(Exception ex, string reference);
}
