using PrintFarm.Protocol;
using Quartz;

namespace PrintFarm.Maintenance;

/// <summary>
/// A recurring maintenance window: starts whenever its Quartz cron fires and lasts
/// <see cref="Duration"/>. Pure: every answer is computed from the cron and the time asked about,
/// so nothing has to fire at the window's edges and a restarted silo knows at once where each
/// printer stands.
/// </summary>
public sealed class MaintenanceWindow
{
    public const string AllPrinters = "*";
    public static readonly TimeSpan LongestDuration = TimeSpan.FromDays(7);
    private const int NameLength = 100;
    /// <summary>Occurrences closer together than the duration merge; this bounds the walk.</summary>
    private const int MostMerged = 1000;

    private readonly CronExpression _cron;
    private readonly HashSet<string>? _printers;

    private MaintenanceWindow(MaintenanceWindowSpec spec, CronExpression cron, TimeZoneInfo timeZone, HashSet<string>? printers)
    {
        Spec = spec;
        _cron = cron;
        _printers = printers;
        TimeZone = timeZone;
    }

    public MaintenanceWindowSpec Spec { get; }
    public string Name => Spec.Name!;
    public TimeSpan Duration => Spec.Duration;
    public TimeZoneInfo TimeZone { get; }
    public bool AppliesToAll => _printers is null;
    public IReadOnlyCollection<string> Printers => _printers ?? [AllPrinters];

    public bool AppliesTo(string printerId) => _printers is null || _printers.Contains(printerId);

    /// <summary>
    /// The occurrence that is on at <paramref name="now"/>, or else the next one; null when the
    /// cron never fires again. Occurrences that run into one another count as one.
    /// </summary>
    public MaintenanceOccurrence? Occurrence(DateTimeOffset now)
    {
        // The only occurrences still on at `now` are those that started after now - Duration.
        if (_cron.GetNextValidTimeAfter(now - Duration) is not { } start) return null;
        var end = start + Duration;
        var next = _cron.GetNextValidTimeAfter(start);
        for (var merged = 0; next is { } n && n <= end && merged < MostMerged; merged++)
        {
            end = n + Duration;
            next = _cron.GetNextValidTimeAfter(n);
        }
        return new MaintenanceOccurrence(start, end);
    }

    /// <summary>Checks a window as written; throws <see cref="InvalidMaintenanceWindowException"/> naming each bad field.</summary>
    public static MaintenanceWindow Parse(MaintenanceWindowSpec spec)
    {
        var errors = new Dictionary<string, string[]>();
        var timeZone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(spec.TimeZone))
        {
            try
            {
                timeZone = TimeZoneInfo.FindSystemTimeZoneById(spec.TimeZone.Trim());
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                errors["timeZone"] = [$"\"{spec.TimeZone}\" is not a known time zone; use an IANA id such as \"Europe/Paris\"."];
            }
        }

        CronExpression? cron = null;
        if (string.IsNullOrWhiteSpace(spec.Cron))
        {
            errors["cron"] = ["Give a Quartz cron expression, seconds first, e.g. \"0 0 2 ? * SUN\" (Sundays at 02:00)."];
        }
        else
        {
            try
            {
                cron = new CronExpression(spec.Cron.Trim(), timeZone);
            }
            catch (FormatException ex)
            {
                errors["cron"] = [$"\"{spec.Cron}\" is not a Quartz cron expression: {ex.Message} Seconds come first, e.g. \"0 0 2 ? * SUN\"."];
            }
        }

        if (spec.Duration <= TimeSpan.Zero || spec.Duration > LongestDuration)
        {
            errors["duration"] = ["The duration must be more than zero and at most 7 days, e.g. \"02:00:00\"."];
        }

        var printers = (spec.Printers ?? []).Select(p => p?.Trim() ?? "").ToList();
        if (printers.Count == 0)
        {
            errors["printers"] = ["Name the printers the window applies to, or \"*\" for every printer."];
        }
        else if (printers.FirstOrDefault(p => p != AllPrinters && !PrinterId.IsValid(p)) is { } bad)
        {
            errors["printers"] = [$"\"{bad}\" is not a printer id."];
        }

        var name = string.IsNullOrWhiteSpace(spec.Name) ? "maintenance" : spec.Name.Trim();
        if (name.Length > NameLength) errors["name"] = [$"Keep the name under {NameLength} characters."];

        if (errors.Count > 0) throw new InvalidMaintenanceWindowException(errors);

        var normalized = new MaintenanceWindowSpec
        {
            Name = name,
            Printers = printers.Contains(AllPrinters) ? [AllPrinters] : printers.Distinct(StringComparer.Ordinal).ToList(),
            Cron = spec.Cron!.Trim(),
            Duration = spec.Duration,
            TimeZone = timeZone == TimeZoneInfo.Utc ? null : spec.TimeZone!.Trim(),
            Source = spec.Source,
        };
        return new MaintenanceWindow(normalized, cron!, timeZone,
            printers.Contains(AllPrinters) ? null : normalized.Printers.ToHashSet(StringComparer.Ordinal));
    }
}
