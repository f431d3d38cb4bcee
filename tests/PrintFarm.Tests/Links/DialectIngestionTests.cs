using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Links;

/// <summary>
/// OctoPrint and Moonraker printers publishing to a real mosquitto (the farm runs with
/// <c>Mqtt:Embedded=false</c>), played by <c>mosquitto_pub</c> as an outside client.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DialectIngestionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static string WorkDirectory =>
        Path.Combine(PrintFarm.Harness.TestFolders.Root, "links");

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task OctoPrint_and_Moonraker_on_mosquitto_are_followed_and_a_Moonraker_job_runs_from_queued_to_done()
    {
        var ct = TestContext.Current.CancellationToken;
        // mosquitto as the farm runs it: logins only, the printers' files written by the silo.
        var farmPassword = PrintFarm.Printers.Access.PrinterPassword.New();
        await using var broker = await PrivateMosquitto.StartForFarmAsync(WorkDirectory, FarmHost.FarmUsername, farmPassword, ct);
        var settings = new Dictionary<string, string?>
        {
            ["Links:HeartbeatEvery"] = "00:00:01",
            ["Links:ReconnectDelay"] = "00:00:00.200",
            // From configuration: the OctoPrint printer.
            ["Fleet:Printers:0:Id"] = "octo-07",
            ["Fleet:Printers:0:Dialect"] = "OctoPrint",
            ["Fleet:Printers:0:Materials:0"] = "PLA",
            ["Fleet:Printers:0:OctoPrint:BaseTopic"] = "farm/octo-07/",
        };
        foreach (var (key, value) in broker.SiloSettings(FarmHost.FarmUsername, farmPassword)) settings[key] = value;
        await using var farm = new FarmHost(settings: settings, printers: ["octo-07", "voron-2"]);
        await farm.Start();
        var octoLogin = ("octo-07", farm.Logins.PasswordOf("octo-07")!);
        var voronLogin = ("voron-2", farm.Logins.PasswordOf("voron-2")!);

        // From the API: the Moonraker printer. Bad input is refused and changes nothing.
        var bad = await farm.Http.PostAsync("/api/printers", Json("""{"id":"voron 2","dialect":"moonraker","moonraker":{"instance":"a/b"}}"""), ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("id", out _) && errors.TryGetProperty("moonraker.instance", out _) && errors.TryGetProperty("materials", out _));
        const string voron = """{"id":"voron-2","name":"Voron 2.4","dialect":"moonraker","model":"Voron 2.4","materials":["ABS"],"moonraker":{"instance":"voron-2"}}""";
        Assert.Equal(HttpStatusCode.Created, (await farm.Http.PostAsync("/api/printers", Json(voron), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await farm.Http.PostAsync("/api/printers", Json(voron), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await farm.Http.PostAsync("/api/printers", Json(voron.Replace("\"ABS\"", "\"ASA\"")), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await farm.Http.PostAsync("/api/printers",
            Json("""{"id":"voron-3","dialect":"moonraker","materials":["ABS"],"moonraker":{"instance":"voron-2"}}"""), ct)).StatusCode);
        var registered = await farm.Get<JsonElement>("/api/printers/registrations");
        Assert.Equal(new[] { "octo-07", "voron-2" }, registered.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToArray());

        await LinkConnected(farm, "octo-07");
        await LinkConnected(farm, "voron-2");
        // The silo writes both printers into mosquitto's files (voron-2's topics once it is registered) and reloads it.
        await MosquittoClients.WaitForLogin(broker, octoLogin, "topic readwrite farm/octo-07/#");
        await MosquittoClients.WaitForLogin(broker, voronLogin, "topic readwrite voron-2/#");

        // OctoPrint: retained connection state, a state change, a temperature.
        await MosquittoClients.Publish(broker.Port, octoLogin, "farm/octo-07/mqtt", "connected", retain: true);
        await MosquittoClients.Publish(broker.Port, octoLogin, "farm/octo-07/event/PrinterStateChanged",
            """{"state_id":"OPERATIONAL","state_string":"Operational","_event":"PrinterStateChanged","_timestamp":1763900000}""");
        await MosquittoClients.Publish(broker.Port, octoLogin, "farm/octo-07/temperature/tool0", """{"actual":"24.5","target":0,"_timestamp":1763900001}""");
        var octo = await Eventually.Get(() => farm.Get<JsonElement>("/api/printers/octo-07"),
            p => p.GetProperty("connectivity").GetString() == "Online" && p.TryGetProperty("nozzleTemperature", out var t) && t.GetDouble() == 24.5,
            Patience, "octo-07 online at 24.5 °C");
        Assert.Equal("Idle", octo.GetProperty("activity").GetString());
        Assert.Equal("Configuration", octo.GetProperty("registration").GetProperty("source").GetString());

        // Moonraker: online, then its full first status.
        await MosquittoClients.Publish(broker.Port, voronLogin, "voron-2/moonraker/status", """{"server":"online"}""", retain: true);
        await MosquittoClients.Publish(broker.Port, voronLogin, "voron-2/klipper/status", """
            {"eventtime":100.0,"status":{"print_stats":{"state":"standby","filename":"","print_duration":0,"total_duration":0},
             "virtual_sdcard":{"progress":0},"extruder":{"temperature":25.0,"target":0},"heater_bed":{"temperature":24.0,"target":0},
             "webhooks":{"state":"ready"}}}
            """);
        await Eventually.Get(() => farm.Get<JsonElement>("/api/printers/voron-2"),
            p => p.GetProperty("connectivity").GetString() == "Online" && p.GetProperty("activity").GetString() == "Idle",
            Patience, "voron-2 online and idle");

        // Rubbish and an oversized message are counted and dropped; ingestion goes on.
        await MosquittoClients.Publish(broker.Port, voronLogin, "voron-2/klipper/status", "this is not json");
        var huge = Path.Combine(broker.Directory, "huge.json");
        await File.WriteAllTextAsync(huge, "{\"eventtime\":1,\"status\":{\"x\":\"" + new string('x', 300 * 1024) + "\"}}", ct);
        await MosquittoClients.Publish(broker.Port, voronLogin, "voron-2/klipper/status", null, file: huge);
        await Eventually.Get(() => farm.Get<JsonElement>("/api/printers/voron-2"),
            p => p.GetProperty("link").GetProperty("messagesDropped").GetInt64() == 2, Patience, "two messages dropped");

        // An order in ABS can only go to the Voron: the farm sends printer.print.start for the job's file.
        await using var requests = await MqttListener.Start(broker.Port, "voron-2/moonraker/api/request", voronLogin.Item1, voronLogin.Item2, clientId: "voron-2");
        var placed = await farm.Http.PostAsync("/api/orders", Json(ApiModels.ValidOrder.Replace("\"PLA\"", "\"ABS\"").Replace("\"quantity\": 2", "\"quantity\": 1")), ct);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var reference = JsonDocument.Parse(await placed.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("reference").GetString()!;
        var start = JsonNode.Parse((await requests.Next(m => m.Payload.Contains("printer.print.start"), Patience, "printer.print.start")).Payload)!;
        var file = (string)start["params"]!["filename"]!;
        var jobId = Path.GetFileNameWithoutExtension(file);
        await MosquittoClients.Publish(broker.Port, voronLogin, "voron-2/moonraker/api/response", $$"""{"jsonrpc":"2.0","result":"ok","id":{{(long)start["id"]!}}}""");

        // The printer prints it (a delta: only what changed)...
        await MosquittoClients.Publish(broker.Port, voronLogin, "voron-2/klipper/status",
            """{"eventtime":101.0,"status":{"print_stats":{"state":"printing","filename":"FILE","print_duration":"30.5"},"virtual_sdcard":{"progress":0.5}}}""".Replace("FILE", file));
        var printing = await Eventually.Get(() => farm.Get<JsonElement>($"/api/jobs/{jobId}"),
            j => j.GetProperty("status").GetString() == "Printing", Patience, $"job {jobId} printing");
        var printer = await Eventually.Get(() => farm.Get<JsonElement>("/api/printers/voron-2"),
            p => p.TryGetProperty("progress", out var pr) && pr.GetDouble() == 50, Patience, "voron-2 at 50 %");
        Assert.Equal(jobId, printer.GetProperty("currentJobId").GetString());

        // Moonraker goes away mid-print (its last will): the job is Stalled, and the customer sees it.
        await MosquittoClients.Publish(broker.Port, voronLogin, "voron-2/moonraker/status", """{"server":"offline"}""", retain: true);
        await Eventually.Get(() => farm.Get<JsonElement>($"/api/jobs/{jobId}"), j => j.GetProperty("status").GetString() == "Stalled", Patience, $"job {jobId} stalled");
        var stalledOrder = await Eventually.Get(() => farm.Get<JsonElement>($"/api/orders/{reference}"),
            o => o.GetProperty("items")[0].GetProperty("status").GetString() == "Stalled", Patience, "the item shown stalled");
        Assert.Equal("Printing", stalledOrder.Status());
        Assert.Contains("stopped reporting", stalledOrder.GetProperty("items")[0].GetProperty("problem").GetString());

        // It comes back still printing the job: printing again.
        await MosquittoClients.Publish(broker.Port, voronLogin, "voron-2/moonraker/status", """{"server":"online"}""", retain: true);
        await Eventually.Get(async () =>
        {
            await MosquittoClients.Publish(broker.Port, voronLogin, "voron-2/klipper/status", """{"eventtime":101.5,"status":{"print_stats":{"print_duration":40.0},"virtual_sdcard":{"progress":0.6}}}""");
            return await farm.Get<JsonElement>($"/api/jobs/{jobId}");
        }, j => j.GetProperty("status").GetString() == "Printing", Patience, $"job {jobId} printing again");

        // ...and finishes it: the job goes on to post-processing and QC, and the order is ready.
        await MosquittoClients.Publish(broker.Port, voronLogin, "voron-2/klipper/status",
            """{"eventtime":102.0,"status":{"print_stats":{"state":"complete","print_duration":61.0},"virtual_sdcard":{"progress":1.0}}}""");
        await Eventually.Get(() => farm.Get<JsonElement>($"/api/jobs/{jobId}"), j => j.GetProperty("status").GetString() == "Done", Patience, $"job {jobId} done");
        await Eventually.Get(() => farm.Get<JsonElement>($"/api/orders/{reference}"), o => o.Status() == "ReadyToShip", Patience, "order ready to ship");
        Assert.Equal(2, farm.Ingress.Malformed);
    }

    internal static Task<JsonElement> LinkConnected(FarmHost farm, string printerId) =>
        Eventually.Get(() => farm.Get<JsonElement>($"/api/printers/{printerId}"),
            p => p.TryGetProperty("link", out var l) && l.GetProperty("state").GetString() == "Connected",
            Patience, $"{printerId}'s link connected");
}
