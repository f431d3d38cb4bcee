using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;

namespace PrintFarm.Accounts;

/// <summary>
/// Reads the record an <see cref="ApiKeyGrain"/> stores and checks the key against it, without
/// activating that grain: it answers on any live silo while the key's own grain is stranded on
/// a dead one. One database read per call, which is why the gateway asks the key's grain first.
/// </summary>
[StatelessWorker]
public sealed class KeyCheckGrain(TimeProvider clock) : Grain, IKeyCheckGrain
{
    public async Task<Caller?> Authenticate(string keyId, string hash)
    {
        if (!ApiKeyToken.IsWellFormedId(keyId)) return null;
        var storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(FarmStorage.Name);
        var stored = new GrainState<ApiKeyState>(new ApiKeyState());
        await storage.ReadStateAsync(ApiKeyGrain.StateName, GrainFactory.GetGrain<IApiKeyGrain>(keyId).GetGrainId(), stored);
        return new ApiKey(stored.State ?? new ApiKeyState()).Authenticate(hash, clock.GetUtcNow());
    }
}
