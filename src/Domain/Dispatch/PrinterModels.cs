namespace PrintFarm.Dispatch;

/// <summary>
/// Whether a file sliced for one printer model may print on a printer registered as another.
/// Slicers and operators name the same machine differently ("Bambu Lab P1S" in the file, "P1S"
/// in the registration; "Original Prusa MK4S" and "MK4S"), so names are compared by their letters
/// and digits only, and a name that ends with the other's counts as the same model. "MK4" does
/// not fit "MK4S": a file sliced for one is not safe on the other.
/// </summary>
public static class PrinterModels
{
    /// <param name="slicedFor">The model the job's file was sliced for; null: any printer.</param>
    /// <param name="printer">The printer's model; null when it never said (it takes only jobs for any printer).</param>
    public static bool Fit(string? slicedFor, string? printer)
    {
        if (slicedFor is null) return true;
        if (printer is null) return false;
        var wanted = Letters(slicedFor);
        var have = Letters(printer);
        if (wanted.Length == 0) return true;
        if (have.Length == 0) return false;
        return wanted.EndsWith(have, StringComparison.Ordinal) || have.EndsWith(wanted, StringComparison.Ordinal);
    }

    private static string Letters(string model) =>
        string.Concat(model.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));
}
