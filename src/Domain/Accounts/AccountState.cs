namespace PrintFarm.Accounts;

public sealed class AccountState
{
    public string Login { get; set; } = "";
    public AccountRole Role { get; set; }
    public string? Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>ASP.NET Core Identity's PasswordHasher format (PBKDF2, salted, versioned); null: keys only.</summary>
    public string? PasswordHash { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public List<string> Keys { get; set; } = [];
    public Orders.ShippingAddress? Address { get; set; }
    public string? Email { get; set; }
}
