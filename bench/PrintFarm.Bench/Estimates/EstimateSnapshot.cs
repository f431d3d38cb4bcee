namespace PrintFarm.Bench.Estimates;

/// <summary>What each estimator said at one moment of an order's life.</summary>
public sealed record EstimateSnapshot(
    /// <summary>When the farm expected the last part through QC, margin included.</summary>
    DateTimeOffset FarmReadyAt,
    DateTimeOffset FarmShipBy,
    DateTimeOffset FarmDeliverBy,
    /// <summary>The farm's delivery estimate had it promised the carrier's published transit days, without a margin.</summary>
    DateTimeOffset FarmDeliverByPublishedTransit,
    DateTimeOffset NaiveShipBy,
    DateTimeOffset NaiveDeliverBy);
