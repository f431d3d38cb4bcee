namespace PrintFarm.Printers;

/// <summary>One printer, keyed by printer id; follows its telemetry live.</summary>
[Alias("PrintFarm.IPrinterGrain")]
public interface IPrinterGrain : IGrainWithStringKey
{
    /// <summary>
    /// Frequent and lossy. Answered once the grain has taken it in: the MQTT ingress hands a
    /// printer its next message only then, the newest replacing any that waited (LatestWins).
    /// </summary>
    [Alias("Telemetry")]
    Task Telemetry(PrinterTelemetry telemetry);

    /// <summary>Awaited: the MQTT ingress acknowledges a QoS 1 event only once it is handled.</summary>
    [Alias("Event")]
    Task Event(PrinterJobEvent jobEvent);

    [Alias("Status")]
    Task Status(PrinterStatusReport report);

    /// <summary>Reserves the printer and sends the start command. False when it cannot take the job.</summary>
    [Alias("StartJob")]
    Task<bool> StartJob(PrintJobAssignment assignment);

    /// <summary>
    /// The job's file never reached the printer (refused, unreachable, kept wrong): the printer
    /// gives the reservation back and the job goes back to the queue on the same attempt.
    /// </summary>
    [Alias("StartFailed")]
    Task StartFailed(string jobId, string problem);

    /// <summary>
    /// Whether the printer holds this job (reserved, printing, or finished with the job not yet
    /// told). Interleaves: a job asks while the printer may be waiting on that same job.
    /// </summary>
    [AlwaysInterleave, Alias("Holds")]
    Task<bool> Holds(string jobId);

    /// <summary>
    /// Whether the farm has heard from this printer. Interleaves: the printer registry asks before
    /// it lets a registration take an id, while this printer may be waiting on the registry.
    /// </summary>
    [AlwaysInterleave, Alias("IsKnown")]
    Task<bool> IsKnown();

    /// <summary>Null for a printer the farm has never heard from.</summary>
    [Alias("Get")]
    Task<PrinterSummary?> Get();

    // An operator's moves. Each answers the printer as it stands once the command is sent (the
    // printer's own report of pausing, resuming or stopping follows), or null for a printer the
    // farm has never heard from; a move the printer cannot make now throws PrinterCommandException.

    /// <summary>Pauses the job it is printing.</summary>
    [Alias("PauseJob")]
    Task<PrinterSummary?> PauseJob();

    /// <summary>Resumes the job it paused.</summary>
    [Alias("ResumeJob")]
    Task<PrinterSummary?> ResumeJob();

    /// <summary>
    /// Stops the job it is printing or has paused. The printer's report of the stop ends the job as
    /// a stop at the printer does: the part goes back to the queue and is printed again.
    /// </summary>
    [Alias("CancelJob")]
    Task<PrinterSummary?> CancelJob();

    /// <summary>
    /// Out of service, the printer takes no new job (one printing finishes) and stays in the fleet;
    /// back in service it offers itself again. <paramref name="reason"/> is at most
    /// <see cref="PrinterServiceReason.MaxLength"/> characters (else <see cref="ArgumentException"/>).
    /// </summary>
    [Alias("SetInService")]
    Task<PrinterSummary?> SetInService(bool inService, string? reason);
}
