using System.Globalization;
using System.Text.RegularExpressions;

namespace PrintFarm.Designs.Intake;

/// <summary>
/// Bambu Studio's plate G-code: a <c>; HEADER_BLOCK_START/END</c> with <c>key: value</c> totals
/// (one value per filament used, summed here), then a <c>; CONFIG_BLOCK_START/END</c> with
/// <c>key = value</c> settings, whose lists hold one entry per project slot: the materials used
/// are picked by the header's <c>; filament: 1,4</c> slot numbers, not by position.
/// </summary>
public static partial class BambuStudioComments
{
    public static string? Identify(string header) => Version().Match(header) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

    public static PrintFileFacts Read(GCodeText file, string version)
    {
        var header = file.Header;
        if (header.Contains("; HEADER_BLOCK_START", StringComparison.Ordinal) && !header.Contains("; HEADER_BLOCK_END", StringComparison.Ordinal))
            throw new DesignRefusedException("The G-code from Bambu Studio is incomplete: its header block never ends, so the upload was probably cut short.");
        var slots = SlicerComments.List(SlicerComments.Text(header, Slots()))
            .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0).Where(n => n > 0).ToList();
        var types = SlicerComments.List(SlicerComments.Text(header, FilamentType()));
        var materials = slots.Count == 0 ? types : slots.Where(n => n <= types.Count).Select(n => types[n - 1]).ToList();
        return new PrintFileFacts
        {
            Format = DesignFormat.GCode,
            Slicer = "BambuStudio",
            SlicerVersion = version,
            // What the printer will take, preparation included.
            EstimatedPrintSeconds = SlicerComments.Positive(SlicerDuration.Seconds(SlicerComments.Text(header, TotalTime())) ?? SlicerDuration.Seconds(SlicerComments.Text(header, ModelTime()))),
            // The volume line is mislabelled (mm³ as cm³): the grams are what the slicer weighed.
            FilamentGrams = SlicerComments.Positive(SlicerComments.Sum(SlicerComments.Text(header, Grams()))),
            FilamentMillimetres = SlicerComments.Positive(SlicerComments.Sum(SlicerComments.Text(header, Length()))),
            Materials = materials,
            PrinterModel = SlicerComments.Text(header, PrinterModel()) is { Length: > 0 } model ? model : null,
            NozzleDiameter = SlicerComments.Positive(SlicerComments.Number(header, Nozzle())),
            LayerHeight = SlicerComments.Positive(SlicerComments.Number(header, LayerHeight())),
            LayerCount = SlicerComments.Whole(header, LayerCount()),
        };
    }

    [GeneratedRegex(@"^; BambuStudio[^ \n]* ([^\n]+)", RegexOptions.Multiline)]
    private static partial Regex Version();

    [GeneratedRegex(@"total estimated time:\s*([^;\n]*)")]
    private static partial Regex TotalTime();

    [GeneratedRegex(@"model printing time:\s*([^;\n]*)")]
    private static partial Regex ModelTime();

    [GeneratedRegex(@"^; total filament weight \[g\]\s*:\s*([^\n]*)", RegexOptions.Multiline)]
    private static partial Regex Grams();

    [GeneratedRegex(@"^; total filament length \[mm\]\s*:\s*([^\n]*)", RegexOptions.Multiline)]
    private static partial Regex Length();

    [GeneratedRegex(@"^; total layer number:\s*(\d+)", RegexOptions.Multiline)]
    private static partial Regex LayerCount();

    [GeneratedRegex(@"^; filament:\s*([^\n]*)", RegexOptions.Multiline)]
    private static partial Regex Slots();

    [GeneratedRegex(@"^; filament_type = ([^\n]*)", RegexOptions.Multiline)]
    private static partial Regex FilamentType();

    [GeneratedRegex(@"^; printer_model = ([^\n]*)", RegexOptions.Multiline)]
    private static partial Regex PrinterModel();

    [GeneratedRegex(@"^; nozzle_diameter = ([^\n]*)", RegexOptions.Multiline)]
    private static partial Regex Nozzle();

    [GeneratedRegex(@"^; layer_height = ([^\n]*)", RegexOptions.Multiline)]
    private static partial Regex LayerHeight();
}
