using System.Collections.Concurrent;

namespace PrintFarm.Tests.Cluster;

/// <summary>
/// Makes chosen grains refuse every call but the test's own reads (<c>Get</c>, <c>List</c>), as a grain on a silo that just died
/// does, so a test can check that the farm carries on and catches up once they are back.
/// </summary>
/// <remarks>
/// Each cluster of the test run has a filter type of its own, and with it a list of its own: the
/// clusters run side by side, and have grains of the same id (the job board's "jobboard/farm").
/// </remarks>
public abstract class CutOff<TCluster> : IIncomingGrainCallFilter where TCluster : CutOff<TCluster>
{
    private static readonly ConcurrentDictionary<string, int> Refusals = new();

    /// <summary>Cuts off the grain with this key (an order reference, a job id) or id ("jobboard/farm").</summary>
    public static void Cut(string key) => Refusals[key] = 0;

    public static void Restore(string key) => Refusals.TryRemove(key, out _);

    /// <summary>How many calls the grain refused while cut off.</summary>
    public static int RefusedFor(string key) => Refusals.TryGetValue(key, out var n) ? n : 0;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var key = Refusals.ContainsKey(context.TargetId.ToString()) ? context.TargetId.ToString() : context.TargetId.Key.ToString();
        if (context.InterfaceMethod?.Name is not ("Get" or "List") && Refusals.ContainsKey(key))
        {
            Refusals.AddOrUpdate(key, 1, (_, n) => n + 1);
            throw new TimeoutException($"{key} is out of reach (test)");
        }
        return context.Invoke();
    }
}

/// <summary>Grains cut off in the farm cluster (<see cref="FarmClusterFixture"/>).</summary>
public sealed class OutOfReach : CutOff<OutOfReach>;

/// <summary>Grains cut off in the cluster on a fake clock (<see cref="FakeClockClusterFixture"/>).</summary>
public sealed class OutOfReachOnFakeClock : CutOff<OutOfReachOnFakeClock>;
