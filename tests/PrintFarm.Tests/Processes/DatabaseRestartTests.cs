using System.Net;
using System.Text;
using System.Text.Json;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Processes;

/// <summary>
/// PostgreSQL goes down under a running farm (real processes): the farm says so with 503 instead
/// of accepting orders it cannot keep, and when the database is back it carries on with
/// everything it had accepted.
/// </summary>
[Trait("Category", "Processes")]
[Collection(ProcessFarm.Collection)]
public sealed class DatabaseRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task While_PostgreSQL_is_down_orders_get_503_and_nothing_accepted_is_lost()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var farm = await ProcessFarm.StartOnPostgres("db-restart");
        farm.StartSilo();
        var http = await farm.StartGateway();
        farm.StartSimulator(printers: 2);
        await BrokerRestartTests.AllOnline(farm, 2, DateTimeOffset.MinValue);
        var before = await BrokerRestartTests.PlaceOrder(farm);
        await BrokerRestartTests.ReadyToShip(farm, before);

        await farm.Database!.StopAsync(cancel);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var response = await http.PostAsync("/api/orders", new StringContent(ApiModels.ValidOrder, Encoding.UTF8, "application/json"), cancel);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel)).RootElement;
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
        }

        await farm.Database.StartAgainAsync(cancel);
        // Writes work again once the pool reconnects; the order from before is whole.
        var after = await Eventually.Get(async () =>
        {
            var response = await http.PostAsync("/api/orders", new StringContent(ApiModels.ValidOrder, Encoding.UTF8, "application/json"), cancel);
            return response.StatusCode == HttpStatusCode.Created
                ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel)).RootElement.GetProperty("reference").GetString()
                : null;
        }, r => r is not null, Patience, "orders to be accepted again after PostgreSQL is back");
        await BrokerRestartTests.ReadyToShip(farm, after!);
        var first = await farm.Get($"/api/orders/{before}");
        Assert.Equal("ReadyToShip", first.Status());
        // Only the two accepted orders exist: the refused ones left nothing behind.
        var jobs = (await farm.Get("/api/jobs")).EnumerateArray().Select(j => j.GetProperty("orderReference").GetString()!).Distinct().Order().ToList();
        Assert.Equal(new[] { before, after! }.Order().ToList(), jobs);
    }
}
