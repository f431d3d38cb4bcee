namespace PrintFarm.Accounts;

/// <summary>What a new key is for. The token itself never reaches the grain: only its hash.</summary>
[GenerateSerializer, Alias("PrintFarm.ApiKeyIssue")]
public sealed record ApiKeyIssue
{
    [Id(0)] public required string Account { get; init; }
    [Id(1)] public required AccountRole Role { get; init; }
    [Id(2)] public required string Hash { get; init; }
    /// <summary>A name for people: "shop tablet", "ERP integration".</summary>
    [Id(3)] public string? Name { get; init; }
    /// <summary>An operator key may be limited to these printers; null or empty: every printer.</summary>
    [Id(4)] public List<string>? Printers { get; init; }
    [Id(5)] public DateTimeOffset? ExpiresAt { get; init; }
}
