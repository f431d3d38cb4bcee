namespace PrintFarm.Maintenance;

/// <summary>
/// The farm's maintenance windows: those in configuration and those operators set per printer.
/// It calls no grain, so the dispatcher may wait on it. Whoever changes a window then asks the
/// dispatchers of the printer's pools to reload them (<see cref="Dispatch.IDispatcherGrain.ReloadMaintenance"/>).
/// </summary>
[Alias("PrintFarm.IMaintenanceGrain")]
public interface IMaintenanceGrain : IGrainWithStringKey
{
    /// <summary>The one grain of its kind in the farm has this key.</summary>
    const string Key = "farm";

    /// <summary>Every window: configured ones first, then the printers' own.</summary>
    [Alias("List")]
    Task<List<MaintenanceWindowSpec>> List();

    /// <summary>Every window with where it stands now (its current or next occurrence), as operators see them.</summary>
    [Alias("Views")]
    Task<List<MaintenanceWindowView>> Views();

    /// <summary>
    /// Sets (or replaces) a printer's own window and returns it as kept. Throws
    /// <see cref="InvalidMaintenanceWindowException"/>, changing nothing, when it is not valid.
    /// </summary>
    [Alias("SetPrinterWindow")]
    Task<MaintenanceWindowView> SetPrinterWindow(string printerId, MaintenanceWindowSpec window);

    /// <summary>Removes a printer's own window; false when it had none.</summary>
    [Alias("RemovePrinterWindow")]
    Task<bool> RemovePrinterWindow(string printerId);
}
