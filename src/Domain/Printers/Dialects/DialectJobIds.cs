using PrintFarm.Protocol;

namespace PrintFarm.Printers.Dialects;

/// <summary>How a farm job id is recognised in what a printer reports.</summary>
public static class DialectJobIds
{
    /// <summary>The file name's stem (<c>folder/job-42.gcode</c> → <c>job-42</c>) when that is a valid id, else null.</summary>
    public static string? FromFile(string? file)
    {
        if (string.IsNullOrWhiteSpace(file)) return null;
        var name = file[(file.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        var stem = dot > 0 ? name[..dot] : name;
        return PrinterId.IsValid(stem) ? stem : null;
    }
}
