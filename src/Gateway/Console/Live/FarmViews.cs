using Microsoft.Extensions.Options;
using PrintFarm.Dispatch;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Orders;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Gateway.Console.Live;

/// <summary>
/// The farm-wide views the console pages show beside the fleet (queue, late orders, printer
/// dialects), read at most once per Console:ViewRefreshEvery for all open pages of this gateway
/// together: a hundred open pages still cost the farm one read of each view.
/// </summary>
public sealed class FarmViews(IClusterClient cluster, TimeProvider clock, IOptions<ConsoleOptions> options, IOptions<GatewayOptions> gateway)
{
    private readonly Cached<QueueView> _queue = new();
    private readonly Cached<IReadOnlyList<LateOrder>> _late = new();
    private readonly Cached<IReadOnlyDictionary<string, string>> _dialects = new();

    /// <summary>The queue's head across pools (200 jobs) and every pool's depth.</summary>
    public Task<QueueView> Queue() =>
        _queue.Get(clock, options.Value.ViewRefreshEvery, () => cluster.GetGrain<IPoolsGrain>(IPoolsGrain.Key).Queue(200).Within(gateway.Value));

    public Task<IReadOnlyList<LateOrder>> LateOrders() =>
        _late.Get(clock, options.Value.ViewRefreshEvery, async () =>
            (IReadOnlyList<LateOrder>)await cluster.GetGrain<IOrderBoardGrain>(IOrderBoardGrain.Key).LateOrders().Within(gateway.Value));

    /// <summary>Each registered printer's dialect, in words; printers not registered speak the farm's own protocol.</summary>
    public Task<IReadOnlyDictionary<string, string>> Dialects() =>
        _dialects.Get(clock, options.Value.ViewRefreshEvery * 10, async () =>
        {
            var registrations = await cluster.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key).List().Within(gateway.Value);
            return (IReadOnlyDictionary<string, string>)registrations.ToDictionary(r => r.Id, r => DialectWords(r.Dialect), StringComparer.Ordinal);
        });

    public static string DialectWords(PrinterDialect dialect) => dialect switch
    {
        PrinterDialect.Bambu => "Bambu Lab",
        PrinterDialect.OctoPrint => "OctoPrint",
        PrinterDialect.Moonraker => "Klipper/Moonraker",
        _ => "farm protocol",
    };

    /// <summary>One view and when it was read; concurrent readers of a stale copy share one read.</summary>
    private sealed class Cached<T>
    {
        private Task<T>? _reading;
        private DateTimeOffset _readAt;
        private readonly Lock _lock = new();

        public async Task<T> Get(TimeProvider clock, TimeSpan fresh, Func<Task<T>> read)
        {
            Task<T> reading;
            lock (_lock)
            {
                var now = clock.GetUtcNow();
                if (_reading is null || (_reading.IsCompleted && (now - _readAt > fresh || !_reading.IsCompletedSuccessfully)))
                {
                    _reading = read();
                    _readAt = now;
                }
                reading = _reading;
            }
            return await reading;
        }
    }
}
