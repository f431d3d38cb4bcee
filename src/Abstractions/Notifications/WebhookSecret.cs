using System.Security.Cryptography;

namespace PrintFarm.Notifications;

/// <summary>Standard Webhooks signing secrets: <c>whsec_</c> and the base64 of random bytes.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    /// <summary>A new secret of 32 random bytes, in the form Standard Webhooks libraries take.</summary>
    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
