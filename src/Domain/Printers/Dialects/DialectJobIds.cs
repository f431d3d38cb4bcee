using PrintFarm.Protocol;

namespace PrintFarm.Printers.Dialects;

/// <summary>How a farm job id is recognised in what a printer reports.</summary>
public static class DialectJobIds
{
    private static readonly string[] CompoundExtensions = [".gcode.3mf"];

    /// <summary>The file name's stem (<c>folder/job-42.gcode</c> → <c>job-42</c>) when that is a valid id, else null.</summary>
    public static string? FromFile(string? file)
    {
        if (string.IsNullOrWhiteSpace(file)) return null;
        var name = file[(file.LastIndexOf('/') + 1)..];
        // A sliced project is "job.gcode.3mf": both parts are the extension.
        var compound = CompoundExtensions.FirstOrDefault(e => name.Length > e.Length && name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        var dot = compound is null ? name.LastIndexOf('.') : name.Length - compound.Length;
        var stem = dot > 0 ? name[..dot] : name;
        return PrinterId.IsValid(stem) ? stem : null;
    }
}
