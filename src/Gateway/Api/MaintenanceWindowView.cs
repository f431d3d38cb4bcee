using PrintFarm.Maintenance;

namespace PrintFarm.Gateway.Api;

/// <summary>A maintenance window with its current or next occurrence, as operators see it.</summary>
public sealed record MaintenanceWindowView
{
    public required string Name { get; init; }
    public required IReadOnlyCollection<string> Printers { get; init; }
    public required string Cron { get; init; }
    public required TimeSpan Duration { get; init; }
    public string? TimeZone { get; init; }
    public string? Source { get; init; }
    /// <summary>Start of the occurrence on now, or of the next one; null when the cron never fires again.</summary>
    public DateTimeOffset? Start { get; init; }
    public DateTimeOffset? End { get; init; }
    public required bool Active { get; init; }

    public static MaintenanceWindowView Of(MaintenanceWindow window, MaintenanceOccurrence? occurrence, DateTimeOffset now) => new()
    {
        Name = window.Name,
        Printers = window.Printers,
        Cron = window.Spec.Cron!,
        Duration = window.Duration,
        TimeZone = window.Spec.TimeZone,
        Source = window.Spec.Source,
        Start = occurrence?.Start,
        End = occurrence?.End,
        Active = occurrence?.IsActive(now) ?? false,
    };

    public static List<MaintenanceWindowView> All(MaintenanceOutlook outlook) =>
        outlook.Windows.Select(w => Of(w.Window, w.Occurrence, outlook.Now)).ToList();
}
