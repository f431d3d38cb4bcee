using System.Globalization;

namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>A group of a mixed fleet: this many printers speaking this dialect.</summary>
public sealed record DialectCount(PrinterDialect Dialect, int Count)
{
    /// <summary>Reads <c>bambu=2,octoprint=2,moonraker=2,native=14</c> (names are case-insensitive; a dialect may appear once).</summary>
    public static bool TryParseMix(string? text, out IReadOnlyList<DialectCount> mix, out string error)
    {
        mix = [];
        error = "";
        var groups = new List<DialectCount>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0
                || !Enum.TryParse<PrinterDialect>(part[..equals].Trim(), ignoreCase: true, out var dialect)
                || !Enum.IsDefined(dialect)
                || part[..equals].Trim().All(char.IsDigit))
            {
                error = $"--dialects: '{part}' is not dialect=count; dialects are native, bambu, octoprint, moonraker.";
                return false;
            }
            if (!int.TryParse(part[(equals + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                error = $"--dialects: the count in '{part}' must be a whole number of at least 1.";
                return false;
            }
            if (groups.Any(g => g.Dialect == dialect))
            {
                error = $"--dialects: {dialect.ToString().ToLowerInvariant()} is given twice.";
                return false;
            }
            groups.Add(new DialectCount(dialect, count));
        }
        if (groups.Count == 0)
        {
            error = "--dialects is empty; expected e.g. bambu=2,octoprint=2,moonraker=2,native=14.";
            return false;
        }
        mix = groups;
        return true;
    }
}
