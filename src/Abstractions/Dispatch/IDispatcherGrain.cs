namespace PrintFarm.Dispatch;

/// <summary>
/// Matches queued jobs to idle printers. It never waits on another grain (its outgoing calls are
/// one-way), so no chain of calls through it can deadlock.
/// </summary>
[Alias("PrintFarm.IDispatcherGrain")]
public interface IDispatcherGrain : IGrainWithStringKey
{
    const string FarmPool = "farm";

    /// <summary>
    /// Puts a job in the queue (idempotent). The queue is stored behind (see
    /// <see cref="DispatchOptions.QueueSaveInterval"/>); the job's own Queued state is the record.
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

    /// <summary>When a printer expects to be free, for the projected schedule. One-way.</summary>
    [OneWay, Alias("Forecast")]
    Task Forecast(Estimates.PrinterForecast forecast);

    /// <summary>Many printers' forecasts at once, gathered per silo (<see cref="PrinterReports"/>). One-way.</summary>
    [OneWay, Alias("Forecasts")]
    Task Forecasts(List<Estimates.PrinterForecast> forecasts);

    /// <summary>
    /// Reads the maintenance windows again (an operator changed them) and plans with them;
    /// returns once they are in force. The dispatcher also re-reads them every minute.
    /// </summary>
    [Alias("ReloadMaintenance")]
    Task ReloadMaintenance();

    [Alias("GetQueue")]
    Task<QueueView> GetQueue(int take);
}
