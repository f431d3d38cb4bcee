namespace PrintFarm.Accounts;

/// <summary>
/// Checks a key against what is stored for it, on whichever silo takes the call (a stateless
/// worker is always local; any key in 0..<see cref="Spread"/> will do). The gateway's second way in when the key's own
/// <see cref="IApiKeyGrain"/> cannot answer, because its silo has just died: a customer's key
/// must not stop working for as long as Orleans takes to declare that silo dead.
/// </summary>
[Alias("PrintFarm.IKeyCheckGrain")]
public interface IKeyCheckGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// How many keys callers spread over. A stateless worker is always local, but a call from a
    /// client still has its grain id looked up in the grain directory first, whose entry for one
    /// key may be on the silo that died; another key's is on a live one.
    /// </summary>
    const int Spread = 16;

    /// <summary>
    /// The same answer as <see cref="IApiKeyGrain.Authenticate"/>, read from storage: a
    /// revocation is stored before it is answered, so both agree. Records no use.
    /// </summary>
    [Alias("Authenticate")]
    Task<Caller?> Authenticate(string keyId, string hash);
}
