namespace PrintFarm.Accounts;

/// <summary>Who a valid key belongs to and what it may do: what the gateway puts in the request's principal.</summary>
[GenerateSerializer, Alias("PrintFarm.Caller")]
public sealed record Caller
{
    [Id(0)] public required string Account { get; init; }
    [Id(1)] public required AccountRole Role { get; init; }
    /// <summary>The key that was used; null for a cookie sign-in.</summary>
    [Id(2)] public string? KeyId { get; init; }
    /// <summary>Printers an operator key is limited to; null: every printer.</summary>
    [Id(3)] public List<string>? Printers { get; init; }
    [Id(4)] public string? Name { get; init; }
}
