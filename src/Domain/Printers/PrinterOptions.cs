using System.ComponentModel.DataAnnotations;
namespace PrintFarm.Printers;

/// <summary>Bound from configuration section <c>Printers</c>.</summary>
public sealed class PrinterOptions
{
    public const string Section = "Printers";

    /// <summary>No telemetry for this long marks a printer Offline.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Printers:OfflineAfter must be between {1} and {2}.")]
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A printer that reports idle with no job while we think it prints one has lost that job
    /// (restarted, cleared by hand). Wait this long after a start before believing it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Printers:LostJobGrace must be between {1} and {2}.")]
    public TimeSpan LostJobGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// ...and it must keep reporting idle without the job for this long, so a finish event still
    /// in flight is not mistaken for a lost job.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Printers:LostJobConfirm must be between {1} and {2}.")]
    public TimeSpan LostJobConfirm { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An idle printer reminds the dispatcher it is free this often (self-healing).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Printers:IdleAnnounceEvery must be between {1} and {2}.")]
    public TimeSpan IdleAnnounceEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Progress goes to the job and the fleet view at most this often.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Printers:ProgressReportEvery must be between {1} and {2}.")]
    public TimeSpan ProgressReportEvery { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A printing printer refreshes its expected free time for the projected schedule this often; transitions always do.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Printers:ForecastEvery must be between {1} and {2}.")]
    public TimeSpan ForecastEvery { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a job whose length nobody told the printer is assumed to take, for its forecast.</summary>
    [Range(1, 604800, ErrorMessage = "Printers:UnknownJobSeconds must be between {1} and {2}.")]
    public int UnknownJobSeconds { get; set; } = 600;
}
