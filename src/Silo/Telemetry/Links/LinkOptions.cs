namespace PrintFarm.Silo.Telemetry.Links;

/// <summary>Bound from configuration section <c>Links</c>: the connections to registered Bambu, OctoPrint and Moonraker printers.</summary>
public sealed class LinkOptions
{
    public const string Section = "Links";

    /// <summary>First wait after a failed connect; doubles up to <see cref="ReconnectMaxDelay"/>, with ±20% jitter.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A connect (TCP, TLS, MQTT) that takes longer is given up, so a powered-off printer costs one timer.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>MQTT keep-alive to a Bambu printer (HAB uses 5 s): a dead printer is noticed within 1.5 times this.</summary>
    public TimeSpan BambuKeepAlive { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Never ask a Bambu printer for a full report more often than this (PROTOCOLS.md §1.3).</summary>
    public TimeSpan PushAllMinInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// While a link knows its printer is up (connected Bambu that spoke within <see cref="BambuSilence"/>;
    /// OctoPrint/Moonraker whose retained status says online), it tells the printer grain this often,
    /// so a quiet idle printer is not taken for a silent one.
    /// </summary>
    public TimeSpan HeartbeatEvery { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan BambuSilence { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Bigger messages are refused unread (counted as malformed).</summary>
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    /// <summary>Every silo asks the registry this often to wake every link (a link lost with a silo comes back).</summary>
    public TimeSpan EnsureEvery { get; set; } = TimeSpan.FromSeconds(30);
}
