using System.Net;
using System.Text;
using System.Text.Json;
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
        farm.StartSilo();
        await farm.StartGateway();
        await using var printer = await OutsidePrinter.Connect(farm.Broker, "outside-01", "DELIVERY-PLA");
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

        // The lost event turns up after all, twice: nothing changes.
        await printer.Event(finished);
        await printer.Event(finished);
        await printer.Telemetry(PrinterActivity.Idle, lastOutcome: finished);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken); // give a wrong recount the chance to show

        var summary = await farm.Get("/api/printers/outside-01");
        Assert.Equal(1, summary.GetProperty("jobsPrinted").GetInt32());
        Assert.Equal(0, summary.GetProperty("jobsFailed").GetInt32());
        var job = await farm.Get($"/api/jobs/{start.JobId}");
        Assert.Equal(1, job.GetProperty("attempt").GetInt32());
        Assert.Equal(ready.GetProperty("version").GetInt64(), (await farm.Get($"/api/orders/{reference}")).GetProperty("version").GetInt64());
    }
}
