using System.Collections.Concurrent;
using PrintFarm.Orders;

namespace PrintFarm.Tests.Cluster;

/// <summary>
/// Makes chosen orders refuse their jobs' news, as an order on a silo that just died does, so a
/// test can check that the jobs carry on and the order catches up once it is back.
/// </summary>
public sealed class UnreachableOrders : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<string, int> Refusals = new();

    public static void Cut(string reference) => Refusals[reference] = 0;

    public static void Restore(string reference) => Refusals.TryRemove(reference, out _);

    /// <summary>How many job news the order refused while cut off.</summary>
    public static int RefusedFor(string reference) => Refusals.TryGetValue(reference, out var n) ? n : 0;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == nameof(IOrderGrain.JobChanged)
            && context.TargetId.Key.ToString() is { } reference
            && Refusals.ContainsKey(reference))
        {
            Refusals.AddOrUpdate(reference, 1, (_, n) => n + 1);
            throw new TimeoutException($"order {reference} is out of reach (test)");
        }
        return context.Invoke();
    }
}
