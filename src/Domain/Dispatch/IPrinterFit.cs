namespace PrintFarm.Dispatch;

/// <summary>
/// What limits the jobs an idle printer may take beyond technology and material: today, its next
/// maintenance window. Asked only while planning, so it must answer from memory.
/// </summary>
public interface IPrinterFit
{
    /// <summary>How long the printer may print from now before it must stop; null when nothing stops it.</summary>
    TimeSpan? TimeAvailable(string printerId);

    /// <summary>How long the job is expected to keep this printer busy.</summary>
    TimeSpan ExpectedPrintTime(JobTicket job, string printerId);
}
