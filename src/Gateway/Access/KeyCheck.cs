using Microsoft.Extensions.Options;
using Orleans.Runtime;
using PrintFarm.Accounts;
using PrintFarm.Gateway.Cluster;

namespace PrintFarm.Gateway.Access;

/// <summary>
/// Checks a presented key. The key's own grain answers first: it records the key's last use,
/// and nothing caches a key, so a revocation counts on every gateway at once. Every customer
/// of a key depends on that one grain, though, and when its silo dies Orleans needs its death
/// detection (seconds) to move it. Meanwhile, or when its answer does not come within
/// <see cref="AccessOptions.KeyPatience"/>, the key is checked against the stored record on a
/// live silo instead (<see cref="IKeyCheckGrain"/>), which gives the same answer.
/// </summary>
public sealed partial class KeyCheck(IClusterClient cluster, FirstHopRetry retry, IOptions<AccessOptions> options, TimeProvider clock, ILogger<KeyCheck> logger)
{
    public async Task<Caller?> Authenticate(string keyId, string hash)
    {
        try
        {
            return await retry.Run(() => cluster.GetGrain<IApiKeyGrain>(keyId).Authenticate(hash)).WaitAsync(options.Value.KeyPatience, clock);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            LogFromStorage(logger, ApiKeyToken.Display(keyId), e.GetType().Name);
            return await retry.RunOnAnyWorker<IKeyCheckGrain, Caller?>(cluster, check => check.Authenticate(keyId, hash));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key {Key}: its grain did not answer ({Reason}); checked against storage instead")]
    private static partial void LogFromStorage(ILogger logger, string key, string reason);
}
