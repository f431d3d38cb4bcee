using System.Security.Cryptography;
using System.Text;

namespace PrintFarm.Accounts;

/// <summary>
/// An API key's rules, after FDM Monster's and Bambuddy's keys: scoped to a role (and an
/// operator key optionally to printers), expiring, revocable, its last use recorded.
/// </summary>
public sealed class ApiKey(ApiKeyState state)
{
    public ApiKeyState State => state;
    public bool Exists => state.Hash.Length > 0;

    public static ApiKeyState Issue(string id, ApiKeyIssue issue, DateTimeOffset now)
    {
        if (!ApiKeyToken.IsWellFormedId(id)) throw new InvalidAccountException("Not a key id.");
        if (issue.Hash.Length != 64) throw new InvalidAccountException("A key is stored as its SHA-256 hash.");
        if (issue.ExpiresAt is { } expires && expires <= now) throw new InvalidAccountException("The key would have expired already.");
        var printers = issue.Printers is { Count: > 0 } ? issue.Printers.Distinct(StringComparer.Ordinal).ToList() : null;
        if (printers is not null && issue.Role != AccountRole.Operator) throw new InvalidAccountException("Only an operator key can be limited to printers.");
        return new ApiKeyState
        {
            Id = id,
            Hash = issue.Hash,
            Account = AccountNames.Normalize(issue.Account),
            Role = issue.Role,
            Name = issue.Name?.Trim(),
            Printers = printers,
            CreatedAt = now,
            ExpiresAt = issue.ExpiresAt,
        };
    }

    /// <summary>The same key issued again (a seed file applied twice).</summary>
    public bool IsSameAs(ApiKeyIssue issue) => Matches(issue.Hash) && state.Role == issue.Role && state.Account == AccountNames.Normalize(issue.Account);

    public bool IsRevoked => state.RevokedAt is not null;
    public bool IsExpired(DateTimeOffset now) => state.ExpiresAt is { } expires && expires <= now;

    /// <summary>The caller when the hash is this key's and the key is live; records the use.</summary>
    public Caller? Authenticate(string hash, DateTimeOffset now)
    {
        if (!Exists || !Matches(hash) || IsRevoked || IsExpired(now)) return null;
        state.LastUsedAt = now;
        return new Caller { Account = state.Account, Role = state.Role, KeyId = state.Id, Printers = state.Printers };
    }

    /// <summary>Constant time, so the answer's timing says nothing about how much of a guess was right.</summary>
    private bool Matches(string hash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(state.Hash), Encoding.ASCII.GetBytes(hash));

    /// <summary>Revoking twice keeps the first time.</summary>
    public void Revoke(DateTimeOffset now) => state.RevokedAt ??= now;

    public ApiKeyView View() => new()
    {
        Id = state.Id,
        Shown = ApiKeyToken.Display(state.Id),
        Account = state.Account,
        Role = state.Role,
        Name = state.Name,
        Printers = state.Printers,
        CreatedAt = state.CreatedAt,
        ExpiresAt = state.ExpiresAt,
        LastUsedAt = state.LastUsedAt,
        RevokedAt = state.RevokedAt,
    };
}
