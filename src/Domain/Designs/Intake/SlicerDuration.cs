using System.Globalization;
using System.Text.RegularExpressions;

namespace PrintFarm.Designs.Intake;

/// <summary>The slicers' "1d 2h 3m 4s" (zero units left out: "3m 41s", "20s") in seconds.</summary>
public static partial class SlicerDuration
{
    public static double? Seconds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = Unit().Matches(text);
        if (parts.Count == 0) return null;
        double total = 0;
        foreach (Match part in parts)
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch { "d" => value * 86400, "h" => value * 3600, "m" => value * 60, _ => value };
        }
        return total;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s*([dhms])\b")]
    private static partial Regex Unit();
}
