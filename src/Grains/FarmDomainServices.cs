using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrintFarm.Dispatch;
using PrintFarm.Estimates;
using PrintFarm.Jobs;
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
        services.Configure<JobOptions>(configuration.GetSection(JobOptions.Section));
        services.Configure<OrderOptions>(configuration.GetSection(OrderOptions.Section));
        services.Configure<PrinterOptions>(configuration.GetSection(PrinterOptions.Section));
        services.Configure<DispatchOptions>(configuration.GetSection(DispatchOptions.Section));
        services.Configure<EstimateOptions>(configuration.GetSection(EstimateOptions.Section));
        services.AddOptions<MaintenanceOptions>().Bind(configuration.GetSection(MaintenanceOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<MaintenanceOptions>, MaintenanceOptionsValidator>();
        services.AddSingleton<FarmEstimates>();
        return services;
    }
}
