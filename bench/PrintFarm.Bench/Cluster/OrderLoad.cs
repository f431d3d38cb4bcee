using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrintFarm.Bench.Cluster;

/// <summary>
/// Places orders through the gateway's public API, as a shop's integration should: an order
/// answered 503 is sent again after its Retry-After, with the same Idempotency-Key, so one that
/// was placed after all is not placed twice.
/// </summary>
public sealed class OrderLoad(HttpClient gateway, int seed)
{
    /// <summary>503s an order is sent again after, before it counts as refused.</summary>
    private const int MostRetries = 30;

    private long _placed, _failed, _waited;

    public long Placed => Interlocked.Read(ref _placed);
    public long Failed => Interlocked.Read(ref _failed);
    /// <summary>503 answers with Retry-After, each waited out and sent again (a busy farm's backpressure).</summary>
    public long AskedToWait => Interlocked.Read(ref _waited);
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
        var key = Guid.NewGuid().ToString("N");
        for (var attempt = 0; ; attempt++)
        {
            var (reference, retryAfter) = await PlaceOnce(body, key, cancellationToken);
            if (reference is not null)
            {
                Interlocked.Increment(ref _placed);
                return reference;
            }
            if (retryAfter is not { } wait || attempt == MostRetries)
            {
                Interlocked.Increment(ref _failed);
                return null;
            }
            Interlocked.Increment(ref _waited);
            await Task.Delay(wait, cancellationToken);
        }
    }

    /// <summary>One request: the reference, or null and, on a 503 with Retry-After, how long to wait before sending it again.</summary>
    private async Task<(string? Reference, TimeSpan? RetryAfter)> PlaceOnce(JsonObject body, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await gateway.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                var answer = await response.Content.ReadAsStringAsync(cancellationToken);
                LastRefusal = $"{(int)response.StatusCode} {answer[..Math.Min(200, answer.Length)]}";
                return (null, response.StatusCode == HttpStatusCode.ServiceUnavailable ? response.Headers.RetryAfter?.Delta : null);
            }
            var created = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return (created.GetProperty("reference").GetString(), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LastRefusal = ex.Message;
            return (null, null);
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
