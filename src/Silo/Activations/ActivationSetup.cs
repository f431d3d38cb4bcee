using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace PrintFarm.Silo.Activations;

/// <summary>Collection ages per grain kind, from <see cref="ActivationOptions"/>, into Orleans' <see cref="GrainCollectionOptions"/>.</summary>
public static class ActivationSetup
{
    public static IServiceCollection AddFarmActivations(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ActivationOptions>().Bind(config.GetSection(ActivationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<ActivationOptions>>((collection, activations) =>
        {
            var a = activations.Value;
            collection.CollectionAge = a.DefaultIdleAfter;
            collection.ClassSpecificCollectionAge[typeof(Orders.OrderGrain).FullName!] = a.OrderIdleAfter;
            collection.ClassSpecificCollectionAge[typeof(Jobs.PrintJobGrain).FullName!] = a.JobIdleAfter;
        });
        return services;
    }
}
