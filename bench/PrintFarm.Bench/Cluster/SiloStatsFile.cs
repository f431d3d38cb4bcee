using System.Text.Json;
using PrintFarm.Metrics;

namespace PrintFarm.Bench.Cluster;

/// <summary>Reads the stats file a silo writes under <c>Stats:Path</c>, and asks it for a full collection.</summary>
public sealed class SiloStatsFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Path { get; } = path;

    public SiloStatsSnapshot? TryRead()
    {
        try { return File.Exists(Path) ? JsonSerializer.Deserialize<SiloStatsSnapshot>(File.ReadAllBytes(Path), Json) : null; }
        catch (Exception ex) when (ex is IOException or JsonException) { return null; }
    }

    /// <summary>The next snapshot written after now (so counters and time belong together).</summary>
    public async Task<SiloStatsSnapshot> Next(CancellationToken cancellationToken)
    {
        var before = TryRead()?.At;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (TryRead() is { } now && now.At != before) return now;
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"The silo stopped writing {Path}.");
    }

    /// <summary>Asks for a full compacting collection and returns the snapshot taken right after it.</summary>
    public async Task<SiloStatsSnapshot> AfterFullGc(CancellationToken cancellationToken)
    {
        var served = TryRead()?.FullGcRequestsServed ?? 0;
        await File.WriteAllTextAsync(Path + ".gc", "", cancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (TryRead() is { } now && now.FullGcRequestsServed > served) return now;
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"The silo did not answer the collection request at {Path}.gc.");
    }
}
