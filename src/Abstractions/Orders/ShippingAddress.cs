namespace PrintFarm.Orders;

[GenerateSerializer, Alias("PrintFarm.ShippingAddress")]
public sealed record ShippingAddress
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public string? Street1 { get; init; }
    [Id(2)] public string? Street2 { get; init; }
    [Id(3)] public string? City { get; init; }
    [Id(4)] public string? Region { get; init; }
    [Id(5)] public string? PostalCode { get; init; }
    /// <summary>ISO 3166-1 alpha-2, e.g. FR.</summary>
    [Id(6)] public string? Country { get; init; }
}
