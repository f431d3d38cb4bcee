namespace PrintFarm.Maintenance;

/// <summary>A maintenance window that cannot be kept, with what is wrong per field; nothing was changed.</summary>
[GenerateSerializer, Alias("PrintFarm.InvalidMaintenanceWindowException")]
public sealed class InvalidMaintenanceWindowException(Dictionary<string, string[]> errors)
    : Exception("The maintenance window is not valid: " + string.Join(" ", errors.SelectMany(e => e.Value)))
{
    [Id(0)] public Dictionary<string, string[]> Errors { get; } = errors;
}
