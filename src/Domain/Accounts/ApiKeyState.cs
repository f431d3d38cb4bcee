namespace PrintFarm.Accounts;

public sealed class ApiKeyState
{
    public string Id { get; set; } = "";
    /// <summary>SHA-256 of the token (<see cref="ApiKeyToken.Hash"/>); the token itself is never stored.</summary>
    public string Hash { get; set; } = "";
    public string Account { get; set; } = "";
    public AccountRole Role { get; set; }
    public string? Name { get; set; }
    public List<string>? Printers { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
