using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PrintFarm.PrinterSimulator;

namespace PrintFarm.Tests.EndToEnd;

/// <summary>
/// The farm's schedules over HTTP: the Quartz late-order sweep listing a late order in
/// <c>GET /api/farm</c>, and operators' maintenance windows in the fleet view.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SchedulesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> PlaceOrder(FarmHost farm, string body)
    {
        var placed = await farm.Http.PostAsync("/api/orders", Json(body), Ct);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        return JsonDocument.Parse(await placed.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("reference").GetString()!;
    }

    [Fact]
    public async Task The_sweep_lists_an_order_whose_promise_has_passed_and_the_order_says_it_is_late()
    {
        // A farm that promises a pickup order seconds after placement (no packing, no margins, a
        // part without a printer assumed to start at once) and has no printer for PLA: the promise
        // passes while the order waits in the queue. The sweep runs every second.
        await using var farm = new FarmHost(settings: new Dictionary<string, string?>
        {
            ["Schedules:LateOrderSweep"] = "00:00:01",
            ["Estimates:Packing"] = "00:00:00",
            ["Estimates:MinimumSafetyMargin"] = "00:00:00",
            ["Estimates:SafetyMarginShare"] = "0",
            ["Estimates:UnplannedStartDelay"] = "00:00:01",
        });
        await farm.Start();

        var pickup = await PlaceOrder(farm, """
            {"customer": {"name": "Ada", "email": "ada@example.com"},
             "items": [{"design": "bracket-v4", "material": "PLA", "quantity": 1, "estimatedPrintSeconds": 2}],
             "shipping": {"method": "pickup"}}
            """);
        var onTime = await PlaceOrder(farm, ApiModels.ValidOrder); // shipped: promised days from now

        var overview = await Eventually.Get(() => farm.Get<JsonElement>("/api/farm"),
            f => f.GetProperty("lateOrders").EnumerateArray().Any(o => o.GetProperty("reference").GetString() == pickup),
            Patience, $"order {pickup} listed late");
        var late = overview.GetProperty("lateOrders").EnumerateArray().Single(o => o.GetProperty("reference").GetString() == pickup);
        Assert.Equal("Queued", late.GetProperty("stage").GetString());
        Assert.Equal("PromisePassed", late.GetProperty("reason").GetString());
        Assert.True(TimeSpan.Parse(late.GetProperty("lateBy").GetString()!) > TimeSpan.Zero);
        var promised = late.GetProperty("promised").GetDateTimeOffset();
        Assert.True(promised < late.GetProperty("checkedAt").GetDateTimeOffset());
        Assert.True(late.TryGetProperty("currentEstimate", out _));
        Assert.DoesNotContain(overview.GetProperty("lateOrders").EnumerateArray(), o => o.GetProperty("reference").GetString() == onTime);

        // The order itself says so, and so does its tracking page.
        var order = await Eventually.Get(() => farm.Get<JsonElement>($"/api/orders/{pickup}"),
            o => o.TryGetProperty("late", out _), Patience, $"order {pickup} to say it is late");
        Assert.Equal("PromisePassed", order.GetProperty("late").GetProperty("reason").GetString());
        Assert.Equal(promised, order.GetProperty("promisedDeliverBy").GetDateTimeOffset());
        Assert.False((await farm.Get<JsonElement>($"/api/orders/{onTime}")).TryGetProperty("late", out _));
        var page = await farm.Http.GetStringAsync($"/tracking/{pickup}", Ct);
        Assert.Contains("running late", page);
    }

    [Fact]
    public async Task Operators_set_and_remove_a_printers_window_and_the_fleet_view_shows_it()
    {
        await using var farm = new FarmHost(printers: FarmHost.Fleet("mw-", 1));
        await farm.Start();
        await using var fleet = new SimulatedFleet(
            new SimulatorOptions { Printers = 1, BrokerPort = farm.MqttPort, FailureRate = 0, Seed = 5, TelemetryHz = 2, IdPrefix = "mw-", Materials = ["PETG"], Logins = farm.Logins },
            TimeProvider.System, NullLoggerFactory.Instance);
        await fleet.StartAsync(Ct);
        var printer = (await Eventually.Get(() => farm.Get<JsonElement>("/api/printers"), p => p.GetArrayLength() == 1, Patience, "the printer online"))[0]
            .GetProperty("printerId").GetString()!;

        // A bad cron: 400 naming the field, and nothing kept.
        var bad = await farm.Http.PutAsync($"/api/printers/{printer}/maintenance", Json("""{"cron": "0 0 25 * * ?", "duration": "01:00:00"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").TryGetProperty("cron", out _));
        Assert.Equal(0, (await farm.Get<JsonElement>("/api/maintenance")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound,
            (await farm.Http.PutAsync("/api/printers/nobody/maintenance", Json("""{"cron": "0 0 2 ? * SUN", "duration": "01:00:00"}"""), Ct)).StatusCode);

        // Every hour on the hour for two hours: always on.
        var set = await farm.Http.PutAsync($"/api/printers/{printer}/maintenance", Json("""{"cron": "0 0 * * * ?", "duration": "02:00:00", "name": "bed levelling"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var kept = JsonDocument.Parse(await set.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(("bed levelling", true), (kept.GetProperty("name").GetString(), kept.GetProperty("active").GetBoolean()));

        var shown = (await farm.Get<JsonElement>("/api/printers"))[0].GetProperty("maintenance");
        Assert.Equal(("bed levelling", true), (shown.GetProperty("window").GetString(), shown.GetProperty("active").GetBoolean()));
        Assert.True(shown.GetProperty("end").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.True((await farm.Get<JsonElement>($"/api/printers/{printer}")).TryGetProperty("maintenance", out _));
        var windows = (await farm.Get<JsonElement>("/api/farm")).GetProperty("maintenance");
        Assert.Equal(printer, windows[0].GetProperty("printers")[0].GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await farm.Http.DeleteAsync($"/api/printers/{printer}/maintenance", Ct)).StatusCode);
        Assert.False((await farm.Get<JsonElement>("/api/printers"))[0].TryGetProperty("maintenance", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.DeleteAsync($"/api/printers/{printer}/maintenance", Ct)).StatusCode);
    }
}
