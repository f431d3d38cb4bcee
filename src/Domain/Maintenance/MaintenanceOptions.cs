using System.ComponentModel.DataAnnotations;
namespace PrintFarm.Maintenance;

/// <summary>Bound from configuration section <c>Maintenance</c>.</summary>
public sealed class MaintenanceOptions
{
    public const string Section = "Maintenance";

    /// <summary>Windows for the whole farm or groups of printers; operators add one per printer through the API.</summary>
    public List<MaintenanceWindowSpec> Windows { get; set; } = [];

    /// <summary>
    /// Time kept free before a window on top of a job's expected print time, for a print that
    /// runs over its estimate.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Maintenance:Margin must be between {1} and {2}.")]
    public TimeSpan Margin { get; set; } = TimeSpan.Zero;
}
