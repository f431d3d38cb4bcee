using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PrintFarm.Silo.Storage;
using PrintFarm.Tests.Resilience;

namespace PrintFarm.Tests.Postgres;

/// <summary>
/// <c>Storage:CreateSchema</c> waiting for a database that is not up, on a fake clock: nothing
/// listens on the port, so every try fails at once and only the clock decides how long it goes on.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SchemaWaitTests
{
    [Fact]
    public async Task The_schema_waits_back_off_up_to_five_seconds_and_give_up_after_the_patience_on_the_clock()
    {
        var clock = new WatchedClock();
        var start = clock.GetUtcNow();
        var patience = TimeSpan.FromSeconds(30);
        var schema = new PostgresSchema($"Host=127.0.0.1;Port={FreePort.Next()};Username=nobody;Password=none;Database=none;Pooling=false",
            NullLogger.Instance, clock);

        var apply = schema.ApplyWhenReachableAsync(patience, TestContext.Current.CancellationToken);
        var waits = new List<TimeSpan>();
        while (true)
        {
            var next = clock.NextWait();
            if (await Task.WhenAny(apply, next) == apply) break;
            var wait = await next;
            waits.Add(wait.Due);
            clock.Advance(wait.Due);
        }

        var failure = await Assert.ThrowsAsync<NpgsqlException>(() => apply);
        Assert.True(failure.IsTransient);
        Assert.True(waits.Count >= 6, $"{waits.Count} waits in {patience}");
        Assert.InRange(waits[0], TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.Zero, TimeSpan.FromSeconds(5)));
        // It gave up with the first failure past its patience, measured on the clock.
        var elapsed = clock.GetUtcNow() - start;
        Assert.InRange(elapsed, patience, patience + TimeSpan.FromSeconds(5));
    }
}
