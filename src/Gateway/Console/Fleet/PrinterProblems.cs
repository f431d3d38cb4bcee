using System.Text.RegularExpressions;

namespace PrintFarm.Gateway.Console.Fleet;

/// <summary>
/// A printer's problem in plain words, e.g. "HMS 0300-0100: heatbed temperature abnormal".
/// Bambu reports HMS codes (module, part, severity, detail); the first two halves name the
/// fault, which is what an operator looks up. Other dialects report text already.
/// </summary>
public static partial class PrinterProblems
{
    // The faults seen most on a farm floor, by the first two groups of the HMS code.
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["0300_0100"] = "heatbed temperature abnormal",
        ["0300_0200"] = "nozzle temperature abnormal",
        ["0300_0300"] = "hotend cooling fan too slow or stopped",
        ["0300_0400"] = "part cooling fan too slow or stopped",
        ["0300_0600"] = "motor driver overheating",
        ["0300_0800"] = "chamber temperature abnormal",
        ["0300_0D00"] = "homing failed",
        ["0300_1800"] = "extrusion force abnormal: the nozzle may be clogged",
        ["0500_0100"] = "the storage card is missing or unreadable",
        ["0500_0400"] = "the print file is damaged",
        ["0700_0100"] = "AMS: filament ran out",
        ["0700_0200"] = "AMS: filament tangled or stuck",
        ["0700_2000"] = "AMS: filament ran out",
        ["0700_7000"] = "AMS: the feeder failed to pull filament back",
        ["0C00_0100"] = "first-layer inspection found a defect",
        ["0C00_0300"] = "spaghetti detected: the print may have failed",
        ["0C00_0400"] = "the build plate may not be in place",
    };

    private static readonly Dictionary<string, string> Modules = new(StringComparer.Ordinal)
    {
        ["03"] = "motion controller",
        ["05"] = "mainboard",
        ["07"] = "AMS",
        ["08"] = "toolhead",
        ["0C"] = "camera (xcam)",
    };

    [GeneratedRegex("^HMS_([0-9A-F]{4})_([0-9A-F]{4})_([0-9A-F]{4})_([0-9A-F]{4})$")]
    private static partial Regex Hms();

    [GeneratedRegex("^([0-9A-F]{4})_([0-9A-F]{4})$")]
    private static partial Regex PrintError();

    public static string? Describe(string? error)
    {
        if (string.IsNullOrWhiteSpace(error)) return null;
        if (Hms().Match(error) is { Success: true } hms)
        {
            var (module, part) = (hms.Groups[1].Value, hms.Groups[2].Value);
            var fault = Known.GetValueOrDefault($"{module}_{part}")
                ?? $"{Modules.GetValueOrDefault(module[..2], "printer")} fault {hms.Groups[3].Value}-{hms.Groups[4].Value}";
            return $"HMS {module}-{part}: {fault}";
        }
        if (PrintError().Match(error) is { Success: true } print)
        {
            var module = print.Groups[1].Value[..2];
            return $"Print error {print.Groups[1].Value}-{print.Groups[2].Value}: {Modules.GetValueOrDefault(module, "printer")} stopped the print";
        }
        return error;
    }
}
