namespace PrintFarm.Designs;

/// <summary>Bound from configuration section <c>Designs:Uploads</c>: where a silo keeps uploads until they are taken in.</summary>
public sealed class DesignUploadOptions
{
    public const string Section = "Designs:Uploads";

    /// <summary>A folder on the silo's own disk; by default <c>uploads</c> beside the SQLite file, or <c>.farm/uploads</c>.</summary>
    public string? Folder { get; set; }
}
