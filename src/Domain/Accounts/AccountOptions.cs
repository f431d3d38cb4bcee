using System.ComponentModel.DataAnnotations;

namespace PrintFarm.Accounts;

/// <summary>Bound from configuration section <c>Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Wrong passwords in a row before the account is locked (per account, whatever the address).</summary>
    [Range(1, 100, ErrorMessage = "Accounts:MaxFailedSignIns must be between {1} and {2}.")]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Accounts:Lockout must be between {1} and {2}.")]
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A key's last use is stored at most this often (it is kept in memory in between).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Accounts:LastUseStoredEvery must be between {1} and {2}.")]
    public TimeSpan LastUseStoredEvery { get; set; } = TimeSpan.FromMinutes(1);

    [Range(8, 128, ErrorMessage = "Accounts:MinPasswordLength must be between {1} and {2}.")]
    public int MinPasswordLength { get; set; } = 10;

    /// <summary>
    /// A file of accounts and keys to make sure of at start (<c>{"admin": {"key"}, "operator": {"key"},
    /// "customer": {"login", "password", "key"}}</c>). When it does not exist the silo creates the
    /// three accounts with new keys and writes it: how <c>./farm demo</c> gets its demo accounts.
    /// </summary>
    public string? SeedFile { get; set; }
}
