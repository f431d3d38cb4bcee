namespace PrintFarm.Protocol;

/// <summary>
/// The farm-native MQTT topics. A printer owns <c>farm/printers/{id}/…</c>: it publishes
/// telemetry, events and status there and listens on <c>commands</c>.
/// </summary>
public static class FarmTopics
{
    public const string Root = "farm/printers";

    /// <summary>Frequent, may be lossy (QoS 0).</summary>
    public const string Telemetry = "telemetry";

    /// <summary>Job started/finished/failed: QoS 1, must not be lost.</summary>
    public const string Events = "events";

    /// <summary>Retained online/offline and capabilities; also the printer's last will.</summary>
    public const string Status = "status";

    /// <summary>To the printer, QoS 1.</summary>
    public const string Commands = "commands";

    public static string For(string printerId, string channel) => $"{Root}/{printerId}/{channel}";

    /// <summary>
    /// Of a native printer's topics only its status is retained (the last word on whether it is
    /// online). A retained telemetry or event would be replayed to every silo that subscribes,
    /// long after it was true. Topics outside <see cref="Root"/> are not the farm's to judge.
    /// </summary>
    public static bool MayBeRetained(string topic) => !TryParse(topic, out _, out var channel) || channel == Status;

    /// <summary>Wildcard a silo subscribes to for one channel of every printer.</summary>
    public static string AllPrinters(string channel) => $"{Root}/+/{channel}";

    /// <summary>
    /// Splits <c>farm/printers/{id}/{channel}</c>. Returns false for anything else, so ingestion
    /// can count and drop it instead of throwing.
    /// </summary>
    public static bool TryParse(string topic, out string printerId, out string channel)
    {
        printerId = channel = "";
        if (!topic.StartsWith(Root + "/", StringComparison.Ordinal)) return false;
        var rest = topic.AsSpan(Root.Length + 1);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || slash == rest.Length - 1) return false;
        var id = rest[..slash];
        var ch = rest[(slash + 1)..];
        if (ch.Contains('/') || !PrinterId.IsValid(id)) return false;
        printerId = id.ToString();
        channel = ch.ToString();
        return true;
    }
}
