using System.Text.Json;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace PrintFarm.PrinterSimulator.SharedConnections;

/// <summary>
/// The high-rate mode (<c>--connections N</c>): the same simulated printers as
/// <see cref="SimulatedFleet"/>, but N MQTT connections each carry a shard of them, so one
/// process can run 10,000 printers at 1 Hz. Each second is cut into slices and each slice ticks
/// its share of the printers, so telemetry flows evenly instead of in one burst per second.
/// </summary>
public sealed class SharedConnectionFleet : IAsyncDisposable
{
    private const int Slices = 20;
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);

    private readonly SimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SharedConnection[] _connections;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <param name="networkClock">The clock of the reconnect waits; real time when not given (see <see cref="SimulatedFleet"/>).</param>
    public SharedConnectionFleet(SimulatorOptions options, int connections, TimeProvider timeProvider, ILoggerFactory loggerFactory,
        string? statsPath = null, TimeProvider? networkClock = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        _options = options;
        _time = timeProvider;
        _logger = loggerFactory.CreateLogger<SharedConnectionFleet>();
        StatsPath = statsPath;
        var printerLogger = loggerFactory.CreateLogger<SimulatedPrinter>();
        var printers = Enumerable.Range(1, options.Printers)
            .Select(n => FleetRoster.CreatePrinter(options, n, timeProvider, printerLogger)).ToArray();
        Printers = printers;
        var factory = new MqttClientFactory();
        var shards = Math.Min(connections, printers.Length);
        var connectionLogger = loggerFactory.CreateLogger<SharedConnection>();
        var reconnect = options.Reconnect(networkClock ?? TimeProvider.System);
        _connections = Enumerable.Range(0, shards)
            .Select(k => new SharedConnection($"{options.IdPrefix}shard-{k}-{Environment.ProcessId}",
                printers.Where((_, i) => i % shards == k).ToArray(), factory, options.BrokerHost, options.BrokerPort,
                reconnect, Counters, connectionLogger))
            .ToArray();
    }

    public IReadOnlyList<SimulatedPrinter> Printers { get; }
    public SharedFleetCounters Counters { get; } = new();
    public string? StatsPath { get; }

    public int OnlineCount => _connections.Where(c => c.IsOnline).Sum(c => c.Printers.Count);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _logger.LogInformation("Starting {Printers} simulated printers on {Connections} shared connections to {Host}:{Port}, telemetry {Hz} Hz",
            _options.Printers, _connections.Length, _options.BrokerHost, _options.BrokerPort, _options.TelemetryHz);
        foreach (var connection in _connections) connection.Start(_stopping.Token);
        _loop = TickLoopAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        try { await _loop.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        await Task.WhenAll(_connections.Select(c => c.StopAsync())).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task TickLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / _options.TelemetryHz / Slices), _time);
        var slice = 0;
        var lastReport = _time.GetTimestamp();
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
        {
            foreach (var connection in _connections)
            {
                try { connection.Tick(slice, Slices); }
                catch (Exception ex) { _logger.LogError(ex, "A tick of the shared fleet failed"); }
            }
            slice = (slice + 1) % Slices;
            if (slice != 0) continue;
            WriteStats();
            if (_time.GetElapsedTime(lastReport) < ReportEvery) continue;
            lastReport = _time.GetTimestamp();
            _logger.LogInformation("{Online}/{Printers} printers online; sent {Telemetry} telemetry ({Skipped} skipped), {Events} events; {Commands} commands",
                OnlineCount, Printers.Count, Counters.Telemetry, Counters.Skipped, Counters.Events, Counters.Commands);
        }
    }

    private void WriteStats()
    {
        if (StatsPath is null) return;
        try
        {
            var temp = StatsPath + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(new SharedFleetStats(_time.GetUtcNow(), Printers.Count, OnlineCount,
                Counters.Telemetry, Counters.Skipped, Counters.Events, Counters.Commands, _connections.Sum(c => c.PendingEvents),
                Printers.Count(p => p.CurrentJobId is not null)),
                new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            File.Move(temp, StatsPath, overwrite: true);
        }
        catch (IOException ex)
        {
            _logger.LogDebug("Could not write {Path}: {Error}", StatsPath, ex.Message);
        }
    }
}
