namespace PrintFarm.Orders;

[GenerateSerializer, Alias("PrintFarm.CustomerInfo")]
public sealed record CustomerInfo
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public string? Email { get; init; }
}
