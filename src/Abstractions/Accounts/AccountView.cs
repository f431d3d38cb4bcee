namespace PrintFarm.Accounts;

/// <summary>An account as admins see it: no password hash.</summary>
[GenerateSerializer, Alias("PrintFarm.AccountView")]
public sealed record AccountView
{
    [Id(0)] public required string Login { get; init; }
    [Id(1)] public required AccountRole Role { get; init; }
    [Id(2)] public string? Name { get; init; }
    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(4)] public required bool HasPassword { get; init; }
    [Id(5)] public List<string> Keys { get; init; } = [];
    [Id(6)] public Orders.ShippingAddress? Address { get; init; }
    [Id(7)] public string? Email { get; init; }
}
