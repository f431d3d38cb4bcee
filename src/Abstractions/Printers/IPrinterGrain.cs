namespace PrintFarm.Printers;

/// <summary>One printer, keyed by printer id; follows its telemetry live.</summary>
[Alias("PrintFarm.IPrinterGrain")]
public interface IPrinterGrain : IGrainWithStringKey
{
    /// <summary>Frequent and lossy: one-way so ingestion never waits on a grain.</summary>
    [OneWay, Alias("Telemetry")]
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
}
