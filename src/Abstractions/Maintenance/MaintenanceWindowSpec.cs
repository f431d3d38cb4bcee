namespace PrintFarm.Maintenance;

/// <summary>
/// A maintenance window as an operator writes it, in configuration (<c>Maintenance:Windows</c>)
/// or through <c>PUT /api/printers/{id}/maintenance</c>: plain data, checked by
/// <see cref="MaintenanceWindow.Parse"/> before it is kept.
/// </summary>
[GenerateSerializer, Alias("PrintFarm.MaintenanceWindowSpec")]
public sealed class MaintenanceWindowSpec
{
    /// <summary>What the window is for ("nozzle change", "weekly clean"); shown in the fleet view.</summary>
    [Id(0)] public string? Name { get; set; }

    /// <summary>Printer ids the window applies to; <c>*</c> means every printer.</summary>
    [Id(1)] public List<string> Printers { get; set; } = [];

    /// <summary>A Quartz cron expression (seconds first): when each window starts, e.g. <c>0 0 2 ? * SUN</c>.</summary>
    [Id(2)] public string? Cron { get; set; }

    /// <summary>How long each window lasts.</summary>
    [Id(3)] public TimeSpan Duration { get; set; }

    /// <summary>The time zone the cron is read in (IANA id); UTC when empty.</summary>
    [Id(4)] public string? TimeZone { get; set; }

    /// <summary>Where it comes from: <c>configuration</c> or <c>operator</c>.</summary>
    [Id(5)] public string? Source { get; set; }
}
