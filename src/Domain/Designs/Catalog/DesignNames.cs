namespace PrintFarm.Designs.Catalog;

/// <summary>The name an upload is shown under: its file name without any folder, printable, at most 200 characters.</summary>
public static class DesignNames
{
    public const int MaxLength = 200;

    public static string Clean(string? uploaded)
    {
        var name = (uploaded ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length > MaxLength) name = name[..MaxLength];
        return name.Length == 0 || name is "." or ".." ? "design" : name;
    }
}
