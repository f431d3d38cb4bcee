using System.ComponentModel.DataAnnotations;

namespace PrintFarm.Gateway;

/// <summary>Bound from configuration section <c>Gateway</c>.</summary>
public sealed class GatewayOptions : IValidatableObject
{
    public const string Section = "Gateway";

    /// <summary>
    /// How long an operator view (fleet, jobs, queue, farm, maintenance, registrations) waits for
    /// the one grain that holds it. While Orleans moves such a grain after its silo died, the view
    /// answers 503 with Retry-After within this time instead of hanging for the call timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Gateway:ViewPatience must be between {1} and {2}.")]
    public TimeSpan ViewPatience { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest any request waits for the cluster (the Orleans client's response timeout).
    /// A call that was inside a silo when it died never gets an answer; this bounds it, and the
    /// customer gets a 503 well before a browser or an HTTP client gives up. Keep it above the
    /// slowest answer the farm gives when healthy, or healthy calls fail.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Gateway:CallPatience must be between {1} and {2}.")]
    public TimeSpan CallPatience { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retry-After on a 503, in seconds.</summary>
    [Range(1, 600, ErrorMessage = "Gateway:RetryAfterSeconds must be between {1} and {2}.")]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// The live feed renews its subscription to each followed order this often, and reads the
    /// order again (an order whose silo died comes back elsewhere without the subscription).
    /// Well inside Orders:ObserverExpiry.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00", ErrorMessage = "Gateway:FeedRenewEvery must be between {1} and {2}.")]
    public TimeSpan FeedRenewEvery { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>While no silo answers at start, the gateway tries again after a wait growing by a second per try up to this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Gateway:ClusterRetryMax must be between {1} and {2}.")]
    public TimeSpan ClusterRetryMax { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ViewPatience > CallPatience)
            yield return new ValidationResult($"Gateway:ViewPatience ({ViewPatience}) must not be longer than Gateway:CallPatience ({CallPatience}).", [nameof(ViewPatience)]);
    }
}
