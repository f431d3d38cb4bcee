using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;

namespace PrintFarm.Accounts;

/// <summary>
/// Keeps the gateways' key ring in the farm's grain storage, read and written directly as
/// <see cref="KeyCheckGrain"/> reads keys: any silo answers, and no single activation has to be
/// alive for a gateway to load its keys. Writes are rare and may race between gateways that start
/// together on an empty ring; the storage's ETag makes the loser read again and add its key beside
/// the winner's, so no key is ever lost.
/// </summary>
[StatelessWorker]
public sealed class GatewayKeyRingGrain : Grain, IGatewayKeyRingGrain
{
    public const string StateName = "gatewaykeys";

    private const int Attempts = 5;

    public async Task<IReadOnlyList<string>> Keys() => (await Read()).Keys.Select(k => k.Xml).ToList();

    public async Task Store(string name, string xml)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) throw new ArgumentException("A key's name is 1 to 200 characters.", nameof(name));
        if (string.IsNullOrWhiteSpace(xml) || xml.Length > IGatewayKeyRingGrain.MaxKeyLength)
            throw new ArgumentException($"A key is 1 to {IGatewayKeyRingGrain.MaxKeyLength} characters of XML.", nameof(xml));
        for (var attempt = 1; ; attempt++)
        {
            var stored = new GrainState<GatewayKeyRingState>(new GatewayKeyRingState());
            var ring = await Read(stored);
            if (ring.Keys.Any(k => k.Name == name)) return;
            ring.Keys.Add(new GatewayKey { Name = name, Xml = xml });
            if (ring.Keys.Count > IGatewayKeyRingGrain.MaxKeys) ring.Keys.RemoveAt(0);
            try
            {
                await Storage.WriteStateAsync(StateName, StorageId, stored);
                return;
            }
            catch (InconsistentStateException) when (attempt < Attempts)
            {
                // Another gateway stored a key in between: read again, keep both.
            }
        }
    }

    private IGrainStorage Storage => ServiceProvider.GetRequiredKeyedService<IGrainStorage>(FarmStorage.Name);

    /// <summary>One record for the farm, whichever key the gateway addressed this worker by.</summary>
    private GrainId StorageId => GrainFactory.GetGrain<IGatewayKeyRingGrain>(0).GetGrainId();

    /// <summary>Reads the record into <paramref name="stored"/> (its ETag is the one a write must match) and returns the ring.</summary>
    private async Task<GatewayKeyRingState> Read(GrainState<GatewayKeyRingState>? stored = null)
    {
        stored ??= new GrainState<GatewayKeyRingState>(new GatewayKeyRingState());
        await Storage.ReadStateAsync(StateName, StorageId, stored);
        return stored.State ??= new GatewayKeyRingState();
    }
}
