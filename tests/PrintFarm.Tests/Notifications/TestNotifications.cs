using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrintFarm.Notifications;
using PrintFarm.Silo.Notifications;

namespace PrintFarm.Tests.Notifications;

/// <summary>The silo's real notification services for the in-process test clusters: loopback allowed, emails as .eml files under .farm/test.</summary>
public static class TestNotifications
{
    public static IServiceCollection AddTestNotifications(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("PrintFarm.Tests");
        services.AddFarmNotifications(new ConfigurationBuilder().Build());
        services.Configure<NotificationOptions>(o =>
        {
            o.AllowLoopback = true;
            o.Email.PickupFolder = Path.Combine(PrintFarm.Harness.TestFolders.Root, $"mail-{Guid.NewGuid():N}");
        });
        return services;
    }
}
