using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace PrintFarm.PrinterSimulator;

/// <summary>
/// A fleet of simulated printers connected to one broker. One shared loop ticks every printer at
/// the telemetry rate (no thread or timer per printer), so a single process can run thousands.
/// Usable in-process from tests: start it, drive it over MQTT, inspect <see cref="Printers"/>.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private const int ConcurrentConnects = 64;
    private static readonly TimeSpan ConnectionReportInterval = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PrinterConnection[] _connections;
    private readonly SemaphoreSlim _connectGate = new(ConcurrentConnects);
    private readonly CancellationTokenSource _stopping = new();
    private Task _tickLoop = Task.CompletedTask;
    private int _started;
    private int _disposed;

    /// <param name="timeProvider">
    /// The printers' clock: job progress, finishes and the telemetry cadence follow it. Network
    /// retries run on real time regardless.
    /// </param>
    public SimulatedFleet(SimulatorOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(options));

        Options = options;
        _time = timeProvider;
        _logger = loggerFactory.CreateLogger<SimulatedFleet>();
        var printerLogger = loggerFactory.CreateLogger<SimulatedPrinter>();
        var connectionLogger = loggerFactory.CreateLogger<PrinterConnection>();
        var factory = new MqttClientFactory();

        _connections = new PrinterConnection[options.Printers];
        var printers = new SimulatedPrinter[options.Printers];
        for (var i = 0; i < options.Printers; i++)
        {
            printers[i] = FleetRoster.CreatePrinter(options, i + 1, timeProvider, printerLogger);
            _connections[i] = new PrinterConnection(printers[i], factory, options.BrokerHost, options.BrokerPort,
                _connectGate, connectionLogger);
        }
        Printers = printers;
    }

    public SimulatorOptions Options { get; }

    /// <summary>In printer-number order: Printers[0] is sim-001.</summary>
    public IReadOnlyList<SimulatedPrinter> Printers { get; }

    /// <summary>Printers currently connected, subscribed and announced online.</summary>
    public int OnlineCount => _connections.Count(c => c.IsOnline);

    /// <summary>Job events produced but not yet acknowledged by the broker.</summary>
    public int PendingEvents => _connections.Sum(c => c.PendingEvents);

    /// <summary>
    /// Starts connecting every printer and the shared tick loop, then returns; printers keep
    /// (re)connecting in the background. Use <see cref="WaitUntilOnlineAsync"/> to wait for them.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
            throw new InvalidOperationException("The fleet is already started.");

        _logger.LogInformation(
            "Starting {Printers} simulated printers ({FirstId}…{LastId}) against {BrokerHost}:{BrokerPort}, seed {Seed}, failure rate {FailureRate}, telemetry {TelemetryHz} Hz",
            Options.Printers, Printers[0].Id, Printers[^1].Id, Options.BrokerHost, Options.BrokerPort, Options.Seed,
            Options.FailureRate, Options.TelemetryHz);
        foreach (var connection in _connections) connection.Start(_stopping.Token);
        _tickLoop = TickLoopAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>Completes once every printer is online at the same time (polls; for tests and startup).</summary>
    public async Task WaitUntilOnlineAsync(CancellationToken cancellationToken)
    {
        while (OnlineCount < _connections.Length)
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops ticking, then every printer flushes its events, announces offline and disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping.Cancel();
        try
        {
            await _tickLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(_connections.Select(c => c.StopAsync())).ConfigureAwait(false);
        if (Volatile.Read(ref _started) != 0)
            _logger.LogInformation("{Printers} simulated printers went offline in {Milliseconds:F0} ms",
                _connections.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _stopping.Dispose();
        _connectGate.Dispose();
    }

    private async Task TickLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / Options.TelemetryHz), _time);
        var lastReportedOnline = -1;
        var lastReport = long.MinValue;
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
        {
            foreach (var connection in _connections)
            {
                try
                {
                    connection.Tick();
                }
                catch (Exception ex)
                {
                    // One broken printer must not stop the rest of the farm.
                    _logger.LogError(ex, "{PrinterId} tick failed", connection.Printer.Id);
                }
            }

            // A fleet-level summary instead of a line per printer connecting.
            if (lastReport != long.MinValue && Stopwatch.GetElapsedTime(lastReport) < ConnectionReportInterval) continue;
            var online = OnlineCount;
            if (online != lastReportedOnline)
            {
                _logger.LogInformation("{Online}/{Printers} printers online, {PendingEvents} events waiting for the broker",
                    online, _connections.Length, PendingEvents);
                lastReportedOnline = online;
            }
            lastReport = Stopwatch.GetTimestamp();
        }
    }
}
