using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrintFarm.Storage;

namespace PrintFarm.Tests.Persistence;

[Trait("Category", "Unit")]
public sealed class StorageLoadTests
{
    private static StorageLoad Load(int most) => new(
        Options.Create(new StorageLoadOptions { MostOperationsInFlight = most }),
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    [Fact]
    public void New_work_is_admitted_below_the_limit_and_turned_away_at_it_until_an_operation_finishes()
    {
        var load = Load(most: 2);
        load.Started();
        Assert.True(load.TryAdmitNewWork());
        load.Started();
        Assert.Equal(2, load.InFlight);
        Assert.False(load.TryAdmitNewWork());
        Assert.False(load.TryAdmitNewWork());
        Assert.Equal(2, load.TurnedAway);

        load.Finished();
        Assert.True(load.TryAdmitNewWork());
        Assert.Equal(2, load.TurnedAway);
    }

    [Fact]
    public void A_limit_of_zero_never_turns_work_away()
    {
        var load = Load(most: 0);
        for (var i = 0; i < 10_000; i++) load.Started();
        Assert.True(load.TryAdmitNewWork());
        Assert.Equal(0, load.TurnedAway);
    }

    [Fact]
    public void Operations_started_and_finished_on_many_threads_leave_nothing_in_flight()
    {
        var load = Load(most: 10);
        Parallel.For(0, 100_000, _ => { load.Started(); load.Finished(); });
        Assert.Equal(0, load.InFlight);
        Assert.True(load.TryAdmitNewWork());
    }
}
