using System.ComponentModel.DataAnnotations;

namespace PrintFarm.Notifications;

/// <summary>Bound from configuration section <c>Notifications</c>: who hears what, how hard the farm tries, which addresses it calls.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The farm's public address, for the tracking links in emails and event bodies ("https://track.example.com").</summary>
    [Required(ErrorMessage = "Notifications:PublicUrl is required: emails link to the tracking page.")]
    [Url(ErrorMessage = "Notifications:PublicUrl must be an absolute http(s) URL.")]
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>How long a message is tried before it counts as failed (an operator can still redeliver it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "Notifications:GiveUpAfter must be between {1} and {2}.")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The wait before the first retry; each further one waits about twice as long, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Notifications:FirstRetry must be between {1} and {2}.")]
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Notifications:MaxRetryDelay must be between {1} and {2}.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one attempt may take (connect, send, answer) before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Notifications:AttemptTimeout must be between {1} and {2}.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Lets webhooks and notification URLs point at this machine (127.0.0.0/8, ::1): the demo and the tests.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Lets them point at private and link-local ranges (10/8, 172.16/12, 192.168/16, 169.254/16, fc00::/7, fe80::/10).</summary>
    public bool AllowPrivate { get; set; }

    /// <summary>How many events each account's log keeps for <c>GET /api/events</c>.</summary>
    [Range(10, 10_000, ErrorMessage = "Notifications:EventLogSize must be between {1} and {2}.")]
    public int EventLogSize { get; set; } = 200;

    /// <summary>How many webhook subscriptions one account may hold.</summary>
    [Range(1, 100, ErrorMessage = "Notifications:MaxWebhooksPerAccount must be between {1} and {2}.")]
    public int MaxWebhooksPerAccount { get; set; } = 10;

    public EmailOptions Email { get; set; } = new();
}
