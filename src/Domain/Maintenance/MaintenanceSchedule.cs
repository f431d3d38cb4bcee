namespace PrintFarm.Maintenance;

/// <summary>
/// Every maintenance window of the farm, indexed by printer so that asking about 10,000 printers
/// costs one cron computation per window, not per printer. Pure.
/// </summary>
public sealed class MaintenanceSchedule
{
    public static readonly MaintenanceSchedule Empty = new([]);

    private readonly List<int> _everyPrinter = [];
    private readonly Dictionary<string, List<int>> _byPrinter = new(StringComparer.Ordinal);

    public MaintenanceSchedule(IReadOnlyList<MaintenanceWindow> windows)
    {
        Windows = windows;
        for (var i = 0; i < windows.Count; i++)
        {
            if (windows[i].AppliesToAll)
            {
                _everyPrinter.Add(i);
                continue;
            }
            foreach (var printer in windows[i].Printers)
            {
                if (!_byPrinter.TryGetValue(printer, out var list)) _byPrinter[printer] = list = [];
                list.Add(i);
            }
        }
    }

    public IReadOnlyList<MaintenanceWindow> Windows { get; }
    public bool IsEmpty => Windows.Count == 0;

    /// <summary>
    /// Builds the schedule from stored windows. A window that no longer parses (a time zone this
    /// machine lacks) is reported and left out rather than stopping the others.
    /// </summary>
    public static MaintenanceSchedule From(IEnumerable<MaintenanceWindowSpec> specs, Action<MaintenanceWindowSpec, Exception>? skipped = null)
    {
        var windows = new List<MaintenanceWindow>();
        foreach (var spec in specs)
        {
            try
            {
                windows.Add(MaintenanceWindow.Parse(spec));
            }
            catch (InvalidMaintenanceWindowException ex)
            {
                skipped?.Invoke(spec, ex);
            }
        }
        return windows.Count == 0 ? Empty : new MaintenanceSchedule(windows);
    }

    /// <summary>Where every window stands at <paramref name="now"/>.</summary>
    public MaintenanceOutlook At(DateTimeOffset now) => new(this, now);

    internal IEnumerable<int> WindowsOf(string printerId) =>
        _byPrinter.TryGetValue(printerId, out var own) ? _everyPrinter.Concat(own) : _everyPrinter;
}
