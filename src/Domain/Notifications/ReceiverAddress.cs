using System.Net;
using System.Net.Sockets;

namespace PrintFarm.Notifications;

/// <summary>
/// Which addresses the farm calls: http(s) URLs only, and not this machine or a private network
/// unless configuration allows it, so a webhook cannot be aimed at the farm's own database or a
/// cloud metadata service. Checked when a subscription is made (the URL) and again at each
/// connection (every address its host resolves to).
/// </summary>
public static class ReceiverAddress
{
    /// <summary>Null when the URL may be called (its host still checked at connection); otherwise why not.</summary>
    public static string? CheckUrl(string? url, bool allowLoopback, bool allowPrivate)
    {
        if (string.IsNullOrWhiteSpace(url)) return "A URL is required.";
        if (url.Length > 2000) return "The URL is longer than 2000 characters.";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return "The URL is not an absolute URL.";
        if (uri.Scheme is not ("http" or "https")) return $"Only http and https URLs are called, not '{uri.Scheme}'.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "The URL must not carry a user name or password.";
        if (uri.IsLoopback && !allowLoopback) return "The URL points at the farm's own machine (loopback), which this farm does not call.";
        if (IPAddress.TryParse(uri.IdnHost, out var ip) && CheckAddress(ip, allowLoopback, allowPrivate) is { } refused) return refused;
        return null;
    }

    /// <summary>Null when the farm may connect to <paramref name="address"/>; otherwise why not.</summary>
    public static string? CheckAddress(IPAddress address, bool allowLoopback, bool allowPrivate)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return allowLoopback ? null : "The address is loopback (the farm's own machine), which this farm does not call.";
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
            return "The address is not one a receiver can have.";
        if (IsPrivate(address)) return allowPrivate ? null : "The address is in a private or link-local range, which this farm does not call.";
        return null;
    }

    private static bool IsPrivate(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] == 0 || b[0] >= 224;
        }
        var v6 = address.GetAddressBytes();
        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (v6[0] & 0xFE) == 0xFC;
    }
}
