using System.Security.Cryptography;
using System.Text;

namespace PrintFarm.Notifications;

/// <summary>
/// The keys of receiver queues: one per webhook subscription, per notification URL, per email
/// address, so each receiver's messages keep their order and a slow one holds up only itself.
/// </summary>
public static class Receivers
{
    public static string Webhook(string account, string subscriptionId) => $"webhook/{account}/{subscriptionId}";

    public static string NotificationUrl(string url) => $"url/{Hash(url)}";

    public static string Email(string address) => $"mail/{address.Trim().ToLowerInvariant()}";

    /// <summary>One event's delivery to one receiver: what operators list and redeliver.</summary>
    public static string DeliveryId(string eventId, string receiver) => $"{eventId}~{Hash(receiver)[..12]}";

    /// <summary>The order a delivery id belongs to: event ids are <c>{reference}.{n}</c>.</summary>
    public static string? ReferenceOf(string deliveryId)
    {
        var tilde = deliveryId.IndexOf('~');
        var eventId = tilde < 0 ? deliveryId : deliveryId[..tilde];
        var dot = eventId.LastIndexOf('.');
        return dot <= 0 ? null : eventId[..dot];
    }

    /// <summary>A URL as delivery logs show it: without its query, which may carry a token.</summary>
    public static string Shown(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "(not a URL)";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
