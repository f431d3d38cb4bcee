using System.Net;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PrintFarm.PrinterSimulator;

namespace PrintFarm.Tests.EndToEnd;

/// <summary>Operators steering orders over HTTP, and customers following them live over SSE.</summary>
[Trait("Category", "EndToEnd")]
public sealed class OperatorFlowTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> PlaceOrder(FarmHost farm, string body = ApiModels.ValidOrder)
    {
        var placed = await farm.Http.PostAsync("/api/orders", Json(body), Ct);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        return JsonDocument.Parse(await placed.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("reference").GetString()!;
    }

    private static async Task<JsonElement> Post(FarmHost farm, string path, string body, HttpStatusCode expected)
    {
        var response = await farm.Http.PostAsync(path, Json(body), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"POST {path} {body}: expected {expected}, got {response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>An open event stream of an order, as a browser's EventSource holds one.</summary>
    private sealed class EventStream(HttpClient client, HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events) : IAsyncDisposable
    {
        public async Task<(string Id, JsonElement Order)> Next()
        {
            var next = events.MoveNextAsync().AsTask();
            Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(30), Ct), "the stream ended");
            Assert.Equal("order", events.Current.EventType);
            return (events.Current.EventId!, JsonDocument.Parse(events.Current.Data).RootElement);
        }

        public async ValueTask DisposeAsync()
        {
            response.Dispose(); // closes the connection, as a browser leaving the page does
            try { await events.DisposeAsync(); } catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException) { }
            client.Dispose();
        }
    }

    private static async Task<EventStream> Listen(FarmHost farm, string reference, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{reference}/events");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        // A client of its own, as each browser tab has: a stream cut mid-body must not leave a
        // broken connection in a pool the next request would pick.
        var client = new HttpClient { BaseAddress = farm.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var stream = await response.Content.ReadAsStreamAsync(Ct);
        return new EventStream(client, response, SseParser.Create(stream).EnumerateAsync(Ct).GetAsyncEnumerator(Ct));
    }

    [Fact]
    public async Task A_customer_sees_each_change_live_and_resumes_after_a_reconnect()
    {
        await using var farm = new FarmHost();
        await farm.Start();
        var reference = await PlaceOrder(farm); // no printers: it waits in the queue

        var events = await Listen(farm, reference);
        var (firstId, first) = await events.Next();
        Assert.Equal("Queued", first.Status());
        Assert.Equal(reference, first.GetProperty("reference").GetString());

        await Post(farm, $"/api/orders/{reference}/status", """{"status": "OnHold", "message": "We are checking your file"}""", HttpStatusCode.OK);
        var (heldId, held) = await events.Next();
        Assert.Equal("OnHold", held.Status());
        Assert.Equal("We are checking your file", held.GetProperty("message").GetString());
        Assert.True(long.Parse(heldId) > long.Parse(firstId));
        await events.DisposeAsync();

        // Reconnect saying what we saw last: the next event is the next change, not a repeat.
        var resumed = await Listen(farm, reference, heldId);
        await Post(farm, $"/api/orders/{reference}/status", """{"status": "Queued"}""", HttpStatusCode.OK);
        var (releasedId, released) = await resumed.Next();
        Assert.Equal("Queued", released.Status());
        Assert.True(long.Parse(releasedId) > long.Parse(heldId));
        await resumed.DisposeAsync();

        // A client that missed changes gets the order as it is now, straight away.
        var late = await Listen(farm, reference, firstId);
        var (_, current) = await late.Next();
        Assert.Equal("Queued", current.Status());
        Assert.Contains(current.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("status").GetString() == "OnHold");
        await late.DisposeAsync();

        var missing = await farm.Http.GetAsync("/api/orders/PF-ZZZZZZZZZZ/events", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Forbidden_moves_get_409_naming_what_is_allowed_and_change_nothing()
    {
        await using var farm = new FarmHost();
        await farm.Start();
        var reference = await PlaceOrder(farm);
        var before = await farm.Get<JsonElement>($"/api/orders/{reference}");

        var jump = await Post(farm, $"/api/orders/{reference}/status", """{"status": "Delivered"}""", HttpStatusCode.Conflict);
        Assert.Equal(["OnHold", "Cancelled"], jump.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("From here: OnHold, Cancelled", jump.GetProperty("detail").GetString());
        await Post(farm, $"/api/orders/{reference}/shipment", """{"carrier": "DHL", "trackingNumber": "1"}""", HttpStatusCode.Conflict);
        await Post(farm, $"/api/orders/{reference}/status", """{"status": "Printing"}""", HttpStatusCode.Conflict);
        var unknown = await Post(farm, $"/api/orders/{reference}/status", """{"status": "Teleported"}""", HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("status", out _));
        await Post(farm, $"/api/orders/{reference}/shipment", """{"trackingNumber": "1"}""", HttpStatusCode.BadRequest);

        var after = await farm.Get<JsonElement>($"/api/orders/{reference}");
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());

        var cancelled = await Post(farm, $"/api/orders/{reference}/cancel", """{"message": "As you asked"}""", HttpStatusCode.OK);
        Assert.Equal("Cancelled", cancelled.Status());
        Assert.Equal("Cancelled", cancelled.GetProperty("statuses").GetProperty("sculpteo").GetString());
        Assert.Equal(0, (await farm.Get<JsonElement>("/api/queue")).GetProperty("depth").GetInt32());
    }

    [Fact]
    public async Task An_operator_fails_a_part_at_quality_check_then_passes_the_reprint_and_ships_it()
    {
        await using var clock = new RunningClock();
        await using var farm = new FarmHost(settings: new Dictionary<string, string?> { ["Jobs:QualityCheckMode"] = "Operator" }, siloServices: clock.Drive, printers: FarmHost.Fleet("qc-", 1));
        await farm.Start();
        await using var fleet = new SimulatedFleet(
            new SimulatorOptions { Printers = 1, BrokerPort = farm.MqttPort, FailureRate = 0, Seed = 5, TelemetryHz = 2, IdPrefix = "qc-", Materials = ["PLA"], Logins = farm.Logins },
            TimeProvider.System, NullLoggerFactory.Instance);
        await fleet.StartAsync(Ct);
        var reference = await PlaceOrder(farm, ApiModels.ValidOrder.Replace("\"quantity\": 2", "\"quantity\": 1"));

        var atQc = await Eventually.Get(() => farm.Get<JsonElement>($"/api/orders/{reference}"), o => o.Status() == "QualityCheck", Patience, "quality check");
        var jobId = atQc.GetProperty("items")[0].GetProperty("jobs")[0].GetProperty("jobId").GetString()!;
        // It waits for a person, longer than the configured QC time (Jobs:QualityCheck, 1 s here).
        // The silo runs on a clock the test holds: moved on five QC times (an automatic check's
        // timer would be due), but less than Printers:OfflineAfter (10 s), so the printer, whose
        // reports the silo stamps on this clock, is not taken for silent. The job answers after
        // any tick the clock made due on it, and such a tick tells the order before it is done.
        JsonElement waiting;
        clock.Hold();
        try
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            waiting = await farm.Get<JsonElement>($"/api/jobs/{jobId}");
        }
        finally
        {
            clock.Release();
        }
        Assert.Equal("QualityCheck", waiting.GetProperty("status").GetString());
        Assert.Equal("QualityCheck", (await farm.Get<JsonElement>($"/api/orders/{reference}")).Status());

        await Post(farm, $"/api/jobs/{jobId}/qc", """{"pass": false}""", HttpStatusCode.BadRequest); // a failure needs a reason
        var failed = await Post(farm, $"/api/jobs/{jobId}/qc", """{"pass": false, "reason": "warped corner"}""", HttpStatusCode.OK);
        Assert.Equal(2, failed.GetProperty("attempt").GetInt32());
        var reprinting = await farm.Get<JsonElement>($"/api/orders/{reference}");
        Assert.Equal("failed quality check: warped corner, reprinting, attempt 2", reprinting.GetProperty("items")[0].GetProperty("problem").GetString());

        await Eventually.Get(() => farm.Get<JsonElement>($"/api/orders/{reference}"), o => o.Status() == "QualityCheck", Patience, "the reprint at quality check");
        await Post(farm, $"/api/jobs/{jobId}/qc", """{"pass": true}""", HttpStatusCode.OK);
        await Post(farm, $"/api/jobs/{jobId}/qc", """{"pass": true}""", HttpStatusCode.Conflict); // already done
        var ready = await Eventually.Get(() => farm.Get<JsonElement>($"/api/orders/{reference}"), o => o.Status() == "ReadyToShip", Patience, "ready to ship");

        var shipped = await Post(farm, $"/api/orders/{reference}/shipment", """{"carrier": "DHL", "trackingNumber": "JD014600"}""", HttpStatusCode.OK);
        Assert.Equal("Shipped", shipped.Status());
        var shipment = shipped.GetProperty("shipment");
        Assert.Equal("JD014600", shipment.GetProperty("trackingNumber").GetString());
        Assert.Contains("JD014600", shipment.GetProperty("trackingUrl").GetString());
        var delivered = await Post(farm, $"/api/orders/{reference}/status", """{"status": "Delivered"}""", HttpStatusCode.OK);
        Assert.Equal("Delivered", delivered.Status());
        Assert.Equal("Delivered", delivered.GetProperty("statuses").GetProperty("digifabster").GetString());
        var stages = delivered.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("status").GetString()).Distinct().ToList();
        Assert.Equal(["Received", "Queued", "Printing", "PostProcessing", "QualityCheck", "ReadyToShip", "Shipped", "Delivered"], stages);
    }
}
