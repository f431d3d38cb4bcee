using System.Globalization;

namespace PrintFarm.Bench.Cluster;

/// <summary>
/// How many printers are online at each memory step: percentages of --printers (10, 30, 100 by
/// default). The last step is always every printer, because the steady window after it runs at
/// full size; a step that rounds to no new printer is skipped.
/// </summary>
public static class PrinterStepPlan
{
    public static readonly IReadOnlyList<int> DefaultPercents = [10, 30, 100];

    /// <summary>The first simulator keeps the prefix the flood and the console probe have always used.</summary>
    public const string FirstPrefix = "sim-";

    public static IReadOnlyList<PrinterStep> For(int printers, IReadOnlyList<int> percents)
    {
        var steps = new List<PrinterStep>();
        var online = 0;
        foreach (var percent in percents.Where(p => p is > 0 and < 100).Order().Append(100))
        {
            var target = (int)Math.Round(printers * percent / 100.0, MidpointRounding.AwayFromZero);
            if (target <= online) continue; // below one printer, or no more than the step before
            steps.Add(new PrinterStep(steps.Count + 1, target, target - online, PrefixFor(steps.Count + 1)));
            online = target;
        }
        return steps;
    }

    /// <summary>sim-, then sim2-, sim3-…: each simulator's ids stay apart and remain valid printer ids.</summary>
    public static string PrefixFor(int step) => step == 1 ? FirstPrefix : $"sim{step.ToString(CultureInfo.InvariantCulture)}-";

    /// <summary>As the simulator names its printers (FleetRoster.PrinterId): the prefix and at least three digits.</summary>
    public static string PrinterId(string prefix, int number) => prefix + number.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>Every printer id of the plan, step by step.</summary>
    public static IReadOnlyList<string> AllPrinterIds(IReadOnlyList<PrinterStep> steps) => steps.SelectMany(s => s.PrinterIds).ToList();

    /// <summary>True when every id the plan gives is a valid printer id (a topic segment and a grain key).</summary>
    public static bool IdsAreValid(IReadOnlyList<PrinterStep> steps) =>
        steps.All(s => PrintFarm.Protocol.PrinterId.IsValid(PrinterId(s.IdPrefix, Math.Max(1, s.AddedPrinters))));
}
