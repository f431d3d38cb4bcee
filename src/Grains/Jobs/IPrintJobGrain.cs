namespace PrintFarm.Jobs;

/// <summary>One print run of one order item, keyed by job id (see <see cref="PrintJobSpec.IdFor"/>).</summary>
[Alias("PrintFarm.IPrintJobGrain")]
public interface IPrintJobGrain : IGrainWithStringKey
{
    /// <summary>Creates the job and puts it in the queue. Idempotent.</summary>
    [Alias("Create")]
    Task Create(PrintJobSpec spec);

    /// <summary>The dispatcher picked a printer. One-way: the dispatcher never waits on a job.</summary>
    [OneWay, Alias("Assign")]
    Task Assign(string printerId);

    [Alias("Started")]
    Task Started(string printerId);

    [OneWay, Alias("Progress")]
    Task Progress(string printerId, double progress, int? remainingSeconds);

    [Alias("Printed")]
    Task Printed(string printerId);

    /// <summary>The print failed, or the printer lost it; <paramref name="reason"/> is for people.</summary>
    [Alias("Failed")]
    Task Failed(string printerId, string reason);

    /// <summary>Activates the job so its timers run again (after a restart).</summary>
    [OneWay, Alias("Wake")]
    Task Wake();

    [Alias("Get")]
    Task<JobSnapshot?> Get();
}
