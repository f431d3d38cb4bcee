using PrintFarm.Estimates;

namespace PrintFarm.Printers;

/// <summary>
/// Where printer grains drop their summaries (for the fleet view) and forecasts (for the
/// dispatcher's projected schedule): one activation per silo gathers them and sends each farm
/// grain one batch per interval, instead of every printing printer calling two singletons every
/// few seconds (GPSTracker's stateless-worker pattern). One-way throughout.
/// </summary>
[Alias("PrintFarm.IPrinterReports")]
public interface IPrinterReports : IGrainWithIntegerKey
{
    [OneWay, Alias("Report")]
    Task Report(PrinterSummary summary);

    [OneWay, Alias("Forecast")]
    Task Forecast(PrinterForecast forecast);
}
