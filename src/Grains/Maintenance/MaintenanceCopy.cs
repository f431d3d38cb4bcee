using Microsoft.Extensions.Logging;
using PrintFarm.LocalCopies;

namespace PrintFarm.Maintenance;

/// <summary>This silo's copy of the farm's maintenance windows (<see cref="MaintenanceGrain"/> owns them).</summary>
public sealed partial class MaintenanceCopy(IGrainFactory grains, TimeProvider clock, ILogger<MaintenanceCopy> logger)
    : LocalCopy<List<MaintenanceWindowSpec>>(grains, clock, logger)
{
    private (List<MaintenanceWindowSpec>? From, MaintenanceSchedule Schedule) _parsed = (null, MaintenanceSchedule.Empty);

    public override string Name => "maintenance windows";

    protected override Task<List<MaintenanceWindowSpec>> Fetch(IGrainFactory grains) =>
        grains.GetGrain<IMaintenanceGrain>(IMaintenanceGrain.Key).List();

    /// <summary>The windows as a schedule, parsed once per fetch; empty until the first fetch.</summary>
    public MaintenanceSchedule Schedule
    {
        get
        {
            var specs = Current?.Value;
            var parsed = _parsed;
            if (specs is null) return MaintenanceSchedule.Empty;
            if (ReferenceEquals(parsed.From, specs)) return parsed.Schedule;
            var schedule = MaintenanceSchedule.From(specs, (w, ex) => LogWindowSkipped(w.Name, ex.Message));
            _parsed = (specs, schedule);
            return schedule;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Maintenance window '{Name}' left out: {Problem}")]
    private partial void LogWindowSkipped(string? name, string problem);
}
