namespace PrintFarm.Maintenance;

/// <summary>
/// The farm's maintenance windows: those in configuration and those operators set per printer.
/// It calls no grain, so the dispatcher may wait on it. Whoever changes a window then asks the
/// dispatcher to reload them (<see cref="Dispatch.IDispatcherGrain.ReloadMaintenance"/>).
/// </summary>
[Alias("PrintFarm.IMaintenanceGrain")]
public interface IMaintenanceGrain : IGrainWithStringKey
{
    /// <summary>Every window: configured ones first, then the printers' own.</summary>
    [Alias("List")]
    Task<List<MaintenanceWindowSpec>> List();

    /// <summary>
    /// Sets (or replaces) a printer's own window and returns it as kept. Throws
    /// <see cref="InvalidMaintenanceWindowException"/>, changing nothing, when it is not valid.
    /// </summary>
    [Alias("SetPrinterWindow")]
    Task<MaintenanceWindowSpec> SetPrinterWindow(string printerId, MaintenanceWindowSpec window);

    /// <summary>Removes a printer's own window; false when it had none.</summary>
    [Alias("RemovePrinterWindow")]
    Task<bool> RemovePrinterWindow(string printerId);
}
