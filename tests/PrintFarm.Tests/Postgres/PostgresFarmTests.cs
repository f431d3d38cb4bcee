using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PrintFarm.PrinterSimulator;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Postgres;

/// <summary>
/// The farm as a cluster runs it: grain state, membership and reminders in a real PostgreSQL,
/// with the silo and gateway wired exactly as the processes are (FarmHost).
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresFarmTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static StringContent OrderBody() => new(ApiModels.ValidOrder, Encoding.UTF8, "application/json");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_order_printed_on_postgres_survives_a_restart_with_its_timeline_stored_as_readable_json()
    {
        var database = await postgres.NewDatabase();
        string reference;
        JsonElement before;
        await using (var farm = FarmHost.OnPostgres(database, printers: FarmHost.Fleet("pg-", 2)))
        {
            await farm.Start();
            reference = await Place(farm.Http);

            // Two copies, two open jobs: each holds a keep-alive reminder in the database.
            await Eventually.Get(() => Sql.Scalar<long>(database, "SELECT count(*) FROM orleansreminderstable WHERE remindername = 'keep-alive'"),
                n => n == 2, Patience, "a keep-alive reminder per open job");

            await using var fleet = new SimulatedFleet(
                new SimulatorOptions { Printers = 2, BrokerPort = farm.MqttPort, FailureRate = 0, Seed = 3, TelemetryHz = 2, IdPrefix = "pg-", Materials = ["PLA"], Logins = farm.Logins },
                TimeProvider.System, NullLoggerFactory.Instance);
            await fleet.StartAsync(Cancel);
            before = await Eventually.Get(() => farm.Get<JsonElement>($"/api/orders/{reference}"),
                o => o.Status() == "ReadyToShip", Patience, $"order {reference} to be ReadyToShip");

            // Done jobs let their reminders go.
            await Eventually.Get(() => Sql.Scalar<long>(database, "SELECT count(*) FROM orleansreminderstable WHERE remindername = 'keep-alive'"),
                n => n == 0, Patience, "the done jobs to drop their reminders");
        }

        // Stored as plain JSON (UTF-8 in payloadbinary): no type names, the reference in clear.
        var payloads = await Sql.Strings(database, "SELECT convert_from(payloadbinary, 'UTF8') FROM orleansstorage WHERE payloadbinary IS NOT NULL");
        var order = payloads.Single(p => p.Contains($"\"{reference}\"") && p.Contains("\"Timeline\"", StringComparison.OrdinalIgnoreCase) && p.Contains("\"Items\"", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(order).RootElement.ValueKind);
        Assert.DoesNotContain("$type", order);
        Assert.DoesNotContain("PrintFarm.", order);

        await using (var again = FarmHost.OnPostgres(database))
        {
            await again.Start();
            var after = await again.Get<JsonElement>($"/api/orders/{reference}");
            Assert.Equal("ReadyToShip", after.Status());
            Assert.Equal(Stages(before), Stages(after));
            Assert.Equal(before.GetProperty("timeline").GetRawText(), after.GetProperty("timeline").GetRawText());
            Assert.All(after.GetProperty("items")[0].GetProperty("jobs").EnumerateArray(), j => Assert.Equal("Done", j.GetProperty("status").GetString()));
        }
    }

    [Fact]
    public async Task Two_silos_and_two_gateways_on_postgres_membership_serve_the_same_orders()
    {
        var database = await postgres.NewDatabase();
        await using var farm = FarmHost.OnPostgres(database);
        await farm.Start();
        var second = await farm.AddSilo();
        await Eventually.Get(() => Sql.Scalar<long>(database, "SELECT count(*) FROM orleansmembershiptable WHERE status = 3"),
            n => n == 2, Patience, "two active silos in the membership table");
        var otherGateway = await farm.AddGateway();

        var references = new List<string>();
        for (var i = 0; i < 6; i++) references.Add(await Place(i % 2 == 0 ? farm.Http : otherGateway));
        foreach (var reference in references)
        {
            var one = await farm.Get<JsonElement>($"/api/orders/{reference}");
            var other = JsonDocument.Parse(await otherGateway.GetStringAsync($"/api/orders/{reference}", Cancel)).RootElement;
            Assert.Equal(one.GetProperty("reference").GetString(), other.GetProperty("reference").GetString());
            Assert.Equal(Stages(one), Stages(other));
        }

        // One silo leaves; the orders it held are read back from PostgreSQL by the other.
        await farm.StopSilo(second);
        foreach (var reference in references)
        {
            var order = await Eventually.Get(async () =>
            {
                var response = await otherGateway.GetAsync($"/api/orders/{reference}", Cancel);
                return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement : (JsonElement?)null;
            }, o => o is not null, Patience, $"order {reference} after a silo left");
            Assert.Equal("Queued", order!.Value.Status());
        }
    }

    [Fact]
    public async Task While_postgres_is_down_orders_get_503_and_nothing_accepted_is_lost()
    {
        // A server of its own: this test stops it.
        await using var server = await PrivatePostgres.StartAsync(PostgresServer.TestDirectory, cancellationToken: Cancel);
        var database = server.ConnectionString;
        await using var farm = FarmHost.OnPostgres(database);
        await farm.Start();
        var first = await Place(farm.Http);
        var before = await farm.Get<JsonElement>($"/api/orders/{first}");

        await server.StopAsync(Cancel);
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var refused = await farm.Http.PostAsync("/api/orders", OrderBody(), Cancel);
                var body = await refused.Content.ReadAsStringAsync(Cancel);
                Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"expected 503 while PostgreSQL is down, got {(int)refused.StatusCode}: {body}");
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(refused.Headers.RetryAfter);
                Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
            }
        }
        finally
        {
            await server.StartAgainAsync(Cancel);
        }

        // Writes work again (the first may still meet a connection from before the restart).
        var second = await Eventually.Get(async () =>
        {
            var placed = await farm.Http.PostAsync("/api/orders", OrderBody(), Cancel);
            return placed.StatusCode == HttpStatusCode.Created
                ? JsonDocument.Parse(await placed.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("reference").GetString()
                : null;
        }, r => r is not null, Patience, "an order to be accepted after PostgreSQL is back");

        var after = await farm.Get<JsonElement>($"/api/orders/{first}");
        Assert.Equal(before.GetProperty("timeline").GetRawText(), after.GetProperty("timeline").GetRawText());
        await farm.Get<JsonElement>($"/api/orders/{second}");

        // Exactly the two accepted orders are stored, and only their jobs exist: nothing half-made.
        var stored = await Sql.Strings(database, "SELECT convert_from(payloadbinary, 'UTF8') FROM orleansstorage WHERE payloadbinary IS NOT NULL");
        var orders = stored.Where(p => p.Contains("\"Timeline\"", StringComparison.OrdinalIgnoreCase) && p.Contains("\"Customer\"", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(2, orders.Count);
        Assert.Contains(orders, p => p.Contains(first));
        Assert.Contains(orders, p => p.Contains(second!));
        // The job board is a view fed in batches: give it a moment.
        var jobs = await Eventually.Get(() => farm.Get<JsonElement>("/api/jobs"), j => j.GetArrayLength() >= 4, Patience, "the job board to show both orders' jobs");
        Assert.Equal(4, jobs.GetArrayLength());
        Assert.All(jobs.EnumerateArray(), j => Assert.Contains(j.GetProperty("orderReference").GetString(), new[] { first, second }));
    }

    private static async Task<string> Place(HttpClient http)
    {
        var placed = await http.PostAsync("/api/orders", OrderBody(), Cancel);
        var body = await placed.Content.ReadAsStringAsync(Cancel);
        Assert.True(placed.StatusCode == HttpStatusCode.Created, $"order not accepted: {(int)placed.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("reference").GetString()!;
    }

    private static List<string?> Stages(JsonElement order) =>
        order.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("status").GetString()).ToList();
}
