using System.Globalization;
using System.Text.RegularExpressions;

namespace PrintFarm.Designs.Intake;

/// <summary>Reading <c>; key = value</c> comment lines: the first match wins, a value not there is null.</summary>
public static partial class SlicerComments
{
    public static string? Text(string text, Regex pattern)
    {
        var match = pattern.Match(text);
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    public static double? Number(string text, Regex pattern) => FirstNumber(Text(text, pattern));

    public static int? Whole(string text, Regex pattern) =>
        Text(text, pattern) is { } value && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;

    /// <summary>Every number on a line summed ("252.22, 10.5" for two extruders); null when there is none.</summary>
    public static double? Sum(string? value)
    {
        if (value is null) return null;
        var numbers = NumberIn().Matches(value).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        return numbers.Count == 0 ? null : numbers.Sum();
    }

    public static double? FirstNumber(string? value)
    {
        if (value is null) return null;
        var match = NumberIn().Match(value);
        return match.Success ? double.Parse(match.Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A list as slicers write it: <c>PLA;PETG</c>, <c>"PLA","PETG"</c> or <c>PLA,PETG</c>.</summary>
    public static IReadOnlyList<string> List(string? value) =>
        value is null ? [] : value.Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v.Trim('"', '\'').Trim()).Where(v => v.Length > 0).ToList();

    /// <summary>A positive reading, or null: a slicer's 0 means it did not know.</summary>
    public static double? Positive(double? value) => value is > 0 and < double.MaxValue ? value : null;

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex NumberIn();
}
