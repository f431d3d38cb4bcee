using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Postgres;

/// <summary>
/// A farm whose database is behind turns new orders away (503, Retry-After) instead of taking
/// them into a queue of writes that grain calls time out behind; what it accepted is still stored.
/// The database is made to fall behind for real: a transaction holds the storage table in
/// EXCLUSIVE mode, which lets the silo's reads through and makes every grain write wait.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PlacementBackpressureTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_the_database_is_behind_a_new_order_is_turned_away_with_503_and_nothing_of_it_is_stored()
    {
        var database = await postgres.NewDatabase();
        await using var farm = FarmHost.OnPostgres(database, new Dictionary<string, string?> { ["Storage:MostOperationsInFlight"] = "1" });
        await farm.Start();

        await using var holder = Sql.Open(database);
        await holder.OpenAsync(Cancel);
        var hold = await holder.BeginTransactionAsync(Cancel);
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE orleansstorage IN EXCLUSIVE MODE", holder, hold))
            await lockTable.ExecuteNonQueryAsync(Cancel);

        // An order whose first write now waits on the database: one operation in flight.
        var waiting = farm.Http.SendAsync(Order("backpressure-first-0001"), Cancel);
        await Eventually.Get(() => Sql.Scalar<long>(database,
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'orleansstorage' AND NOT l.granted"),
            n => n >= 1, Patience, "a grain write waiting on the held storage table");

        using (var refused = await farm.Http.SendAsync(Order("backpressure-second-0001"), Cancel))
        {
            var body = await refused.Content.ReadAsStringAsync(Cancel);
            Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"expected 503 while the database is behind, got {(int)refused.StatusCode}: {body}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
            Assert.Equal("The farm is busy", JsonDocument.Parse(body).RootElement.GetProperty("title").GetString());
        }

        // The database catches up: what was waiting is placed, and the refused order, sent again
        // with its key, is placed then, not replayed (the refusal stored nothing of it).
        await hold.RollbackAsync(Cancel);
        using var first = await waiting;
        Assert.True(first.StatusCode == HttpStatusCode.Created, $"the order that waited on the database: {(int)first.StatusCode} {await first.Content.ReadAsStringAsync(Cancel)}");
        var firstReference = JsonDocument.Parse(await first.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("reference").GetString()!;

        using var again = await Eventually.Get(() => farm.Http.SendAsync(Order("backpressure-second-0001"), Cancel),
            r => r.StatusCode != HttpStatusCode.ServiceUnavailable, Patience, "the refused order to be taken once the database caught up");
        Assert.True(again.StatusCode == HttpStatusCode.Created, $"the refused order sent again: {(int)again.StatusCode} {await again.Content.ReadAsStringAsync(Cancel)}");
        Assert.False(again.Headers.Contains("Idempotent-Replayed"), "the refused order was stored after all: its retry was a replay");

        var stored = await farm.Get<JsonElement>($"/api/orders/{firstReference}");
        Assert.Equal(firstReference, stored.GetProperty("reference").GetString());
    }

    private static HttpRequestMessage Order(string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = new StringContent(ApiModels.ValidOrder, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }
}
