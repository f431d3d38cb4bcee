using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace PrintFarm.Bench.Cluster;

/// <summary>
/// Follows orders on their SSE stream (<c>GET /api/orders/{ref}/events</c>) and notes when the
/// first event showing the part past printing, with its recomputed estimate, arrives. Against the
/// moment the job's finish was on the broker (<see cref="FinishWatcher"/>), that is the
/// completion → estimate-on-SSE latency.
/// </summary>
public sealed class OrderFollower(HttpClient gateway, FinishWatcher finishes)
{
    private static readonly HashSet<string> PastPrinting = ["PostProcessing", "QualityCheck", "Done"];
    private readonly ConcurrentDictionary<string, (string JobId, long SeenAt)> _seen = new(StringComparer.Ordinal);
    private readonly List<Task> _streams = [];

    public int Followed => _streams.Count;
    public int Completed => _seen.Count;

    public void Follow(string reference, CancellationToken cancellationToken) =>
        _streams.Add(Task.Run(() => Read(reference, cancellationToken), cancellationToken));

    /// <summary>Milliseconds from each finish on the broker to the order's SSE event showing it.</summary>
    public List<double> Latencies()
    {
        var latencies = new List<double>();
        foreach (var (_, (jobId, seenAt)) in _seen)
        {
            if (finishes.FinishedAt(jobId) is not { } finishedAt) continue;
            latencies.Add(Math.Max(0, (seenAt - finishedAt) * 1000.0 / Stopwatch.Frequency));
        }
        return latencies;
    }

    private async Task Read(string reference, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{reference}/events");
            using var response = await gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (!line.StartsWith("data:", StringComparison.Ordinal)) continue;
                var now = Stopwatch.GetTimestamp();
                using var order = JsonDocument.Parse(line.AsMemory(5));
                if (!order.RootElement.TryGetProperty("estimate", out var estimate) || estimate.ValueKind != JsonValueKind.Object) continue;
                var job = order.RootElement.GetProperty("items")[0].GetProperty("jobs")[0];
                var status = job.GetProperty("status").GetString() ?? "";
                if (!PastPrinting.Contains(status)) continue;
                _seen.TryAdd(reference, (job.GetProperty("jobId").GetString()!, now));
                return;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            // Stopped, or the gateway went away: the order simply counts as not seen.
        }
    }
}
