using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrintFarm.Bench.Cluster;

/// <summary>Places orders through the gateway's public API, as shops and customers do.</summary>
public sealed class OrderLoad(HttpClient gateway, int seed)
{
    private long _placed, _failed;

    public long Placed => Interlocked.Read(ref _placed);
    public long Failed => Interlocked.Read(ref _failed);
    /// <summary>Why the last refused order was refused (status and the start of the answer), for the notes.</summary>
    public string? LastRefusal { get; private set; }

    /// <summary>An order of one item; short prints so parts really finish during a run.</summary>
    public static JsonObject Body(string material, int copies, int printSeconds, bool express, int number) => new()
    {
        ["customer"] = new JsonObject { ["name"] = $"Bench {number}", ["email"] = $"bench{number}@example.com" },
        ["items"] = new JsonArray(new JsonObject
        {
            ["design"] = $"bench-part-{number % 97}",
            ["material"] = material,
            ["quantity"] = copies,
            ["estimatedPrintSeconds"] = printSeconds,
        }),
        ["shipping"] = new JsonObject
        {
            ["method"] = express ? "express" : "standard",
            ["address"] = new JsonObject
            {
                ["name"] = "Bench", ["street1"] = "1 Rue X", ["city"] = "Paris", ["postalCode"] = "75001", ["country"] = "FR",
            },
        },
    };

    /// <summary>Places one order; its reference, or null when the farm refused it.</summary>
    public async Task<string?> Place(JsonObject body, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await gateway.PostAsJsonAsync("/api/orders", body, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                var answer = await response.Content.ReadAsStringAsync(cancellationToken);
                LastRefusal = $"{(int)response.StatusCode} {answer[..Math.Min(200, answer.Length)]}";
                Interlocked.Increment(ref _failed);
                return null;
            }
            var created = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            Interlocked.Increment(ref _placed);
            return created.GetProperty("reference").GetString();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LastRefusal = ex.Message;
            Interlocked.Increment(ref _failed);
            return null;
        }
    }

    /// <summary>Places <paramref name="count"/> standard orders with a few in flight at once; returns the elapsed time.</summary>
    public Task<TimeSpan> PlaceMany(int count, IReadOnlyList<string> materials, int concurrency, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var seconds = Enumerable.Range(0, count).Select(_ => 60 + random.Next(240)).ToArray();
        return PlaceMany(count, n => Body(materials[n % materials.Count], 1 + n % 2, seconds[n], express: false, n), concurrency, cancellationToken);
    }

    /// <summary>Places the orders <paramref name="body"/> makes of 0 to count - 1, <paramref name="concurrency"/> in flight at once; returns the elapsed time.</summary>
    public async Task<TimeSpan> PlaceMany(int count, Func<int, JsonObject> body, int concurrency, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count && !cancellationToken.IsCancellationRequested)
                await Place(body(n), cancellationToken);
        }, cancellationToken)));
        return Stopwatch.GetElapsedTime(started);
    }
}
