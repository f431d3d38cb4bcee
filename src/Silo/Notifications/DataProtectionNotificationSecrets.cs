using Microsoft.AspNetCore.DataProtection;
using PrintFarm.Notifications;

namespace PrintFarm.Silo.Notifications;

/// <summary>Webhook signing secrets, protected with the cluster's key ring under their own purpose.</summary>
public sealed class DataProtectionNotificationSecrets(IDataProtectionProvider provider) : INotificationSecrets
{
    /// <summary>Changing it makes every stored secret unreadable: it is part of each one's key.</summary>
    public const string Purpose = "PrintFarm.Notifications.WebhookSecrets.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
