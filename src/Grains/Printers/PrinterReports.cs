using Microsoft.Extensions.Options;
using PrintFarm.Dispatch;
using PrintFarm.Estimates;

namespace PrintFarm.Printers;

/// <summary>
/// The per-silo gatherer behind <see cref="IPrinterReports"/>. It keeps only the latest report
/// per printer and forwards on a timer; it calls nothing that could call it back.
/// </summary>
[StatelessWorker(1)]
public sealed class PrinterReports(IOptions<DispatchOptions> options) : Grain, IPrinterReports
{
    /// <summary>Every silo uses the same key; a stateless worker is always local.</summary>
    public const long Key = 0;

    private readonly LatestPerPrinter<PrinterSummary> _summaries = new(s => s.PrinterId);
    private readonly LatestPerPrinter<PrinterForecast> _forecasts = new(f => f.PrinterId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var every = options.Value.ReportBatchInterval;
        this.RegisterGrainTimer(_ => Flush(), new GrainTimerCreationOptions { DueTime = every, Period = every });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Flush();

    public Task Report(PrinterSummary summary)
    {
        _summaries.Add(summary);
        return Task.CompletedTask;
    }

    public Task Forecast(PrinterForecast forecast)
    {
        _forecasts.Add(forecast);
        return Task.CompletedTask;
    }

    private Task Flush()
    {
        if (_summaries.Count > 0)
            GrainFactory.GetGrain<IFleetGrain>(IFleetGrain.Key).ReportMany(_summaries.Drain()).Ignore();
        if (_forecasts.Count > 0)
        {
            // Each pool's dispatcher projects its own queue: it hears of the printers in its pool.
            foreach (var pool in _forecasts.Drain().SelectMany(f => PoolKey.Of(f.Technology, f.Materials), (f, pool) => (f, pool)).GroupBy(x => x.pool))
                GrainFactory.GetGrain<IDispatcherGrain>(pool.Key.Key).Forecasts(pool.Select(x => x.f).ToList()).Ignore();
        }
        return Task.CompletedTask;
    }
}
