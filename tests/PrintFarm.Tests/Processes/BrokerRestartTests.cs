using System.Net;
using System.Text;
using System.Text.Json;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Processes;

/// <summary>
/// The farm as separate processes on a real mosquitto: the broker restarts under it (an upgrade,
/// a crash) and nobody has to touch the farm for it to follow its printers again.
/// </summary>
[Trait("Category", "Processes")]
[Collection(ProcessFarm.Collection)]
public sealed class BrokerRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task After_mosquitto_restarts_ingestion_reconnects_by_itself_and_printers_catch_up()
    {
        await using var farm = await ProcessFarm.Start("broker-restart");
        farm.StartSilo();
        await farm.StartGateway();
        farm.StartSimulator(printers: 3);
        await AllOnline(farm, 3, DateTimeOffset.MinValue);
        var first = await PlaceOrder(farm);
        await ReadyToShip(farm, first);

        await farm.Broker.StopAsync();
        // While the broker is gone the printers go quiet and the farm notices (Offline after 30 s
        // by default; the test does not wait for that), then the broker comes back on its port.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        var restartedAt = DateTimeOffset.UtcNow;
        await farm.Broker.StartAgainAsync(TestContext.Current.CancellationToken);

        // Printers and silo reconnect on their own; fresh telemetry reaches every printer grain.
        await AllOnline(farm, 3, restartedAt);
        Assert.True(CountOf(farm.Silos[0].ReadLog(), "Connected to MQTT broker") >= 2, "the silo should have reconnected");

        // And the farm works as before: a new order is printed end to end.
        var second = await PlaceOrder(farm);
        await ReadyToShip(farm, second);
        var firstAgain = await farm.Get($"/api/orders/{first}");
        Assert.Equal("ReadyToShip", firstAgain.Status());
    }

    internal static async Task AllOnline(ProcessFarm farm, int count, DateTimeOffset seenAfter) =>
        await Eventually.Get(() => farm.Get("/api/printers"),
            p => p.GetArrayLength() == count && p.EnumerateArray().All(x =>
                x.GetProperty("connectivity").GetString() == "Online"
                && x.TryGetProperty("lastSeenAt", out var seen) && seen.ValueKind == JsonValueKind.String && seen.GetDateTimeOffset() > seenAfter),
            Patience, $"{count} printers online and reporting after {seenAfter:HH:mm:ss}");

    internal static async Task<string> PlaceOrder(ProcessFarm farm, int gateway = 0)
    {
        var response = await farm.Gateways[gateway].PostAsync("/api/orders",
            new StringContent(ApiModels.ValidOrder, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        return created.GetProperty("reference").GetString()!;
    }

    internal static Task<JsonElement> ReadyToShip(ProcessFarm farm, string reference) =>
        Eventually.Get(() => farm.Get($"/api/orders/{reference}"), o => o.Status() == "ReadyToShip", Patience, $"order {reference} to be ReadyToShip");

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
