using PrintFarm.Printers;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Gateway.Metrics;

/// <summary>
/// Printer connections by dialect, counted from the registry and the fleet list: the link grains
/// hold each connection's state, but asking each of them would be one call per printer on every
/// refresh. A registered printer's link is up when its printer is online (the link is what brings
/// it online); one registered but never heard of has no working link yet. Native printers have no
/// link grain: their connection is to the farm's broker, told by their own status.
/// </summary>
public static class LinkStates
{
    public const string Connected = "Connected";
    public const string Disconnected = "Disconnected";

    public static Dictionary<(string Dialect, string State), int> Count(IReadOnlyList<PrinterSummary> fleet, IReadOnlyList<PrinterRegistrationView> registrations)
    {
        var online = new Dictionary<string, bool>();
        foreach (var p in fleet) online.TryAdd(p.PrinterId, p.Connectivity == Connectivity.Online);
        var dialects = new Dictionary<string, PrinterDialect>();
        foreach (var r in registrations) dialects.TryAdd(r.Id, r.Dialect);
        var counts = new Dictionary<(string, string), int>();
        foreach (var dialect in Enum.GetValues<PrinterDialect>())
        {
            counts[(Label(dialect), Connected)] = 0;
            counts[(Label(dialect), Disconnected)] = 0;
        }
        foreach (var id in online.Keys.Union(dialects.Keys))
        {
            var dialect = dialects.GetValueOrDefault(id, PrinterDialect.Native);
            counts[(Label(dialect), online.GetValueOrDefault(id) ? Connected : Disconnected)]++;
        }
        return counts;
    }

    private static string Label(PrinterDialect dialect) => dialect.ToString();
}
