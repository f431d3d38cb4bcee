using System.Collections.Concurrent;

namespace PrintFarm.Tests.Cluster;

/// <summary>
/// Makes chosen grains refuse every call but the test's own reads (<c>Get</c>, <c>List</c>), as a grain on a silo that just died
/// does, so a test can check that the farm carries on and catches up once they are back.
/// </summary>
public sealed class OutOfReach : IIncomingGrainCallFilter
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
