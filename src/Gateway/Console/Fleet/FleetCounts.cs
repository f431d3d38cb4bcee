using PrintFarm.Printers;

namespace PrintFarm.Gateway.Console.Fleet;

/// <summary>How many printers are in each state, over the whole fleet (not the filtered page).</summary>
public sealed record FleetCounts(int Total, IReadOnlyDictionary<TileState, int> ByState)
{
    public int this[TileState state] => ByState.GetValueOrDefault(state);

    public static FleetCounts Of(IEnumerable<PrinterSummary> fleet)
    {
        var by = new Dictionary<TileState, int>();
        var total = 0;
        foreach (var p in fleet)
        {
            total++;
            var state = TileFacts.StateOf(p);
            by[state] = by.GetValueOrDefault(state) + 1;
        }
        return new FleetCounts(total, by);
    }
}
