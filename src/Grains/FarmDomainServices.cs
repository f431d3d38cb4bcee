using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using PrintFarm.Delivery;
using PrintFarm.Dispatch;
using PrintFarm.Estimates;
using PrintFarm.Jobs;
using PrintFarm.LocalCopies;
using PrintFarm.Maintenance;
using PrintFarm.Orders;
using PrintFarm.Printers;

namespace PrintFarm;

public static class FarmDomainServices
{
    /// <summary>The options and services every silo's grains need, bound from configuration.</summary>
    public static IServiceCollection AddFarmDomain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        // Domain state is plain C# (no Orleans attributes): grain storage writes it as JSON, and
        // where Orleans itself must copy or ship it (the in-memory storage of tests and benches)
        // it goes as JSON too.
        services.AddSerializer(serializer => serializer.AddJsonSerializer(isSupported: type => type.Assembly == typeof(Order).Assembly));
        services.AddOptions<JobOptions>().Bind(configuration.GetSection(JobOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OrderOptions>().Bind(configuration.GetSection(OrderOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OrderLimits>().Bind(configuration.GetSection(OrderLimits.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PrinterOptions>().Bind(configuration.GetSection(PrinterOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DispatchOptions>().Bind(configuration.GetSection(DispatchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EstimateOptions>().Bind(configuration.GetSection(EstimateOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MaintenanceOptions>().Bind(configuration.GetSection(MaintenanceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<MaintenanceOptions>, MaintenanceOptionsValidator>();
        services.AddOptions<Designs.Intake.DesignIntakeOptions>().Bind(configuration.GetSection(Designs.Intake.DesignIntakeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Designs.DesignUploadOptions>().Bind(configuration.GetSection(Designs.DesignUploadOptions.Section));
        services.AddOptions<Accounts.AccountOptions>().Bind(configuration.GetSection(Accounts.AccountOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Notifications.NotificationOptions>().Bind(configuration.GetSection(Notifications.NotificationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Notifications.NotificationOptions>, Notifications.NotificationOptionsValidator>();
        services.AddSingleton<FarmEstimates>();
        services.AddSingleton<IngressStats>();
        services.AddOptions<Storage.StorageLoadOptions>().Bind(configuration.GetSection(Storage.StorageLoadOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Storage.StorageLoad>();

        // Farm-wide values every silo keeps a copy of, so no grain on a customer's path waits on
        // the one grain that owns them (see LocalCopy).
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LocalCopyOptions>().Bind(configuration.GetSection(LocalCopyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PrintTimeCopy>();
        services.AddSingleton<MaintenanceCopy>();
        services.AddSingleton<ILocalCopy>(sp => sp.GetRequiredService<PrintTimeCopy>());
        services.AddSingleton<ILocalCopy>(sp => sp.GetRequiredService<MaintenanceCopy>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, LocalCopyRefresher>();
        return services;
    }
}
