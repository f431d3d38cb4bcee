using System.Diagnostics;
using PrintFarm.Estimates;

namespace PrintFarm.Bench.Estimates;

/// <summary>Runs the simulation once and scores both estimators on it.</summary>
public static class EstimatesBench
{
    /// <summary>The farm's default finishing steps (Jobs:PostProcessing, Jobs:QualityCheck).</summary>
    public static readonly FinishingTimes Finishing = new(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(5));

    /// <summary>The naive estimator's fixed allowance for queueing, finishing and packing.</summary>
    public static readonly TimeSpan NaiveLeadTime = TimeSpan.FromDays(2);

    /// <param name="options">The farm's estimate settings; the defaults a farm ships with when null.</param>
    public static EstimatesBenchReport Run(EstimatesBenchSettings settings, EstimateOptions? options = null)
    {
        options ??= new EstimateOptions();
        var stopwatch = Stopwatch.StartNew();
        var outcome = new FarmSimulation(settings, options, Finishing, NaiveLeadTime).Run();
        stopwatch.Stop();

        return new EstimatesBenchReport
        {
            Farm = AccuracyScore.Measure(outcome.Orders, e => e.FarmShipBy, e => e.FarmDeliverBy),
            FarmPublishedTransit = AccuracyScore.Measure(outcome.Orders, e => e.FarmShipBy, e => e.FarmDeliverByPublishedTransit),
            Naive = AccuracyScore.Measure(outcome.Orders, e => e.NaiveShipBy, e => e.NaiveDeliverBy),
            Parameters = new()
            {
                ["printers"] = settings.Printers,
                ["orders"] = settings.Orders,
                ["days"] = settings.Days,
                ["seed"] = settings.Seed,
                ["start"] = settings.Start,
                ["failureRate"] = settings.FailureRate,
                ["expressShare"] = settings.ExpressShare,
                ["pickupShare"] = settings.PickupShare,
                ["printNoise"] = settings.PrintNoise,
                ["transitLateShare"] = settings.TransitLateShare,
                ["transitEarlyShare"] = settings.TransitEarlyShare,
                ["printerModels"] = settings.PrinterModels.ToDictionary(m => m.Model, m => m.Factor),
                ["materials"] = settings.Materials.Zip(settings.MaterialFactors).ToDictionary(m => m.First, m => m.Second),
                ["postProcessingMinutes"] = Finishing.PostProcessing.TotalMinutes,
                ["qualityCheckMinutes"] = Finishing.QualityCheck.TotalMinutes,
                ["packingMinutes"] = options.Packing.TotalMinutes,
                ["shippingCutoff"] = options.ShippingCutoff.ToString("HH:mm"),
                ["safetyMarginShare"] = options.SafetyMarginShare,
                ["minimumSafetyMarginHours"] = options.MinimumSafetyMargin.TotalHours,
                ["transitMarginDays"] = options.TransitMarginDays,
                ["naiveLeadTimeHours"] = NaiveLeadTime.TotalHours,
            },
            Simulation = new()
            {
                ["printJobs"] = outcome.PrintJobs,
                ["failedPrints"] = outcome.FailedPrints,
                ["utilization"] = Math.Round(outcome.Utilization, 4),
                ["lastDelivery"] = outcome.LastDelivery,
                ["wallSeconds"] = Math.Round(stopwatch.Elapsed.TotalSeconds, 2),
            },
            LearnedFactors = Learned(settings, outcome.LearnedPrintTimes),
        };
    }

    private static List<LearnedFactorReport> Learned(EstimatesBenchSettings settings, PrintTimeModel learned) =>
        (from model in settings.PrinterModels
         from material in settings.Materials.Select((name, i) => (Name: name, Factor: settings.MaterialFactors[i]))
         select new LearnedFactorReport(model.Model, material.Name,
             Math.Round(learned.Factor(model.Model, material.Name), 3),
             Math.Round(model.Factor * material.Factor, 3))).ToList();
}
