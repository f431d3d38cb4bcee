using PrintFarm.Dispatch;
using PrintFarm.Gateway.Console.Live;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Console.Fleet;

/// <summary>Everything one fleet page shows, from this gateway's copy of the fleet and the farm's views.</summary>
public sealed record FleetView(
    FleetQuery Query,
    FleetSlice Slice,
    FleetCounts Counts,
    IReadOnlyList<NextUp> Soonest,
    IReadOnlySet<string> Late,
    IReadOnlyDictionary<string, string> Dialects,
    IReadOnlyList<string> Pools)
{
    public const int SoonestShown = 8;

    public static FleetView Build(FleetSnapshot fleet, FleetQuery query, QueueView queue, IReadOnlyList<LateOrder> late,
        IReadOnlyDictionary<string, string> dialects, int pageSize)
    {
        var printers = fleet.Printers.Values;
        return new FleetView(
            query,
            query.Slice(printers, pageSize),
            FleetCounts.Of(printers),
            NextUp.Soonest(printers, queue.Next, SoonestShown),
            late.Select(l => l.Reference).ToHashSet(StringComparer.Ordinal),
            dialects,
            printers.SelectMany(TileFacts.Pools).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList());
    }
}
