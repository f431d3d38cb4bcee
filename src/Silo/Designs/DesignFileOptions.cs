namespace PrintFarm.Silo.Designs;

/// <summary>Bound from configuration section <c>Designs:Files</c>: where a farm without PostgreSQL keeps its design files.</summary>
public sealed class DesignFileOptions
{
    public const string Section = "Designs:Files";

    /// <summary>The folder of the design store on SQLite; by default <c>designs</c> beside the database file (<c>.farm/data/designs</c>).</summary>
    public string? Folder { get; set; }
}
