using PrintFarm.Estimates;
using PrintFarm.Maintenance;

namespace PrintFarm.Dispatch;

/// <summary>
/// A printer near its maintenance window takes only a job expected to finish (with
/// <see cref="MaintenanceOptions.Margin"/> to spare) before the window starts, and none
/// while the window is on. Expected print time is the slicer's estimate times what the farm has
/// learned for that printer model and material.
/// </summary>
public sealed class MaintenanceFit(MaintenanceOutlook outlook, PrintTimeModel printTimes, Func<string, string?> printerModel, TimeSpan margin) : IPrinterFit
{
    public TimeSpan? TimeAvailable(string printerId) => outlook.TimeBeforeWindow(printerId);

    public TimeSpan ExpectedPrintTime(JobTicket job, string printerId) =>
        printTimes.ExpectedPrintTime(job.EstimatedPrintSeconds, printerModel(printerId), job.Material) + margin;
}
