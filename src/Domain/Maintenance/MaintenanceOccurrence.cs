namespace PrintFarm.Maintenance;

/// <summary>One occurrence of a window: from <see cref="Start"/> (included) to <see cref="End"/> (excluded).</summary>
public readonly record struct MaintenanceOccurrence(DateTimeOffset Start, DateTimeOffset End)
{
    public bool IsActive(DateTimeOffset now) => Start <= now && now < End;
}
