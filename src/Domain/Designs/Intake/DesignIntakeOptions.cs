using System.ComponentModel.DataAnnotations;

namespace PrintFarm.Designs.Intake;

/// <summary>
/// How much an uploaded design may be, bound from configuration section <c>Designs:Intake</c>.
/// The zip limits are what a sliced 3MF needs with room to spare (tens of entries, G-code that
/// deflates about tenfold); a file past them is refused before anything is stored.
/// </summary>
public sealed class DesignIntakeOptions
{
    public const string Section = "Designs:Intake";

    /// <summary>The largest file taken, as uploaded (413 past it).</summary>
    [Range(1024L, 64L * 1024 * 1024 * 1024, ErrorMessage = "Designs:Intake:MaxFileBytes must be between {1} and {2}.")]
    public long MaxFileBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Entries in one zip (3MF, UFP).</summary>
    [Range(1, 100_000, ErrorMessage = "Designs:Intake:MaxZipEntries must be between {1} and {2}.")]
    public int MaxZipEntries { get; set; } = 1000;

    /// <summary>All entries of one zip together, uncompressed.</summary>
    [Range(1024L, 64L * 1024 * 1024 * 1024, ErrorMessage = "Designs:Intake:MaxUncompressedBytes must be between {1} and {2}.")]
    public long MaxUncompressedBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>How many times larger than stored one zip entry may be once inflated.</summary>
    [Range(2, 100_000, ErrorMessage = "Designs:Intake:MaxCompressionRatio must be between {1} and {2}.")]
    public int MaxCompressionRatio { get; set; } = 200;
}
