using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using PrintFarm.Storage;

namespace PrintFarm.Silo.Storage;

/// <summary>
/// Wraps the farm's grain storage so that a database failure leaves it as a
/// <see cref="StorageUnavailableException"/>, which Orleans serializes. A read that fails while a
/// grain activates happens outside the grain call filter; left as the driver's exception it
/// reaches the gateway as a codec error (a 500) unless its namespace is allowed on the wire.
/// It also counts the operations in flight (<see cref="StorageLoad"/>), which is how the silo
/// knows its database is behind.
/// </summary>
public sealed class FarmGrainStorage(IGrainStorage inner, StorageLoad load) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Translate(() => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Translate(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Translate(() => inner.ClearStateAsync(stateName, grainId, grainState));

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private async Task Translate(Func<Task> operation)
    {
        load.Started();
        try
        {
            await operation();
        }
        catch (Exception e) when (e is not StorageUnavailableException && StorageFailureFilter.DatabaseFailure(e) is { } failure)
        {
            throw new StorageUnavailableException($"{failure.GetType().Name}: {failure.Message}");
        }
        finally
        {
            load.Finished();
        }
    }

    /// <summary>Puts the wrapper around whichever provider registered the farm's storage.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, FarmStorage.Name))
            ?? throw new InvalidOperationException($"No grain storage named {FarmStorage.Name} is registered.");
        var factory = registered.KeyedImplementationFactory
            ?? throw new InvalidOperationException($"Grain storage {FarmStorage.Name} is not registered through a factory.");
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(FarmStorage.Name, (sp, key) => new FarmGrainStorage((IGrainStorage)factory(sp, key), sp.GetRequiredService<StorageLoad>()));
    }
}
