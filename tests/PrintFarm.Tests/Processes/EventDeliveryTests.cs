using System.Net;
using System.Text;
using System.Text.Json;
using PrintFarm.Bench.Cluster;
using PrintFarm.Metrics;
using PrintFarm.Protocol;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Processes;

/// <summary>
/// At-least-once delivery through a real mosquitto: an event that arrives twice counts once, and
/// one that never arrives is recovered from the printer's next telemetry.
/// </summary>
[Trait("Category", "Processes")]
[Collection(ProcessFarm.Collection)]
public sealed class EventDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_duplicated_event_counts_once_and_a_lost_one_is_reconciled_from_telemetry()
    {
        await using var farm = await ProcessFarm.Start("event-delivery");
        // The silo writes its counters to a file: how many events its printer grains have handled.
        var stats = new SiloStatsFile(Path.Combine(farm.Directory, "silo-0.stats.json"));
        farm.StartSilo(settings: new Dictionary<string, string> { ["Stats:Path"] = stats.Path, ["Stats:Interval"] = "00:00:00.200" });
        await farm.StartGateway();
        await using var printer = await OutsidePrinter.Connect(farm.Broker, "outside-01", "DELIVERY-PLA", farm.Logins.PasswordOf("outside-01")!);
        // Until the silo has handled its status, the printer is unknown (404).
        await Eventually.Get(async () =>
            {
                try { return await farm.Get("/api/printers/outside-01"); }
                catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.NotFound) { return default; }
            },
            p => p.ValueKind == JsonValueKind.Object && p.GetProperty("connectivity").GetString() == "Online", Patience, "the outside printer to be online");

        var order = ApiModels.ValidOrder.Replace("\"PLA\"", "\"DELIVERY-PLA\"").Replace("\"quantity\": 2", "\"quantity\": 1");
        var placed = await farm.Gateways[0].PostAsync("/api/orders", new StringContent(order, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var reference = JsonDocument.Parse(await placed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("reference").GetString()!;

        var start = await printer.NextStart(Patience);
        var started = OutsidePrinter.NewEvent(PrinterEventType.JobStarted, start.JobId);
        await printer.Event(started);
        await printer.Event(started); // redelivered: QoS 1 is at-least-once
        await printer.Telemetry(PrinterActivity.Printing, start.JobId, progress: 50);
        await Eventually.Get(() => farm.Get($"/api/jobs/{start.JobId}"), j => j.GetProperty("status").GetString() == "Printing", Patience, "the job to be printing");

        // The print ends, but its JobFinished is lost in flight: only telemetry tells.
        var finished = OutsidePrinter.NewEvent(PrinterEventType.JobFinished, start.JobId);
        await printer.Telemetry(PrinterActivity.Idle, lastOutcome: finished);
        var ready = await Eventually.Get(async () =>
        {
            await printer.Telemetry(PrinterActivity.Idle, lastOutcome: finished); // telemetry is QoS 0: keep ticking
            return await farm.Get($"/api/orders/{reference}");
        }, o => o.Status() == "ReadyToShip", Patience, $"order {reference} to be ReadyToShip");

        // The lost event turns up after all, twice, and the printer ticks on: nothing changes.
        // The silo is another process, beyond any clock of ours: rather than sleep, the test waits
        // for the silo's word that it has dealt with all three. It counts an event once the printer
        // grain has handled it (a wrong recount happens inside that call) and a tick as it hands
        // it to the grain, whose answers below come after it. Only this printer sends anything,
        // so once the counts stand still everything sent so far is in them.
        var before = await Settled(stats);
        await printer.Event(finished);
        await printer.Event(finished);
        await Eventually.Get(async () =>
            {
                await printer.Telemetry(PrinterActivity.Idle, lastOutcome: finished); // telemetry is QoS 0: sent until one is counted
                return await stats.Next(TestContext.Current.CancellationToken);
            }, s => s.Events >= before.Events + 2 && s.Telemetry > before.Telemetry, Patience,
            $"the silo to handle both redelivered events (counted {before.Events} before) and a tick after them");

        var summary = await farm.Get("/api/printers/outside-01");
        Assert.Equal(1, summary.GetProperty("jobsPrinted").GetInt32());
        Assert.Equal(0, summary.GetProperty("jobsFailed").GetInt32());
        var job = await farm.Get($"/api/jobs/{start.JobId}");
        Assert.Equal(1, job.GetProperty("attempt").GetInt32());
        Assert.Equal(ready.GetProperty("version").GetInt64(), (await farm.Get($"/api/orders/{reference}")).GetProperty("version").GetInt64());
    }

    /// <summary>A snapshot the one before it agrees with: the silo has taken in everything sent to it so far.</summary>
    private static async Task<SiloStatsSnapshot> Settled(SiloStatsFile stats)
    {
        var ct = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow + Patience;
        var previous = await stats.Next(ct);
        while (true)
        {
            var next = await stats.Next(ct);
            if ((previous.Events, previous.Telemetry, previous.Statuses) == (next.Events, next.Telemetry, next.Statuses)) return next;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The silo's counts never settled (last: {next.Events} events, {next.Telemetry} ticks).");
            previous = next;
        }
    }
}
