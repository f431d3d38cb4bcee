namespace PrintFarm.Accounts;

/// <summary>
/// One API key, keyed by its id (the part of the token after <c>pf_</c>). Every request with a
/// key asks this grain (or, while its silo is dead, <see cref="IKeyCheckGrain"/>, which reads
/// what it stored), so a revocation counts on every gateway at once: nothing caches a key.
/// </summary>
[Alias("PrintFarm.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Stores a new key. Issuing the same hash again changes nothing (a seed file applied twice).</summary>
    [Alias("Issue")]
    Task<ApiKeyView> Issue(ApiKeyIssue issue);

    /// <summary>
    /// The caller when <paramref name="hash"/> is this key's and the key is neither revoked nor
    /// expired; null otherwise (no reason is given: a caller learns nothing about a key it does
    /// not hold). Records the key's last use.
    /// </summary>
    [Alias("Authenticate")]
    Task<Caller?> Authenticate(string hash);

    [Alias("Revoke")]
    Task<ApiKeyView?> Revoke();

    /// <summary>Null when there is no such key.</summary>
    [Alias("View")]
    Task<ApiKeyView?> View();
}
