namespace PrintFarm.Bench.Estimates;

/// <summary>How one estimator did over every delivered order. Errors are actual minus estimate, in hours.</summary>
public sealed record AccuracyScore
{
    /// <summary>Mean absolute error of the delivery estimate given when the order was placed.</summary>
    public required double MaeHoursAtPlacement { get; init; }
    /// <summary>Mean absolute error of the delivery estimate given when half its print time was done.</summary>
    public required double MaeHoursAtHalf { get; init; }
    /// <summary>Share of orders delivered after the delivery promised at placement.</summary>
    public required double LateShare { get; init; }
    /// <summary>Share of orders that left the farm after the ship date promised at placement: lateness the farm caused.</summary>
    public required double ShippedLateShare { get; init; }
    /// <summary>Share of orders delivered after the estimate given at half way.</summary>
    public required double LateShareAtHalf { get; init; }
    /// <summary>Mean of actual minus promised delivery: negative means early on average.</summary>
    public required double MeanErrorHoursAtPlacement { get; init; }
    public required double P90AbsErrorHoursAtPlacement { get; init; }
    /// <summary>Mean time from placement to the promised delivery: what the customer is told to wait.</summary>
    public required double MeanPromisedLeadHours { get; init; }
    /// <summary>Among late orders, how late on average.</summary>
    public required double MeanHoursLate { get; init; }

    public static AccuracyScore Measure(
        IReadOnlyList<SimOrder> orders,
        Func<EstimateSnapshot, DateTimeOffset> shipBy,
        Func<EstimateSnapshot, DateTimeOffset> deliverBy)
    {
        var delivered = orders.Where(o => o.DeliveredAt is not null && o.AtPlacement is not null).ToList();
        if (delivered.Count == 0) throw new InvalidOperationException("No order was delivered: nothing to measure.");

        var atPlacement = delivered.Select(o => (o.DeliveredAt!.Value - deliverBy(o.AtPlacement!)).TotalHours).ToList();
        var atHalf = delivered.Where(o => o.AtHalf is not null)
            .Select(o => (o.DeliveredAt!.Value - deliverBy(o.AtHalf!)).TotalHours).ToList();
        var late = atPlacement.Where(h => h > 0).ToList();
        var absolute = atPlacement.Select(Math.Abs).Order().ToList();

        return new AccuracyScore
        {
            MaeHoursAtPlacement = Round(absolute.Average()),
            MaeHoursAtHalf = Round(atHalf.Select(Math.Abs).Average()),
            LateShare = Round(late.Count / (double)delivered.Count),
            ShippedLateShare = Round(delivered.Count(o => o.ShippedAt > shipBy(o.AtPlacement!)) / (double)delivered.Count),
            LateShareAtHalf = Round(atHalf.Count(h => h > 0) / (double)atHalf.Count),
            MeanErrorHoursAtPlacement = Round(atPlacement.Average()),
            P90AbsErrorHoursAtPlacement = Round(absolute[(int)Math.Floor(0.9 * (absolute.Count - 1))]),
            MeanPromisedLeadHours = Round(delivered.Average(o => (deliverBy(o.AtPlacement!) - o.PlacedAt).TotalHours)),
            MeanHoursLate = Round(late.Count == 0 ? 0 : late.Average()),
        };
    }

    private static double Round(double value) => Math.Round(value, 4);
}
