using System.ComponentModel.DataAnnotations;

namespace PrintFarm.Gateway.Security;

/// <summary>
/// What one client, or all of them together, may take of a gateway. Bound from configuration
/// section <c>Gateway:Limits</c>; Kestrel's own limits are set from it (see GatewaySetup), so a
/// gateway on the internet has them without a Kestrel section of its own.
/// </summary>
public sealed class GatewayLimits
{
    public const string Section = "Gateway:Limits";

    /// <summary>The largest request body, in bytes; a larger one answers 413 before it is read.</summary>
    [Range(1024, 16 * 1024 * 1024, ErrorMessage = "Gateway:Limits:MaxRequestBodyBytes must be between {1} and {2}.")]
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>The body of a design upload (<c>POST /api/designs</c>), streamed to the cluster; keep it a little above the silos' Designs:Intake:MaxFileBytes.</summary>
    [Range(1024L, 64L * 1024 * 1024 * 1024, ErrorMessage = "Gateway:Limits:MaxDesignUploadBytes must be between {1} and {2}.")]
    public long MaxDesignUploadBytes { get; set; } = 513L * 1024 * 1024;

    /// <summary>How long a client may take to send its request headers (slow-loris).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Gateway:Limits:RequestHeadersTimeout must be between {1} and {2}.")]
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Open connections Kestrel accepts; more wait in the operating system's backlog.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Gateway:Limits:MaxConcurrentConnections must be between {1} and {2}.")]
    public long MaxConcurrentConnections { get; set; } = 2000;

    /// <summary>Connections upgraded to another protocol (WebSockets).</summary>
    [Range(0, 1_000_000, ErrorMessage = "Gateway:Limits:MaxConcurrentUpgradedConnections must be between {1} and {2}.")]
    public long MaxConcurrentUpgradedConnections { get; set; } = 100;

    /// <summary>Open order event streams (the tracking page's live updates) on this gateway; over it, 503 with Retry-After.</summary>
    [Range(1, 100_000, ErrorMessage = "Gateway:Limits:MaxEventStreams must be between {1} and {2}.")]
    public int MaxEventStreams { get; set; } = 1000;

    /// <summary>Open event streams from one client address; over it, 429 with Retry-After. A browser holds one per open tracking page.</summary>
    [Range(1, 10_000, ErrorMessage = "Gateway:Limits:MaxEventStreamsPerClient must be between {1} and {2}.")]
    public int MaxEventStreamsPerClient { get; set; } = 20;

    /// <summary>Retry-After, in seconds, on a refused stream.</summary>
    [Range(1, 3600, ErrorMessage = "Gateway:Limits:StreamRetryAfterSeconds must be between {1} and {2}.")]
    public int StreamRetryAfterSeconds { get; set; } = 30;
}
