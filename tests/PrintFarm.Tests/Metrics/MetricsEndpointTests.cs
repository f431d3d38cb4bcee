using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Metrics;

/// <summary>
/// /metrics in the Prometheus format: the gateway's farm gauges (for viewers only) carry the
/// running farm's figures, and the silo's own listener serves ingress and latency once
/// telemetry arrived.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class MetricsEndpointTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_gateway_serves_the_farm_gauges_to_viewers_and_refuses_callers_without_a_key()
    {
        await using var farm = new FarmHost(settings: new Dictionary<string, string?> { ["Metrics:RefreshEvery"] = "00:00:00.200" }, printers: ["metrics-printer"]);
        await farm.Start();
        using var printer = await Announce(farm, "metrics-printer", "Printing");
        // The only printer is busy: the order's jobs wait in their pool's queue.
        using var customer = farm.Client(farm.Accounts.Customer.Key);
        using var placed = await customer.PostAsync("/api/orders", new StringContent(ApiModels.ValidOrder, Encoding.UTF8, "application/json"), Ct);
        Assert.True(placed.StatusCode == HttpStatusCode.Created, $"placing the order: {(int)placed.StatusCode} {await placed.Content.ReadAsStringAsync(Ct)}");

        using var viewer = farm.Client(farm.Accounts.Viewer!.Key);
        var keeper = farm.GatewayServices.GetRequiredService<PrintFarm.Gateway.Metrics.FarmSnapshotKeeper>();
        string text;
        try
        {
            text = await Eventually.Get(async () => await viewer.GetStringAsync("/metrics", Ct),
                t => Value(t, "printfarm_printers", "activity=\"Printing\"", "connectivity=\"Online\"") == 1
                     && Value(t, "printfarm_jobs", "state=\"Queued\"") >= 1
                     && Values(t, "printfarm_queue_depth").Any(v => v.Labels.Contains("PLA") && v.Value >= 1),
                Patience, "the farm gauges to show the printer and the queued job");
        }
        catch (TimeoutException e)
        {
            // The gauges come from the keeper's snapshot: say why it had none, or what it last read.
            var last = keeper.Last is { } s
                ? $"at {s.At:O}: printers {string.Join(", ", s.Printers.Select(p => $"{p.Key.Connectivity}/{p.Key.Activity}={p.Value}"))}; jobs {string.Join(", ", s.Jobs.Where(j => j.Value > 0).Select(j => $"{j.Key}={j.Value}"))}; queues {string.Join(", ", s.QueueDepth.Select(q => $"{q.Key}={q.Value}"))}"
                : "none";
            throw new TimeoutException($"{e.Message[..Math.Min(e.Message.Length, 300)]}… The snapshot keeper's last problem: {keeper.LastProblem ?? "none"}; its last snapshot {last}", e);
        }
        Assert.Equal(0, Value(text, "printfarm_orders_late"));
        Assert.Equal(0, Value(text, "printfarm_printers_out_of_service"));
        Assert.Equal(1, Value(text, "printfarm_printer_links", "dialect=\"Native\"", "state=\"Connected\""));
        Assert.Equal(0, Value(text, "printfarm_printer_links", "dialect=\"Bambu\"", "state=\"Connected\""));
        Assert.Contains("# TYPE printfarm_printers gauge", text);
        Assert.Contains("printfarm_farm_snapshot_age_seconds", text);
        // The gateway's own HTTP server, and the Orleans client's meter.
        Assert.Contains("http_server_request_duration_seconds", text);

        using var anonymous = farm.Client(null);
        var refused = await anonymous.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain("printfarm_", await refused.Content.ReadAsStringAsync(Ct));
        using var customerScrape = await customer.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, customerScrape.StatusCode);
    }

    [Fact]
    public async Task The_silo_serves_ingress_and_latency_on_its_own_listener_once_telemetry_arrived()
    {
        var port = FreePort.Next();
        await using var farm = new FarmHost(settings: new Dictionary<string, string?> { ["Metrics:SiloUrl"] = $"http://127.0.0.1:{port}/" }, printers: ["silo-metrics-printer"]);
        await farm.Start();
        using var printer = await Announce(farm, "silo-metrics-printer", "Idle");
        for (var i = 0; i < 5; i++)
        {
            // One at a time, each taken in before the next: a report sent while its grain still
            // works on the one before is superseded by the newer (LatestWins), and not timed.
            var before = await LastSeen(farm, "silo-metrics-printer");
            await Publish(printer, "silo-metrics-printer", "telemetry", $$"""{"activity":"Idle","at":"{{DateTimeOffset.UtcNow:O}}"}""");
            await Eventually.Get(() => LastSeen(farm, "silo-metrics-printer"), seen => seen != before, Patience, $"report {i + 1} taken in");
        }

        using var http = new HttpClient();
        var text = await Eventually.Get(async () =>
            {
                try { return await http.GetStringAsync($"http://127.0.0.1:{port}/metrics", Ct); }
                catch (HttpRequestException) { return ""; }
            },
            t => Value(t, "printfarm_ingress_received_total", "channel=\"telemetry\"") >= 5
                 && Values(t, "printfarm_telemetry_latency_milliseconds_count").Sum(v => v.Value) >= 5,
            Patience, "the silo's metrics to count the telemetry");
        Assert.True(farm.Ingress.Telemetry >= 5);
        Assert.Equal(0, farm.Ingress.Superseded);
        Assert.Contains(Values(text, "printfarm_telemetry_latency_milliseconds_bucket"), v => v.Labels.Contains("le=\"+Inf\"") && v.Value >= 5);
        Assert.Contains("# TYPE printfarm_ingress_received_total counter", text);
        Assert.Contains("orleans_", text);
    }

    private static async Task<string?> LastSeen(FarmHost farm, string id) =>
        (await farm.Get<System.Text.Json.JsonElement>($"/api/printers/{id}")).GetProperty("lastSeenAt").GetString();

    private static async Task<IMqttClient> Announce(FarmHost farm, string id, string activity)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(farm.PrinterClient(id).Build(), Ct);
        await Publish(client, id, "status", """{"online":true,"model":"MK4","materials":["PLA"],"nozzleDiameter":0.4}""");
        await Eventually.Get(async () => (await farm.Http.GetAsync($"/api/printers/{id}", Ct)).StatusCode, s => s == HttpStatusCode.OK, Patience, "the printer to announce itself");
        await Publish(client, id, "telemetry", $$"""{"activity":"{{activity}}","at":"{{DateTimeOffset.UtcNow:O}}"}""");
        // The printer must be seen busy before an order is placed, or the order's job goes to it.
        await Eventually.Get(() => farm.Get<System.Text.Json.JsonElement>($"/api/printers/{id}"),
            p => p.GetProperty("activity").GetString() == activity, Patience, $"{id} to report {activity}");
        return client;
    }

    private static Task Publish(IMqttClient client, string id, string channel, string payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"farm/printers/{id}/{channel}").WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);

    /// <summary>Every sample of a metric: its labels (inside the braces) and value.</summary>
    private static List<(string Labels, double Value)> Values(string text, string metric) =>
        Regex.Matches(text, $@"^{Regex.Escape(metric)}(?:\{{(?<labels>[^}}]*)\}})? (?<value>\S+)", RegexOptions.Multiline)
            .Select(m => (m.Groups["labels"].Value, double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary>The samples whose labels hold every one of <paramref name="labels"/>, summed (other labels, e.g. otel_scope_name, aside); null when none.</summary>
    private static double? Value(string text, string metric, params string[] labels)
    {
        var found = Values(text, metric).Where(v => labels.All(l => v.Labels.Contains(l))).ToList();
        return found.Count == 0 ? null : found.Sum(v => v.Value);
    }
}
