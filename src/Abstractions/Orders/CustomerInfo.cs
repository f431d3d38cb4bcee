namespace PrintFarm.Orders;

[GenerateSerializer, Alias("PrintFarm.CustomerInfo")]
public sealed record CustomerInfo
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public string? Email { get; init; }
    /// <summary>The language of the customer's emails ("en", "fr", "pt-BR"); the shop's default when absent.</summary>
    [Id(2)] public string? Language { get; init; }
    /// <summary>The customer's time zone for dates in emails (an IANA name, "Europe/Paris"); the shop's when absent.</summary>
    [Id(3)] public string? TimeZone { get; init; }
}
