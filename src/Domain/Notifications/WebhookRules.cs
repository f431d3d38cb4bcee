namespace PrintFarm.Notifications;

/// <summary>What a webhook subscription must be: a URL the farm may call, known event types, a Standard Webhooks secret.</summary>
public static class WebhookRules
{
    public const string SecretPrefix = WebhookSecret.Prefix;

    /// <summary>The errors, field by field; empty when the subscription can be kept.</summary>
    public static Dictionary<string, string[]> Validate(WebhookSpec spec, NotificationOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        if (ReceiverAddress.CheckUrl(spec.Url, options.AllowLoopback, options.AllowPrivate) is { } url) errors["url"] = [url];
        var unknown = (spec.Events ?? []).Where(e => !OrderEventTypes.All.Contains(e)).ToList();
        if (unknown.Count > 0) errors["events"] = [$"Unknown event types: {string.Join(", ", unknown)}. Known: {string.Join(", ", OrderEventTypes.All)}."];
        if (spec.Secret is not null && !IsSecret(spec.Secret))
            errors["secret"] = [$"A secret is '{SecretPrefix}' and the base64 of 24 to 64 random bytes; leave it out and the farm makes one."];
        return errors;
    }

    private static bool IsSecret(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal)) return false;
        var key = secret[SecretPrefix.Length..];
        var bytes = new byte[key.Length];
        return Convert.TryFromBase64String(key, bytes, out var length) && length is >= 24 and <= 64;
    }

    /// <summary>The event types a subscription takes: all of them when it named none.</summary>
    public static List<string> EventsOf(WebhookSpec spec) => spec.Events is { Count: > 0 } named ? [.. named.Distinct()] : [.. OrderEventTypes.All];
}
