using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PrintFarm.Dispatch;
using PrintFarm.Estimates;
using PrintFarm.Jobs;
using PrintFarm.Maintenance;
using PrintFarm.Orders;
using PrintFarm.Printers;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Tests.EndToEnd;

/// <summary>
/// The customer's path waits on no grain of which the farm has one: with every such grain out of
/// reach (as when the silo holding them has just died), orders are still placed, read and
/// tracked, and the operators' views answer 503 with Retry-After at once instead of hanging.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CustomerPathTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Well under Orleans' 30 s call timeout: what "at once" means here.</summary>
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(10);

    private static readonly Type[] FarmWide =
    [
        typeof(IPrintTimeGrain), typeof(IMaintenanceGrain), typeof(IOrderBoardGrain), typeof(IJobBoardGrain),
        typeof(IFleetGrain), typeof(IPoolsGrain), typeof(IPrinterRegistryGrain),
    ];

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task With_every_farm_wide_grain_out_of_reach_orders_are_placed_read_and_tracked_and_views_say_503_at_once()
    {
        var cut = new GrainsOutOfReach(FarmWide);
        await using var farm = new FarmHost(
            settings: new Dictionary<string, string?> { ["Gateway:ViewPatience"] = "00:00:01" },
            siloServices: services => services.AddSingleton<IIncomingGrainCallFilter>(cut));
        await farm.Start();
        var ct = TestContext.Current.CancellationToken;

        var watch = Stopwatch.StartNew();
        var placed = await farm.Http.PostAsync("/api/orders", Json(ApiModels.ValidOrder), ct);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.True(watch.Elapsed < Promptly, $"placing an order took {watch.Elapsed}");
        var order = JsonDocument.Parse(await placed.Content.ReadAsStringAsync(ct)).RootElement;
        var reference = order.GetProperty("reference").GetString()!;
        // No learned print times within reach: the estimate says what it rests on.
        Assert.Contains("slicer's times alone", order.GetProperty("estimate").GetProperty("reason").GetString());

        var read = await farm.Get<JsonElement>($"/api/orders/{reference}");
        Assert.Equal(reference, read.GetProperty("reference").GetString());
        Assert.Equal("Queued", read.Status());
        var page = await farm.Http.GetAsync($"/tracking/{reference}", ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using (var events = new CancellationTokenSource(Promptly))
        {
            using var stream = await farm.Http.GetStreamAsync($"/api/orders/{reference}/events", events.Token);
            using var reader = new StreamReader(stream);
            string? line;
            while ((line = await reader.ReadLineAsync(events.Token)) is not null && !line.StartsWith("data:", StringComparison.Ordinal)) { }
            Assert.Contains(reference, line);
        }

        foreach (var view in new[] { "/api/printers", "/api/jobs", "/api/queue", "/api/farm", "/api/maintenance", "/api/printers/registrations" })
        {
            watch.Restart();
            var response = await farm.Http.GetAsync(view, ct);
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{view} answered {(int)response.StatusCode}");
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.True(watch.Elapsed < Promptly, $"{view} took {watch.Elapsed} to say it is unavailable");
        }
        Assert.True(cut.Calls > 0, "the farm-wide grains were asked (and did not answer)");

        // Once they are back, so are the views, and the order goes on to be printed.
        cut.Restore();
        await Eventually.Get(async () => (await farm.Http.GetAsync("/api/printers", ct)).StatusCode, s => s == HttpStatusCode.OK, Patience, "the fleet view back");
        var queue = await Eventually.Get(() => farm.Get<JsonElement>("/api/queue"), q => q.GetProperty("depth").GetInt32() == 2, Patience,
            "the order's two jobs in their pool's queue");
        Assert.Equal("FDM/PLA", queue.GetProperty("pools")[0].GetProperty("pool").GetString());
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_first_order_never_a_second()
    {
        await using var farm = new FarmHost();
        await farm.Start();
        var ct = TestContext.Current.CancellationToken;

        async Task<HttpResponseMessage> Place(string body, string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = Json(body) };
            if (key is not null) request.Headers.TryAddWithoutValidation(IdempotencyKey.Header, key);
            return await farm.Http.SendAsync(request, ct);
        }
        static async Task<string> ReferenceOf(HttpResponseMessage response) =>
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("reference").GetString()!;

        var key = Guid.NewGuid().ToString();
        var first = await Place(ApiModels.ValidOrder, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        var again = await Place(ApiModels.ValidOrder, key);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await ReferenceOf(first), await ReferenceOf(again));
        Assert.Equal(first.Headers.Location, again.Headers.Location);

        // The same key for another order is refused, and nothing is placed.
        var other = await Place(ApiModels.ValidOrder.Replace("\"quantity\": 2", "\"quantity\": 3"), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Contains("already used for a different order", await other.Content.ReadAsStringAsync(ct));

        // A key that is not one is a 400 naming the header; no key places a new order each time.
        foreach (var notAKey in new[] { new string('k', 300), "order-1", "sixteen chars ok" })
        {
            var bad = await Place(ApiModels.ValidOrder, notAKey);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains(IdempotencyKey.Header, await bad.Content.ReadAsStringAsync(ct));
        }
        var (a, b) = (await Place(ApiModels.ValidOrder, null), await Place(ApiModels.ValidOrder, null));
        Assert.NotEqual(await ReferenceOf(a), await ReferenceOf(b));

        var jobs = await Eventually.Get(() => farm.Get<JsonElement>("/api/queue"), q => q.GetProperty("depth").GetInt32() == 6, Patience,
            "the three orders' jobs queued, and no more");
        Assert.Equal(6, jobs.GetProperty("depth").GetInt32());
    }
}
