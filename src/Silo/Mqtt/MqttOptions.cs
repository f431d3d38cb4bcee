namespace PrintFarm.Silo.Mqtt;

/// <summary>Bound from configuration section <c>Mqtt</c>.</summary>
public sealed class MqttOptions
{
    public const string Section = "Mqtt";

    /// <summary>Run the broker inside the silo (single machine). Off when printers publish to mosquitto.</summary>
    public bool Embedded { get; set; } = true;

    /// <summary>Where the embedded broker listens, or where the external broker is.</summary>
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    /// <summary>
    /// The silo's MQTT client id. It is stable so the broker keeps the silo's session, and with it
    /// the QoS 1 job events published while the silo was down. Unset: "printfarm-silo" with the
    /// embedded broker, "printfarm-silo-{machine}-{silo port}" on an external one, so each silo
    /// of a cluster has its own session.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// On an external broker (mosquitto 2), telemetry is read through
    /// <c>$share/{group}/...</c> so the silos split it instead of each reading all of it.
    /// Empty turns sharing off. The embedded broker (MQTTnet) has no shared subscriptions.
    /// </summary>
    public string SharedSubscriptionGroup { get; set; } = "printfarm";

    internal string? ShareGroup => Embedded || string.IsNullOrWhiteSpace(SharedSubscriptionGroup) ? null : SharedSubscriptionGroup.Trim();

    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>First wait before reconnecting; doubles up to <see cref="ReconnectMaxDelay"/>, with jitter.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(15);
}
