namespace PrintFarm.Notifications;

/// <summary>Webhook signing secrets at rest: protected with the cluster's key ring, opened only to sign.</summary>
public interface INotificationSecrets
{
    string Protect(string secret);
    string Unprotect(string protectedSecret);
}
