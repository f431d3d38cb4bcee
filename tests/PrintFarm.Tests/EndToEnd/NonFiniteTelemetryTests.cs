using System.Net;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace PrintFarm.Tests.EndToEnd;

/// <summary>
/// One printer sending "NaN" for a temperature used to make <c>GET /api/printers</c> answer 500
/// for everyone: the value was stored, and JSON cannot carry it.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class NonFiniteTelemetryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_printer_sending_NaN_temperatures_leaves_the_printer_views_readable()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var farm = new FarmHost(printers: ["nan-printer"]);
        await farm.Start();
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(farm.PrinterClient("nan-printer").Build(), ct);

        async Task Publish(string channel, string payload) =>
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"farm/printers/nan-printer/{channel}").WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);

        await Publish("status", """{"online":true,"model":"MK4","materials":["PLA"],"nozzleDiameter":0.4}""");
        await Eventually.Get(async () => (await farm.Http.GetAsync("/api/printers/nan-printer", ct)).StatusCode,
            s => s == HttpStatusCode.OK, Patience, "the printer to announce itself");

        // Paused, so the fleet list hears of it too (it is told of changes, not of every tick).
        await Publish("telemetry", """
            {"activity":"Paused","progress":"NaN","nozzle":{"actual":"NaN","target":215},"bed":{"actual":58.5,"target":"Infinity"}}
            """);

        // The bed's reading shows the telemetry was taken in; anything but 200 meanwhile is the bug.
        var seen = await Eventually.Get(async () =>
            {
                using var one = await farm.Http.GetAsync("/api/printers/nan-printer", ct);
                using var all = await farm.Http.GetAsync("/api/printers", ct);
                return new
                {
                    One = one.StatusCode, OneBody = await one.Content.ReadAsStringAsync(ct),
                    All = all.StatusCode, AllBody = await all.Content.ReadAsStringAsync(ct),
                };
            },
            s => s.One != HttpStatusCode.OK || s.All != HttpStatusCode.OK
                 || (BedTemperature(JsonDocument.Parse(s.OneBody).RootElement) == 58.5
                     && JsonDocument.Parse(s.AllBody).RootElement is { } list && list.GetArrayLength() == 1 && BedTemperature(list[0]) == 58.5),
            Patience, "the telemetry to reach both printer views");

        Assert.Equal(HttpStatusCode.OK, seen.One);
        Assert.Equal(HttpStatusCode.OK, seen.All);
        var fromList = Assert.Single(JsonDocument.Parse(seen.AllBody).RootElement.EnumerateArray());
        foreach (var printer in new[] { JsonDocument.Parse(seen.OneBody).RootElement, fromList })
        {
            Assert.Equal("nan-printer", printer.GetProperty("printerId").GetString());
            Assert.Equal("Paused", printer.GetProperty("activity").GetString());
            Assert.Equal(58.5, BedTemperature(printer));
            Assert.True(IsAbsent(printer, "nozzleTemperature"), printer.ToString());
            Assert.True(IsAbsent(printer, "progress"), printer.ToString());
            Assert.Equal(0.4, printer.GetProperty("nozzleDiameter").GetDouble());
        }
    }

    private static double? BedTemperature(JsonElement printer) =>
        printer.TryGetProperty("bedTemperature", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null;

    private static bool IsAbsent(JsonElement printer, string property) =>
        !printer.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;
}
