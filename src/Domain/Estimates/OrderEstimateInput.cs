namespace PrintFarm.Estimates;

/// <summary>What the order knows about itself when it estimates.</summary>
public sealed record OrderEstimateInput
{
    /// <summary>standard, express, pickup (any method in <see cref="EstimateOptions.Transit"/>).</summary>
    public required string ShippingMethod { get; init; }
    /// <summary>ISO 3166 alpha-2; null for pickup.</summary>
    public string? DestinationCountry { get; init; }
    public required DateTimeOffset PlacedAt { get; init; }
    public required IReadOnlyList<JobEstimateInput> Jobs { get; init; }
}
