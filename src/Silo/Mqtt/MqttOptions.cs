using System.ComponentModel.DataAnnotations;

namespace PrintFarm.Silo.Mqtt;

/// <summary>Bound from configuration section <c>Mqtt</c>; checked when the silo starts.</summary>
public sealed class MqttOptions : IValidatableObject
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

    /// <summary>
    /// The farm's own account on the broker (silos and their printer links; full access, and the
    /// only one that may use the client ids <c>printfarm-silo*</c> and <c>printfarm-link-*</c>).
    /// Unset with the embedded broker: <c>printfarm-silo</c> with a random password made at start,
    /// known to this process only.
    /// </summary>
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>TLS to the external broker (mosquitto's TLS listener, usually 8883). Printers keep their own listener.</summary>
    public bool UseTls { get; set; }

    /// <summary>
    /// PEM file of the CA that signed the broker's certificate: the broker is then trusted only
    /// if it chains to this CA. Unset: the machine's trust store. Either way the certificate must
    /// name <see cref="TlsServerName"/>.
    /// </summary>
    public string? CaFile { get; set; }

    /// <summary>The name the broker's certificate must carry; <see cref="Host"/> when unset.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>
    /// A logins file (<c>{"printers": [{"id", "password"}]}</c>, see PrinterLoginsFile) whose
    /// passwords the silo stores as the printers' credentials at start: how <c>./farm demo</c> and
    /// the tests give their simulated printers a login. A revoked printer stays revoked.
    /// </summary>
    public string? PrinterLoginsFile { get; set; }

    /// <summary>Embedded broker: the largest MQTT packet taken in; a bigger one closes the connection before it is read.</summary>
    [Range(1024, 268_435_455, ErrorMessage = "Mqtt:MaxPacketBytes must be between {1} and {2}.")]
    public int MaxPacketBytes { get; set; } = 256 * 1024;

    /// <summary>Embedded broker: printers connected at once; the farm's own clients always get in.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Mqtt:MaxConnections must be between {1} and {2}.")]
    public int MaxConnections { get; set; } = 20_000;

    /// <summary>Embedded broker: retained messages kept; past it, a retained publish is delivered but not kept.</summary>
    [Range(0, 10_000_000, ErrorMessage = "Mqtt:MaxRetainedMessages must be between {1} and {2}.")]
    public int MaxRetainedMessages { get; set; } = 50_000;

    /// <summary>
    /// First wait before connecting again after a failed try; the waits double (on the median) up
    /// to <see cref="ReconnectMaxDelay"/>, with jitter (see <see cref="Backoff"/>). A connection
    /// that was up and is lost is tried again at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "Mqtt:ReconnectDelay must be between {1} and {2}.")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Mqtt:ReconnectMaxDelay must be between {1} and {2}.")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UseTls && Embedded)
            yield return new ValidationResult("Mqtt:UseTls is for an external broker; set Mqtt:Embedded=false (the embedded broker listens on loopback in plaintext).", [nameof(UseTls)]);
        if (!UseTls && !string.IsNullOrWhiteSpace(CaFile))
            yield return new ValidationResult("Mqtt:CaFile is set but Mqtt:UseTls is not: set Mqtt:UseTls=true.", [nameof(CaFile)]);
        if (UseTls && !string.IsNullOrWhiteSpace(CaFile) && !File.Exists(CaFile))
            yield return new ValidationResult($"Mqtt:CaFile {CaFile} does not exist (a PEM file of the broker's CA).", [nameof(CaFile)]);
        if (ReconnectMaxDelay < ReconnectDelay)
            yield return new ValidationResult("Mqtt:ReconnectMaxDelay must not be shorter than Mqtt:ReconnectDelay.", [nameof(ReconnectMaxDelay)]);
    }
}
