using System.Globalization;

namespace PrintFarm.Gateway.Api.Sculpteo;

/// <summary>
/// One <c>item[i]</c> of the Sculpteo order API: <c>uuid:qty[:scale:unit:material]</c>. The farm
/// prints the sliced file as it is, so a scale other than 1 is refused rather than ignored.
/// </summary>
public sealed record SculpteoItem(Guid Design, int Quantity, string? Unit, string? Material)
{
    /// <summary>The units Sculpteo names; a sliced file has its own, so the unit is only checked.</summary>
    public static readonly string[] Units = ["mm", "cm", "m", "in", "ft"];

    public static SculpteoItem? Parse(string value, out string? problem)
    {
        problem = null;
        var parts = value.Trim().Split(':');
        if (parts.Length is < 2 or > 5) return Fail("is uuid:qty[:scale:unit:material]", out problem);
        if (!Guid.TryParse(parts[0], out var design) || design == Guid.Empty) return Fail("does not start with a design UUID", out problem);
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity < 1)
            return Fail("has no quantity of 1 or more", out problem);
        if (parts.Length > 2 && parts[2].Length > 0
            && (!double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) || Math.Abs(scale - 1) > 1e-9))
            return Fail("asks for a scale other than 1: the farm prints the sliced file as it is", out problem);
        var unit = parts.Length > 3 && parts[3].Length > 0 ? parts[3].ToLowerInvariant() : null;
        if (unit is not null && !Units.Contains(unit)) return Fail($"has an unknown unit (use {string.Join(", ", Units)})", out problem);
        var material = parts.Length > 4 && parts[4].Length > 0 ? parts[4] : null;
        return new SculpteoItem(design, quantity, unit, material);
    }

    private static SculpteoItem? Fail(string what, out string problem)
    {
        problem = what;
        return null;
    }
}
