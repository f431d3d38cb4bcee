using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using PrintFarm.PrinterSimulator;

namespace PrintFarm.Tests.EndToEnd;

/// <summary>
/// The path a user takes, through every real piece: HTTP into the gateway, Orleans, the SQLite
/// store, the embedded MQTT broker, and simulated printers speaking MQTT.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class FarmEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task An_order_over_http_is_printed_by_simulated_printers_over_mqtt_and_reaches_ready_to_ship()
    {
        await using var farm = new FarmHost(printers: FarmHost.Fleet("e2e-", 3));
        await farm.Start();
        await using var fleet = new SimulatedFleet(
            new SimulatorOptions { Printers = 3, BrokerPort = farm.MqttPort, FailureRate = 0, Seed = 7, TelemetryHz = 2, IdPrefix = "e2e-", Materials = ["PLA"], Logins = farm.Logins },
            TimeProvider.System, NullLoggerFactory.Instance);
        await fleet.StartAsync(TestContext.Current.CancellationToken);

        var printers = await Eventually.Get(() => farm.Get<JsonElement>("/api/printers"),
            p => p.GetArrayLength() == 3 && p.EnumerateArray().All(x => x.GetProperty("connectivity").GetString() == "Online"),
            Patience, "3 printers online");
        Assert.All(printers.EnumerateArray(), p => Assert.Equal("PLA", p.GetProperty("materials")[0].GetString()));

        var placed = await farm.Http.PostAsync("/api/orders", JsonBody(ApiModels.ValidOrder), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var created = JsonDocument.Parse(await placed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var reference = created.GetProperty("reference").GetString()!;
        Assert.Equal($"/tracking/{reference}", created.GetProperty("trackingUrl").GetString());
        Assert.Equal($"/api/orders/{reference}", placed.Headers.Location!.OriginalString);
        var estimate = created.GetProperty("estimate");
        Assert.True(estimate.GetProperty("deliverBy").GetDateTimeOffset() > estimate.GetProperty("shipBy").GetDateTimeOffset());
        Assert.StartsWith("order placed", estimate.GetProperty("reason").GetString());
        Assert.Equal(1, created.GetProperty("estimateHistory").GetArrayLength());

        var ready = await Eventually.Get(() => farm.Get<JsonElement>($"/api/orders/{reference}"),
            o => o.Status() == "ReadyToShip", Patience, $"order {reference} to be ReadyToShip");
        var item = ready.GetProperty("items")[0];
        Assert.Equal("Ready", item.GetProperty("status").GetString());
        Assert.All(item.GetProperty("jobs").EnumerateArray(), j =>
        {
            Assert.Equal("Done", j.GetProperty("status").GetString());
            Assert.StartsWith("e2e-", j.GetProperty("printerId").GetString());
        });
        var stages = ready.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("status").GetString()).ToList();
        Assert.Equal("Received", stages[0]);
        Assert.Equal("ReadyToShip", stages[^1]);
        Assert.Contains("Printing", stages);

        var overview = await farm.Get<JsonElement>("/api/farm");
        Assert.Equal(3, overview.GetProperty("printers").GetProperty("online").GetInt32());
        Assert.Equal(2, overview.GetProperty("jobs").GetProperty("Done").GetInt32());
        Assert.Equal(0, overview.GetProperty("queueDepth").GetInt32());
        var jobs = await farm.Get<JsonElement>("/api/jobs");
        Assert.Equal(2, jobs.GetArrayLength());
        Assert.Equal(0, farm.Ingress.Malformed);
    }

    [Fact]
    public async Task Orders_and_the_queue_survive_a_restart()
    {
        string reference;
        var first = new FarmHost();
        await first.Start();
        // No printers: the order waits in the queue.
        var placed = await first.Http.PostAsync("/api/orders", JsonBody(ApiModels.ValidOrder), TestContext.Current.CancellationToken);
        reference = JsonDocument.Parse(await placed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("reference").GetString()!;
        var before = await first.Get<JsonElement>($"/api/orders/{reference}");
        await first.Stop();

        await using var second = new FarmHost(first.DatabasePath, printers: FarmHost.Fleet("again-", 2));
        await second.Start();
        var after = await second.Get<JsonElement>($"/api/orders/{reference}");
        Assert.Equal(before.GetProperty("timeline").GetRawText(), after.GetProperty("timeline").GetRawText());
        Assert.Equal("Queued", after.Status());
        var queue = await second.Get<JsonElement>("/api/queue");
        Assert.Equal(2, queue.GetProperty("depth").GetInt32());

        // And it is printed once printers come: the restarted farm picks up where it was.
        await using var fleet = new SimulatedFleet(
            new SimulatorOptions { Printers = 2, BrokerPort = second.MqttPort, FailureRate = 0, Seed = 3, TelemetryHz = 2, IdPrefix = "again-", Materials = ["PLA"], Logins = second.Logins },
            TimeProvider.System, NullLoggerFactory.Instance);
        await fleet.StartAsync(TestContext.Current.CancellationToken);
        await Eventually.Get(() => second.Get<JsonElement>($"/api/orders/{reference}"), o => o.Status() == "ReadyToShip", Patience, "the order to be printed after the restart");
    }

    [Fact]
    public async Task Malformed_mqtt_messages_are_counted_and_ingestion_goes_on()
    {
        await using var farm = new FarmHost();
        await farm.Start();
        using var client = new MqttClientFactory().CreateMqttClient();
        // It plays several printers and a topic no printer owns, which no printer's login may: the farm's own account.
        await client.ConnectAsync(farm.FarmClient("rogue").Build(), TestContext.Current.CancellationToken);

        async Task Publish(string topic, string payload) =>
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(), TestContext.Current.CancellationToken);

        await Publish("farm/printers/bad-1/telemetry", "{not json");
        await Publish("farm/printers/bad-1/telemetry", """{"activity":"Flying"}""");
        await Publish("farm/printers/bad-1/events", """{"type":"JobStarted","jobId":"x"}""");      // no eventId
        await Publish("farm/printers/bad-1/status", new string('x', 200_000));                       // far too big
        await Publish("farm/printers/bad%id/telemetry", """{"activity":"Idle"}""");                  // not a printer id
        await Publish("farm/printers/ghost/events", """{"eventId":"g1","type":"JobFinished","jobId":"no-such-job"}"""); // unknown printer and job
        await Publish("farm/printers/late-printer/status", """{"online":true,"model":"MK4","materials":["PLA"]}""");

        var printer = await Eventually.Get(async () => await farm.Http.GetAsync("/api/printers/late-printer"),
            r => r.IsSuccessStatusCode, Patience, "the well-formed printer after the bad messages");
        Assert.Equal(HttpStatusCode.OK, printer.StatusCode);
        // QoS 1 messages are handled in the background, in order per topic only: the late
        // printer's status can be in before the ghost's event has been counted.
        await Eventually.Get(() => Task.FromResult(new { farm.Ingress.Malformed, farm.Ingress.UnknownTopic, farm.Ingress.Events, farm.Ingress.UnknownPrinter }),
            c => c.Malformed >= 4 && c.UnknownTopic >= 1 && c.Events >= 1 && c.UnknownPrinter >= 1, Patience, "the ingress counters to settle");
        Assert.Equal(4, farm.Ingress.Malformed);
        Assert.Equal(1, farm.Ingress.UnknownTopic);
        Assert.Equal(1, farm.Ingress.Events); // the ghost's event was handed over, not thrown...
        Assert.Equal(1, farm.Ingress.UnknownPrinter); // ...and dropped by a printer that never announced itself
        Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.GetAsync("/api/printers/ghost", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Bad_orders_get_a_problem_naming_the_field_and_create_nothing()
    {
        await using var farm = new FarmHost();
        await farm.Start();
        var ct = TestContext.Current.CancellationToken;

        async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected)
        {
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        }

        var noItems = await Problem(await farm.Http.PostAsync("/api/orders", JsonBody(ApiModels.ValidOrder.Replace(
            """[{"design": "bracket-v4", "material": "PLA", "quantity": 2, "estimatedPrintSeconds": 2}]""", "[]")), ct), HttpStatusCode.BadRequest);
        Assert.True(noItems.GetProperty("errors").TryGetProperty("items", out _));

        var zero = await Problem(await farm.Http.PostAsync("/api/orders", JsonBody(ApiModels.ValidOrder.Replace("\"quantity\": 2", "\"quantity\": 0")), ct), HttpStatusCode.BadRequest);
        Assert.True(zero.GetProperty("errors").TryGetProperty("items[0].quantity", out _));

        var country = await Problem(await farm.Http.PostAsync("/api/orders", JsonBody(ApiModels.ValidOrder.Replace("\"FR\"", "\"France\"")), ct), HttpStatusCode.BadRequest);
        Assert.Contains("France", country.GetProperty("errors").GetProperty("shipping.address.country")[0].GetString());

        var street = await Problem(await farm.Http.PostAsync("/api/orders", JsonBody(ApiModels.ValidOrder.Replace("\"street1\": \"1 Rue X\",", "")), ct), HttpStatusCode.BadRequest);
        Assert.True(street.GetProperty("errors").TryGetProperty("shipping.address.street1", out _));

        var malformed = await Problem(await farm.Http.PostAsync("/api/orders", JsonBody("""{"items": [{"quantity": "two"}]"""), ct), HttpStatusCode.BadRequest);
        Assert.True(malformed.GetProperty("errors").TryGetProperty("items[0].quantity", out _));

        var truncated = await Problem(await farm.Http.PostAsync("/api/orders", JsonBody("""{"items": ["""), ct), HttpStatusCode.BadRequest);
        Assert.True(truncated.TryGetProperty("errors", out _));

        var notJson = await farm.Http.PostAsync("/api/orders", new StringContent("customer=Ada", Encoding.UTF8, "application/x-www-form-urlencoded"), ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);

        Assert.Equal(0, (await farm.Get<JsonElement>("/api/jobs")).GetArrayLength());
        Assert.Equal(0, (await farm.Get<JsonElement>("/api/queue")).GetProperty("depth").GetInt32());

        var missing = await farm.Http.GetAsync("/api/orders/PF-ZZZZZZZZZZ", ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.GetAsync("/api/printers/nobody", ct)).StatusCode);
        var openApi = await farm.Get<JsonElement>("/openapi/v1.json");
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/orders", out _));
    }
}
