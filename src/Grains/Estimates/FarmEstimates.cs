using Microsoft.Extensions.Options;
using PrintFarm.Jobs;

namespace PrintFarm.Estimates;

/// <summary>The estimator as the grains use it: options, calendar and finishing times in one place.</summary>
public sealed class FarmEstimates(IOptions<EstimateOptions> estimates, IOptions<JobOptions> jobs)
{
    public EstimateOptions Options { get; } = estimates.Value;

    public DeliveryEstimator Estimator { get; } = new(
        estimates.Value,
        new ShippingCalendar(estimates.Value),
        material => new FinishingTimes(jobs.Value.PostProcessingFor(material), jobs.Value.QualityCheck));

    public PrintTimeModel Model(PrintTimeState state) => new(state, Options.Learning);
}
