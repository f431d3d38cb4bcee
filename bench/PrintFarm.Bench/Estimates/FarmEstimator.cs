using PrintFarm.Dispatch;
using PrintFarm.Estimates;
using PrintFarm.Jobs;

namespace PrintFarm.Bench.Estimates;

/// <summary>
/// The farm's own estimate, built the way the grains build it: the dispatcher's projected
/// schedule over the whole queue, then <see cref="DeliveryEstimator"/> over the order's jobs with
/// only what the farm can know (statuses, telemetry, learned print times), never the hidden truth.
/// </summary>
public sealed class FarmEstimator(DeliveryEstimator estimator, PrintTimeModel printTimes, IReadOnlyList<SimPrinter> fleet)
{
    private readonly PrinterForecast[] _forecasts = new PrinterForecast[fleet.Count];

    public EstimateResult Estimate(SimOrder order, DispatchQueue queue, DateTimeOffset now)
    {
        for (var i = 0; i < fleet.Count; i++)
        {
            var printer = fleet[i];
            var freeAt = printer.Current is null ? printer.IdleSince : now + printer.ReportedRemaining(now);
            _forecasts[i] = new PrinterForecast(printer.Id, "FDM", printer.Materials, printer.Model, freeAt, Online: true);
        }
        var projection = ScheduleProjector.Project(queue.Jobs, _forecasts, printTimes, now);

        var jobs = new List<JobEstimateInput>(order.Jobs.Count);
        foreach (var job in order.Jobs)
        {
            var input = new JobEstimateInput
            {
                Status = job.Status,
                EstimatedPrintSeconds = job.EstimatedPrintSeconds,
                Material = job.Material,
                StatusSince = job.StatusSince,
                PrinterModel = job.Printer?.Model,
                StartedAt = job.StartedAt,
            };
            if (job.Status == JobStatus.Queued && projection.Find(job.Ticket.JobId) is { } projected)
                input = input with { ProjectedStart = projected.Start, PrinterModel = projected.PrinterModel };
            if (job.Status == JobStatus.Printing && job.Printer is { } busy)
                input = input with { RemainingSeconds = (int)busy.ReportedRemaining(now).TotalSeconds };
            jobs.Add(input);
        }
        return estimator.Estimate(new OrderEstimateInput
        {
            ShippingMethod = order.Method,
            DestinationCountry = order.Country,
            PlacedAt = order.PlacedAt,
            Jobs = jobs,
        }, printTimes, now);
    }
}
