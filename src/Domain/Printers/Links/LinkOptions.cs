using System.ComponentModel.DataAnnotations;

namespace PrintFarm.Printers.Links;

/// <summary>
/// Bound from configuration section <c>Links</c>: the connections to registered Bambu, OctoPrint
/// and Moonraker printers. Checked when the silo starts.
/// </summary>
public sealed class LinkOptions : IValidatableObject
{
    public const string Section = "Links";

    /// <summary>
    /// First wait after a failed connect; the waits double (on the median) up to
    /// <see cref="ReconnectMaxDelay"/>, with jitter (see <see cref="Backoff"/>). A link that was
    /// connected and is lost tries again at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Links:ReconnectDelay must be between {1} and {2}.")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Links:ReconnectMaxDelay must be between {1} and {2}.")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A connect (TCP, TLS, MQTT) that takes longer is given up, so a powered-off printer costs one timer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Links:ConnectTimeout must be between {1} and {2}.")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// When the printer registry cannot take the configured printers at start (its silo just
    /// died, the database is down), the first wait before trying again; the waits grow up to
    /// <see cref="RegisterRetryMaxDelay"/>, with jitter, like every other retry of the silo.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Links:RegisterRetryDelay must be between {1} and {2}.")]
    public TimeSpan RegisterRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Links:RegisterRetryMaxDelay must be between {1} and {2}.")]
    public TimeSpan RegisterRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

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
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Links:EnsureEvery must be between {1} and {2}.")]
    public TimeSpan EnsureEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long putting a job's file on a printer may take, retries included, before the job goes
    /// back to the queue: a 500 MB project over a printer's Wi-Fi takes minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "02:00:00", ErrorMessage = "Links:UploadTimeout must be between {1} and {2}.")]
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a command to a printer may take to reach its broker before it counts as not sent.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Links:CommandTimeout must be between {1} and {2}.")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The folder on the silos whose PEM files a Bambu registration may name as its
    /// <c>caCertificate</c> (any other path is refused, as a missing file is). When not set, the
    /// folder of <c>Fleet:PrintersFile</c>; with neither, a registration gives the PEM text itself.
    /// </summary>
    public string? CaCertificateFolder { get; set; }

    /// <summary>How many printers may be registered (Bambu, OctoPrint, Moonraker): the registry is one grain.</summary>
    [Range(1, 100_000, ErrorMessage = "Links:MaxRegisteredPrinters must be between {1} and {2}.")]
    public int MaxRegisteredPrinters { get; set; } = PrintFarm.Printers.Registry.PrinterRegistry.DefaultMaxPrinters;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReconnectMaxDelay < ReconnectDelay)
            yield return new ValidationResult("Links:ReconnectMaxDelay must not be shorter than Links:ReconnectDelay.", [nameof(ReconnectMaxDelay)]);
        if (RegisterRetryMaxDelay < RegisterRetryDelay)
            yield return new ValidationResult("Links:RegisterRetryMaxDelay must not be shorter than Links:RegisterRetryDelay.", [nameof(RegisterRetryMaxDelay)]);
    }
}
