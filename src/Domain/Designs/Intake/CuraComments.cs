using System.Globalization;
using System.Text.RegularExpressions;

namespace PrintFarm.Designs.Intake;

/// <summary>
/// Cura (CuraEngine) G-code: <c>;FLAVOR:</c>, <c>;TIME:</c> seconds, <c>;Filament used: 1.2m</c>
/// in the header, and <c>;End of Gcode</c> near the end, before the settings Cura appends. Cura
/// writes no printer model and, by default, no material: those stay unknown. CuraEngine writes
/// <c>;TIME:6666</c> when it made no estimate: that is unknown too, not 1 h 51 min. UltiMaker's
/// Griffin flavour writes <c>;PRINT.TIME:</c> and <c>;TARGET_MACHINE.NAME:</c> instead.
/// </summary>
public static partial class CuraComments
{
    private const double NoEstimate = 6666;

    public static string? Identify(string header) => Engine().Match(header) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

    public static PrintFileFacts Read(GCodeText file, string version)
    {
        if (!file.Footer.Contains(";End of Gcode", StringComparison.Ordinal))
            throw new DesignRefusedException("The G-code from Cura is incomplete: it has no ';End of Gcode' line, so the upload was probably cut short.");
        var header = file.Header;
        var times = Time().Matches(header).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Where(t => t != NoEstimate).ToList();
        var metres = SlicerComments.Text(header, Used()) is { } used
            ? SlicerComments.Sum(used) * 1000
            : null;
        return new PrintFileFacts
        {
            Format = DesignFormat.GCode,
            Slicer = "Cura",
            SlicerVersion = version,
            EstimatedPrintSeconds = SlicerComments.Positive(times.Count == 0 ? null : times.Max()),
            FilamentGrams = SlicerComments.Positive(SlicerComments.Sum(SlicerComments.Text(header, Weight()))),
            FilamentMillimetres = SlicerComments.Positive(metres),
            Materials = SlicerComments.List(SlicerComments.Text(header, FilamentType())),
            PrinterModel = SlicerComments.Text(header, Machine()) is { Length: > 0 } model ? model : null,
            NozzleDiameter = SlicerComments.Positive(SlicerComments.Number(header, Nozzle()) ?? SlicerComments.Number(header, GriffinNozzle())),
            LayerHeight = SlicerComments.Positive(SlicerComments.Number(header, LayerHeight())),
            LayerCount = SlicerComments.Whole(header, LayerCount()),
        };
    }

    [GeneratedRegex(@"Cura_SteamEngine\s([^\n]*)")]
    private static partial Regex Engine();

    [GeneratedRegex(@"^;(?:PRINT\.)?TIME:(\d+(?:\.\d+)?)", RegexOptions.Multiline)]
    private static partial Regex Time();

    [GeneratedRegex(@"^;Filament used:\s*([^\n]*)", RegexOptions.Multiline)]
    private static partial Regex Used();

    [GeneratedRegex(@"^;Filament weight\s*=\s*\[?([^\]\n]*)", RegexOptions.Multiline)]
    private static partial Regex Weight();

    [GeneratedRegex(@"^;Filament type\s*=\s*([^\n]*)", RegexOptions.Multiline)]
    private static partial Regex FilamentType();

    [GeneratedRegex(@"^;TARGET_MACHINE\.NAME:\s*([^\n]*)", RegexOptions.Multiline)]
    private static partial Regex Machine();

    [GeneratedRegex(@"^;Nozzle diameter\s*=\s*([^\n]*)", RegexOptions.Multiline)]
    private static partial Regex Nozzle();

    [GeneratedRegex(@"^;EXTRUDER_TRAIN\.0\.NOZZLE\.DIAMETER:\s*([^\n]*)", RegexOptions.Multiline)]
    private static partial Regex GriffinNozzle();

    [GeneratedRegex(@"^;Layer height:\s*([^\n]*)", RegexOptions.Multiline)]
    private static partial Regex LayerHeight();

    [GeneratedRegex(@"^;LAYER_COUNT:(\d+)", RegexOptions.Multiline)]
    private static partial Regex LayerCount();
}
