namespace PrintFarm.Estimates;

/// <summary>
/// When an order will ship and when it will be delivered: a promise to a person, so it carries
/// when it last changed and why.
/// </summary>
[GenerateSerializer, Alias("PrintFarm.DeliveryEstimate")]
public sealed record DeliveryEstimate
{
    [Id(0)] public required DateTimeOffset ShipBy { get; init; }
    [Id(1)] public required DateTimeOffset DeliverBy { get; init; }
    [Id(2)] public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Why it changed, in plain words ("print failed, reprinting", "queue ahead moved").</summary>
    [Id(3)] public required string Reason { get; init; }
    /// <summary>
    /// What the estimate had to assume ("not scheduled on a printer yet, so this is a cautious
    /// estimate"), also said at the end of <see cref="Reason"/>; null when it assumes nothing.
    /// </summary>
    [Id(4)] public string? Caveat { get; init; }
}
