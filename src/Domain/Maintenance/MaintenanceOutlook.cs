namespace PrintFarm.Maintenance;

/// <summary>
/// The farm's maintenance windows as they stand at one moment: each window's current or next
/// occurrence, worked out once, then looked up per printer.
/// </summary>
public sealed class MaintenanceOutlook
{
    private readonly MaintenanceSchedule _schedule;
    private readonly MaintenanceOccurrence?[] _occurrences;

    internal MaintenanceOutlook(MaintenanceSchedule schedule, DateTimeOffset now)
    {
        _schedule = schedule;
        Now = now;
        _occurrences = schedule.Windows.Select(w => w.Occurrence(now)).ToArray();
    }

    public DateTimeOffset Now { get; }

    /// <summary>Each window with its current or next occurrence (none when its cron never fires again).</summary>
    public IEnumerable<(MaintenanceWindow Window, MaintenanceOccurrence? Occurrence)> Windows =>
        _schedule.Windows.Select((w, i) => (w, _occurrences[i]));

    /// <summary>Every window with its current or next occurrence, as operators see them.</summary>
    public List<MaintenanceWindowView> Views() => Windows.Select(w => View(w.Window, w.Occurrence, Now)).ToList();

    public static MaintenanceWindowView View(MaintenanceWindow window, MaintenanceOccurrence? occurrence, DateTimeOffset now) => new()
    {
        Name = window.Name,
        Printers = window.Printers.ToList(),
        Cron = window.Spec.Cron!,
        Duration = window.Duration,
        TimeZone = window.Spec.TimeZone,
        Source = window.Spec.Source,
        Start = occurrence?.Start,
        End = occurrence?.End,
        Active = occurrence?.IsActive(now) ?? false,
    };

    /// <summary>The printer with its current or next window filled in (unchanged when none concerns it).</summary>
    public Printers.PrinterSummary WithMaintenance(Printers.PrinterSummary printer) =>
        For(printer.PrinterId) is { } window ? printer with { Maintenance = window } : printer;

    /// <summary>
    /// The printer's window that is on now (the one lasting longest if several are), or else the
    /// one that starts first; null when no window concerns the printer.
    /// </summary>
    public PrinterMaintenance? For(string printerId)
    {
        (int Index, MaintenanceOccurrence Occurrence)? best = null;
        foreach (var i in _schedule.WindowsOf(printerId))
        {
            if (_occurrences[i] is not { } occurrence) continue;
            if (best is not { } b || Better(occurrence, b.Occurrence)) best = (i, occurrence);
        }
        return best is { } found
            ? new PrinterMaintenance
            {
                Window = _schedule.Windows[found.Index].Name,
                Start = found.Occurrence.Start,
                End = found.Occurrence.End,
                Active = found.Occurrence.IsActive(Now),
            }
            : null;
    }

    /// <summary>
    /// How long the printer may work before its next window: null when no window is ahead,
    /// zero while one is on.
    /// </summary>
    public TimeSpan? TimeBeforeWindow(string printerId)
    {
        TimeSpan? least = null;
        foreach (var i in _schedule.WindowsOf(printerId))
        {
            if (_occurrences[i] is not { } occurrence) continue;
            var left = occurrence.IsActive(Now) ? TimeSpan.Zero : occurrence.Start - Now;
            if (least is null || left < least) least = left;
        }
        return least;
    }

    private bool Better(MaintenanceOccurrence candidate, MaintenanceOccurrence current)
    {
        bool candidateOn = candidate.IsActive(Now), currentOn = current.IsActive(Now);
        if (candidateOn != currentOn) return candidateOn;
        return candidateOn ? candidate.End > current.End : candidate.Start < current.Start;
    }
}
