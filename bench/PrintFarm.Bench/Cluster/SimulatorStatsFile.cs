using System.Text.Json;

namespace PrintFarm.Bench.Cluster;

/// <summary>The shared-connection simulator's stats file (<c>--stats-file</c>).</summary>
public sealed class SimulatorStatsFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Path { get; } = path;

    public SimulatorStats? TryRead()
    {
        try { return File.Exists(Path) ? JsonSerializer.Deserialize<SimulatorStats>(File.ReadAllBytes(Path), Json) : null; }
        catch (Exception ex) when (ex is IOException or JsonException) { return null; }
    }

    public async Task<SimulatorStats> WaitFor(Func<SimulatorStats, bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (TryRead() is { } stats && condition(stats)) return stats;
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"Timed out waiting for {what} ({Path}: {(TryRead() is { } last ? last.ToString() : "not written")}).");
    }
}

/// <summary>Same shape as the simulator's SharedFleetStats; the bench does not reference the simulator.</summary>
public sealed record SimulatorStats(DateTimeOffset At, int Printers, int Online, long Telemetry, long TelemetrySkipped,
    long Events, long Commands, long PendingEvents, int Printing)
{
    /// <summary>Several simulators' counters as one fleet's (the latest moment of them).</summary>
    public static SimulatorStats Sum(IReadOnlyCollection<SimulatorStats> all) => new(
        all.Count == 0 ? DateTimeOffset.MinValue : all.Max(s => s.At), all.Sum(s => s.Printers), all.Sum(s => s.Online),
        all.Sum(s => s.Telemetry), all.Sum(s => s.TelemetrySkipped), all.Sum(s => s.Events), all.Sum(s => s.Commands),
        all.Sum(s => s.PendingEvents), all.Sum(s => s.Printing));
}
