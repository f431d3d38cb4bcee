using PrintFarm.Orders;

namespace PrintFarm.Gateway.Api;

/// <summary>What a shipment must say, for the API and the console alike: the field and the problem, per field.</summary>
public static class ShipmentCheck
{
    public static Dictionary<string, string[]> Problems(ShipOrderRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Carrier)) errors["carrier"] = ["The carrier is required (e.g. DHL, UPS, Colissimo)."];
        else if (TextLimits.TooLong(body.Carrier, TextLimits.Carrier, "The carrier") is { } carrier) errors["carrier"] = [carrier];
        if (TextLimits.TooLong(body.TrackingNumber, TextLimits.TrackingNumber, "The tracking number") is { } number) errors["trackingNumber"] = [number];
        if (TextLimits.TooLong(body.TrackingUrl, TextLimits.Url, "The tracking URL") is { } url) errors["trackingUrl"] = [url];
        else if (body.TrackingUrl is not null && !IsWebLink(body.TrackingUrl))
            errors["trackingUrl"] = ["The tracking URL must be an absolute http(s) link."];
        if (TextLimits.TooLong(body.Message, TextLimits.Message, "The message") is { } message) errors["message"] = [message];
        return errors;
    }

    /// <summary>A message to the customer that is too long, or null.</summary>
    public static string? MessageProblem(string? message) => TextLimits.TooLong(message, TextLimits.Message, "The message");

    private static bool IsWebLink(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";
}
