using System.Text.Json.Serialization;

namespace PrintFarm.Accounts;

/// <summary>One account of a <see cref="SeedAccountsFile"/>: its login, its key and, for a customer, a password.</summary>
public sealed record SeedAccount
{
    [JsonPropertyName("login")] public required string Login { get; init; }
    [JsonPropertyName("key")] public required string Key { get; init; }
    [JsonPropertyName("password")] public string? Password { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
}
