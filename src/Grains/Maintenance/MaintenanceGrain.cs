using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrintFarm.Maintenance;

/// <summary>
/// Keeps the operators' per-printer windows and hands the whole schedule to whoever asks. A leaf:
/// it calls no grain, so the dispatcher may wait on it. The windows are definitions, not timers: the dispatcher and the fleet view work out from the cron
/// where each printer stands at the moment they ask, so nothing is missed across a restart.
/// </summary>
public sealed partial class MaintenanceGrain(
    [PersistentState("maintenance", FarmStorage.Name)] IPersistentState<MaintenanceState> state,
    IOptions<MaintenanceOptions> options,
    TimeProvider clock,
    ILogger<MaintenanceGrain> logger) : Grain, IMaintenanceGrain
{

    public const string FromConfiguration = "configuration";
    public const string FromOperator = "operator";

    public Task<List<MaintenanceWindowSpec>> List() => Task.FromResult(All());

    public Task<List<MaintenanceWindowView>> Views() =>
        Task.FromResult(MaintenanceSchedule.From(All(), (w, ex) => LogWindowSkipped(w.Name, ex.Message)).At(clock.GetUtcNow()).Views());

    public async Task<MaintenanceWindowView> SetPrinterWindow(string printerId, MaintenanceWindowSpec window)
    {
        window.Printers = [printerId];
        window.Source = FromOperator;
        var parsed = MaintenanceWindow.Parse(window); // throws before anything changes
        var kept = parsed.Spec;
        state.State.ByPrinter[printerId] = kept;
        await state.WriteStateAsync();
        LogSet(printerId, kept.Name!, kept.Cron!, kept.Duration);
        var now = clock.GetUtcNow();
        return MaintenanceOutlook.View(parsed, parsed.Occurrence(now), now);
    }

    public async Task<bool> RemovePrinterWindow(string printerId)
    {
        if (!state.State.ByPrinter.Remove(printerId)) return false;
        await state.WriteStateAsync();
        LogRemoved(printerId);
        return true;
    }

    private List<MaintenanceWindowSpec> All()
    {
        var configured = options.Value.Windows.Select(w => new MaintenanceWindowSpec
        {
            Name = w.Name, Printers = w.Printers, Cron = w.Cron, Duration = w.Duration, TimeZone = w.TimeZone, Source = FromConfiguration,
        });
        return [.. configured, .. state.State.ByPrinter.Values];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: maintenance window '{Name}' at '{Cron}' for {Duration}")]
    private partial void LogSet(string printerId, string name, string cron, TimeSpan duration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Maintenance window '{Name}' left out: {Problem}")]
    private partial void LogWindowSkipped(string? name, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: maintenance window removed")]
    private partial void LogRemoved(string printerId);
}
