using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PrintFarm.PrinterSimulator;
using PrintFarm.Protocol;

namespace PrintFarm.Tests.EndToEnd;

/// <summary>
/// The operator console's moves over HTTP, through every real piece down to a simulated printer
/// over MQTT: pause, resume and stop a print, take the printer out of service, and move jobs.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class OperatorMovesEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>One copy that prints for an hour: long enough to steer it.</summary>
    private static readonly string LongOrder = ApiModels.ValidOrder.Replace("\"quantity\": 2", "\"quantity\": 1").Replace("\"estimatedPrintSeconds\": 2", "\"estimatedPrintSeconds\": 3600");

    private static async Task<JsonElement> Post(HttpClient http, string path, string? body, HttpStatusCode expected)
    {
        var response = await http.PostAsync(path, body is null ? null : Json(body), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"POST {path} {body}: expected {expected}, got {response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    /// <summary>A printer that has not reported yet is not found: waited for like any other state.</summary>
    private static Task<JsonElement> Printer(FarmHost farm, string id, Func<JsonElement, bool> done, string what) =>
        Eventually.Get(async () =>
        {
            using var answer = await farm.Http.GetAsync($"/api/printers/{id}", Ct);
            return answer.IsSuccessStatusCode ? await answer.Content.ReadFromJsonAsync<JsonElement>(Ct) : default;
        }, p => p.ValueKind == JsonValueKind.Object && done(p), Patience, what);

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [Fact]
    public async Task An_operator_pauses_resumes_and_stops_a_simulated_print_and_the_part_waits_while_its_printer_is_out_of_service()
    {
        await using var farm = new FarmHost(printers: FarmHost.Fleet("steer-", 1));
        await farm.Start();
        await using var fleet = new SimulatedFleet(
            new SimulatorOptions { Printers = 1, BrokerPort = farm.MqttPort, FailureRate = 0, Seed = 11, TelemetryHz = 2, IdPrefix = "steer-", Materials = ["PLA"], Logins = farm.Logins },
            TimeProvider.System, NullLoggerFactory.Instance);
        await fleet.StartAsync(Ct);
        var simulated = fleet.Printers[0];
        var id = simulated.Id;
        using var op = farm.Client(farm.Accounts.Operator.Key);
        await Printer(farm, id, p => Text(p, "connectivity") == "Online" && Text(p, "activity") == "Idle", "the printer online and idle");

        var nothing = await Post(op, $"/api/printers/{id}/pause", null, HttpStatusCode.Conflict);
        Assert.Contains("has no job to pause", Text(nothing, "detail"));
        await Post(op, "/api/printers/nobody-here/pause", null, HttpStatusCode.NotFound);

        var placed = await Post(op, "/api/orders", LongOrder, HttpStatusCode.Created);
        var printing = await Printer(farm, id, p => Text(p, "activity") == "Printing" && Text(p, "currentJobId") is not null, "the printer printing");
        var jobId = Text(printing, "currentJobId")!;
        Assert.StartsWith(placed.GetProperty("reference").GetString()!, jobId);

        // Pause: the simulated printer pauses and reports it.
        var pausing = await Post(op, $"/api/printers/{id}/pause", null, HttpStatusCode.OK);
        Assert.Equal(jobId, Text(pausing, "currentJobId"));
        await Printer(farm, id, p => Text(p, "activity") == "Paused", "the printer to report Paused");
        Assert.Equal(PrinterActivity.Paused, simulated.Activity);
        await Post(op, $"/api/printers/{id}/pause", null, HttpStatusCode.Conflict); // already paused

        await Post(op, $"/api/printers/{id}/resume", null, HttpStatusCode.OK);
        await Printer(farm, id, p => Text(p, "activity") == "Printing", "the printer printing again");
        Assert.Equal(PrinterActivity.Printing, simulated.Activity);
        await Post(op, $"/api/printers/{id}/resume", null, HttpStatusCode.Conflict); // not paused

        // Out of service first, so the stopped part waits in the queue instead of going straight back on.
        await Post(op, $"/api/printers/{id}/service", "{}", HttpStatusCode.BadRequest);
        await Post(op, $"/api/printers/{id}/service", """{"inService": "no"}""", HttpStatusCode.BadRequest);
        var tooLong = await Post(op, $"/api/printers/{id}/service", $$"""{"inService": false, "reason": "{{new string('x', 201)}}"}""", HttpStatusCode.BadRequest);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("reason", out _));
        await Post(op, "/api/printers/nobody-here/service", """{"inService": false}""", HttpStatusCode.NotFound);
        var resting = await Post(op, $"/api/printers/{id}/service", """{"inService": false, "reason": "nozzle swap"}""", HttpStatusCode.OK);
        Assert.True(resting.GetProperty("outOfService").GetBoolean());
        Assert.Equal("nozzle swap", Text(resting, "outOfServiceReason"));
        Assert.Equal("Printing", Text(resting, "activity")); // the job it has carries on
        var fleetView = await Eventually.Get(() => farm.Get<JsonElement>("/api/printers"),
            l => l.EnumerateArray().Any(p => Text(p, "printerId") == id && p.GetProperty("outOfService").GetBoolean()), Patience, "the fleet to show it out of service");
        Assert.Equal("nozzle swap", Text(fleetView.EnumerateArray().Single(p => Text(p, "printerId") == id), "outOfServiceReason"));

        var stopping = await Post(op, $"/api/printers/{id}/cancel", null, HttpStatusCode.OK);
        Assert.Equal(jobId, Text(stopping, "currentJobId")); // until the printer reports the stop
        var idle = await Printer(farm, id, p => Text(p, "activity") == "Idle" && Text(p, "currentJobId") is null, "the printer to report the stop");
        Assert.Equal(1, idle.GetProperty("jobsCancelled").GetInt32());
        Assert.Equal(0, idle.GetProperty("jobsFailed").GetInt32());
        await Post(op, $"/api/printers/{id}/cancel", null, HttpStatusCode.Conflict); // nothing left to stop

        var requeued = await Eventually.Get(() => farm.Get<JsonElement>($"/api/jobs/{jobId}"), j => Text(j, "status") == "Queued", Patience, "the part back in the queue");
        Assert.Equal("reprinting: the print was stopped at the printer", Text(requeued, "problem"));
        await Eventually.Get(() => farm.Get<JsonElement>("/api/queue"), q => q.GetProperty("next").EnumerateArray().Any(t => Text(t, "jobId") == jobId), Patience, "the job in the queue");

        // The job's own moves, while it waits.
        await Post(op, $"/api/jobs/{jobId}/retry", null, HttpStatusCode.Conflict); // queued, not blocked
        Assert.True((await Post(op, $"/api/jobs/{jobId}/hold", null, HttpStatusCode.OK)).GetProperty("onHold").GetBoolean());
        Assert.True((await Post(op, $"/api/jobs/{jobId}/hold", null, HttpStatusCode.OK)).GetProperty("onHold").GetBoolean());
        await Eventually.Get(() => farm.Get<JsonElement>("/api/queue"), q => q.GetProperty("next").EnumerateArray().All(t => Text(t, "jobId") != jobId), Patience, "the held job out of the queue");
        var expedited = await Post(op, $"/api/jobs/{jobId}/express", null, HttpStatusCode.OK);
        Assert.True(expedited.GetProperty("expedited").GetBoolean());
        Assert.False((await Post(op, $"/api/jobs/{jobId}/release", null, HttpStatusCode.OK)).GetProperty("onHold").GetBoolean());
        await Post(op, $"/api/jobs/{jobId}/release", null, HttpStatusCode.Conflict); // not on hold
        await Post(op, "/api/jobs/PF-ZZZZZZZZZZ-1-1/express", null, HttpStatusCode.NotFound);
        await Post(op, "/api/jobs/not-a-job/hold", null, HttpStatusCode.NotFound);

        // Back in service: it takes the part again.
        var back = await Post(op, $"/api/printers/{id}/service", """{"inService": true}""", HttpStatusCode.OK);
        Assert.False(back.GetProperty("outOfService").GetBoolean());
        await Printer(farm, id, p => Text(p, "activity") == "Printing" && Text(p, "currentJobId") == jobId, "the part printed again");
        await Post(op, $"/api/jobs/{jobId}/express", null, HttpStatusCode.Conflict); // no longer queued
    }

    [Fact]
    public async Task A_key_limited_to_some_printers_steers_only_those()
    {
        await using var farm = new FarmHost();
        await farm.Start();
        var login = farm.Accounts.Operator.Login;
        async Task<HttpClient> KeyFor(string printers)
        {
            var created = await farm.Http.PostAsync($"/api/accounts/{login}/keys", Json($$"""{"printers": [{{printers}}]}"""), Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            return farm.Client((await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!);
        }
        using var limited = await KeyFor("\"scope-a\"");
        foreach (var move in new[] { "pause", "resume", "cancel" })
        {
            await Post(limited, $"/api/printers/scope-b/{move}", null, HttpStatusCode.Forbidden);
            await Post(limited, $"/api/printers/scope-a/{move}", null, HttpStatusCode.NotFound); // its own: allowed, though the farm has not heard of it
        }
        await Post(limited, "/api/printers/scope-b/service", """{"inService": false}""", HttpStatusCode.Forbidden);
        await Post(limited, "/api/printers/scope-a/service", """{"inService": false}""", HttpStatusCode.NotFound);
        using var viewer = farm.Client(farm.Accounts.Viewer!.Key);
        await Post(viewer, "/api/printers/scope-a/pause", null, HttpStatusCode.Forbidden);
        await Post(viewer, "/api/jobs/PF-ZZZZZZZZZZ-1-1/express", null, HttpStatusCode.Forbidden);
    }
}
