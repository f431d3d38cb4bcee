namespace PrintFarm.Maintenance;

[GenerateSerializer, Alias("PrintFarm.MaintenanceState")]
public sealed class MaintenanceState
{
    /// <summary>Windows operators set per printer through the API, by printer id.</summary>
    [Id(0)] public Dictionary<string, MaintenanceWindowSpec> ByPrinter { get; set; } = [];
}
