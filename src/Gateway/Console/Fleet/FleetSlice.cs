using PrintFarm.Printers;

namespace PrintFarm.Gateway.Console.Fleet;

/// <summary>One page of the filtered fleet.</summary>
public sealed record FleetSlice(List<FleetGroup> Groups, int Matching, int Page, int Pages)
{
    public IEnumerable<PrinterSummary> Printers => Groups.SelectMany(g => g.Printers);
}
