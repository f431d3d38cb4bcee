namespace PrintFarm.Accounts;

/// <summary>A key as admins see it: what it is for and how it was used. Never its secret or hash.</summary>
[GenerateSerializer, Alias("PrintFarm.ApiKeyView")]
public sealed record ApiKeyView
{
    [Id(0)] public required string Id { get; init; }
    /// <summary>"pf_{id}_…": enough to recognise the key, not to use it.</summary>
    [Id(1)] public required string Shown { get; init; }
    [Id(2)] public required string Account { get; init; }
    [Id(3)] public required AccountRole Role { get; init; }
    [Id(4)] public string? Name { get; init; }
    [Id(5)] public List<string>? Printers { get; init; }
    [Id(6)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(7)] public DateTimeOffset? ExpiresAt { get; init; }
    [Id(8)] public DateTimeOffset? LastUsedAt { get; init; }
    [Id(9)] public DateTimeOffset? RevokedAt { get; init; }
}
