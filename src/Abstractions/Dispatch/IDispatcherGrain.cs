namespace PrintFarm.Dispatch;

/// <summary>
/// Matches one pool's queued jobs to its idle printers; keyed by <see cref="PoolKey.Key"/>
/// ("FDM/PLA"), so no grain holds every printer and a silo that dies stops only the pools whose
/// dispatchers it held, until Orleans moves them. It never waits on a grain that could call it
/// back (its outgoing calls are one-way), so no chain of calls through it can deadlock.
/// </summary>
[Alias("PrintFarm.IDispatcherGrain")]
public interface IDispatcherGrain : IGrainWithStringKey
{
    /// <summary>
    /// Puts a job in the queue (idempotent). The queue is stored behind (see
    /// <c>Dispatch:QueueSaveInterval</c>); the job's own Queued state is the record.
    /// <paramref name="refusedBy"/> names a printer that just turned the job down.
    /// </summary>
    [Alias("Enqueue")]
    Task Enqueue(JobTicket ticket, string? refusedBy);

    /// <summary>Takes a job out of the queue (held or cancelled). Idempotent.</summary>
    [Alias("Remove")]
    Task Remove(string jobId);

    [OneWay, Alias("PrinterAvailable")]
    Task PrinterAvailable(PrinterSlot slot);

    [OneWay, Alias("PrinterUnavailable")]
    Task PrinterUnavailable(string printerId);

    /// <summary>Many printers' forecasts (when each expects to be free) at once, gathered per silo. One-way.</summary>
    [OneWay, Alias("Forecasts")]
    Task Forecasts(List<Estimates.PrinterForecast> forecasts);

    /// <summary>
    /// Fetches this silo's copy of the maintenance windows again (an operator changed one) and
    /// plans with them; returns once they are in force here.
    /// </summary>
    [Alias("ReloadMaintenance")]
    Task ReloadMaintenance();

    [Alias("GetQueue")]
    Task<PoolQueueView> GetQueue(int take);
}
