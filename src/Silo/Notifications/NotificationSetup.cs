using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrintFarm.Notifications;

namespace PrintFarm.Silo.Notifications;

/// <summary>How notifications leave the silo: the sender (HTTP, SMTP or .eml files), the email templates, the webhook secrets' protection.</summary>
public static class NotificationSetup
{
    /// <summary>Needs Data Protection registered (the silo's <c>AddFarmDataProtection</c>).</summary>
    public static IServiceCollection AddFarmNotifications(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<INotificationSecrets, DataProtectionNotificationSecrets>();
        services.AddSingleton<IEmailComposer, FluidEmailComposer>();
        services.AddSingleton<INotificationSender, NotificationSender>();
        return services;
    }
}
