namespace PrintFarm.Printers;

/// <summary>Bound from configuration section <c>Printers</c>.</summary>
public sealed class PrinterOptions
{
    public const string Section = "Printers";

    /// <summary>No telemetry for this long marks a printer Offline.</summary>
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A printer that reports idle with no job while we think it prints one has lost that job
    /// (restarted, cleared by hand). Wait this long after a start before believing it.
    /// </summary>
    public TimeSpan LostJobGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// ...and it must keep reporting idle without the job for this long, so a finish event still
    /// in flight is not mistaken for a lost job.
    /// </summary>
    public TimeSpan LostJobConfirm { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An idle printer reminds the dispatcher it is free this often (self-healing).</summary>
    public TimeSpan IdleAnnounceEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Progress goes to the job and the fleet view at most this often.</summary>
    public TimeSpan ProgressReportEvery { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A printing printer refreshes its expected free time for the projected schedule this often; transitions always do.</summary>
    public TimeSpan ForecastEvery { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a job whose length nobody told the printer is assumed to take, for its forecast.</summary>
    public int UnknownJobSeconds { get; set; } = 600;
}
