using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Metrics;
using PrintFarm.Printers;
using PrintFarm.Silo.Telemetry;

namespace PrintFarm.Silo.Stats;

/// <summary>
/// Listens to the grains' latency histogram and writes a <see cref="SiloStatsSnapshot"/> to
/// <see cref="StatsOptions.Path"/> every interval (write then rename, so a reader never sees half
/// a file). Registered only when the option is set: with it off, nothing listens and the
/// grains' <c>Record</c> is skipped.
/// </summary>
public sealed partial class SiloStatsWriter(
    IOptions<StatsOptions> options,
    IngressStats ingress,
    TimeProvider clock,
    ILogger<SiloStatsWriter> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly StatsOptions _options = options.Value;
    private readonly LatencyHistogram _latency = new();
    private MeterListener? _listener;
    private int _gcServed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = System.IO.Path.GetFullPath(_options.Path!);
        var gcRequest = System.IO.Path.GetFullPath(_options.GcRequestPath ?? path + ".gc");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);

        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == FarmMetrics.MeterName && instrument.Name == FarmMetrics.TelemetryLatencyName)
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => _latency.Record(value));
        _listener.Start();
        LogWriting(path);

        using var timer = new PeriodicTimer(_options.Interval, clock);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var fullGc = false;
                if (File.Exists(gcRequest))
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                    File.Delete(gcRequest);
                    fullGc = true;
                    _gcServed++;
                }
                var snapshot = new SiloStatsSnapshot
                {
                    At = clock.GetUtcNow(),
                    ProcessId = Environment.ProcessId,
                    Telemetry = ingress.Telemetry,
                    Superseded = ingress.Superseded,
                    Events = ingress.Events,
                    Statuses = ingress.Statuses,
                    Dropped = ingress.Malformed + ingress.UnknownTopic,
                    TelemetryLatencyBuckets = _latency.Snapshot(),
                    ManagedHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
                    ProcessRssBytes = Environment.WorkingSet,
                    AfterFullGc = fullGc,
                    FullGcRequestsServed = _gcServed,
                    Gen2Collections = GC.CollectionCount(2),
                };
                var temp = path + ".tmp";
                await File.WriteAllBytesAsync(temp, JsonSerializer.SerializeToUtf8Bytes(snapshot, Json), stoppingToken);
                File.Move(temp, path, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogWriteFailed(path, ex.Message);
            }
            try { await timer.WaitForNextTickAsync(stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    public override void Dispose()
    {
        _listener?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Writing silo stats to {Path}")]
    private partial void LogWriting(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write silo stats to {Path}: {Error}")]
    private partial void LogWriteFailed(string path, string error);
}
