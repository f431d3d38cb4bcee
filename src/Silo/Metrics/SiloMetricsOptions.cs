using System.ComponentModel.DataAnnotations;

namespace PrintFarm.Silo.Metrics;

/// <summary>
/// Bound from configuration section <c>Metrics</c> (the silo's part of it). The listener has no
/// authentication: keep it on loopback, or where only the metrics network reaches it.
/// </summary>
public sealed class SiloMetricsOptions : IValidatableObject
{
    public const string Section = "Metrics";

    /// <summary>
    /// Where the silo serves <c>/metrics</c> in the Prometheus format, e.g. <c>http://127.0.0.1:9464/</c>
    /// (a path other than <c>/</c> replaces <c>/metrics</c>). Empty: no listener.
    /// </summary>
    public string? SiloUrl { get; set; }

    public bool Enabled() => !string.IsNullOrWhiteSpace(SiloUrl);

    /// <summary>The listener's address; only when <see cref="Enabled()"/> and valid.</summary>
    public Uri Url() => new(SiloUrl!, UriKind.Absolute);

    /// <summary>The path scraped: the URL's own, or <c>/metrics</c> when it has none.</summary>
    public string ScrapePath() => Url().AbsolutePath is "/" or "" ? "/metrics" : Url().AbsolutePath.TrimEnd('/');

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled()) yield break;
        if (!Uri.TryCreate(SiloUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
            yield return new ValidationResult($"Metrics:SiloUrl ('{SiloUrl}') must be an http URL, e.g. http://127.0.0.1:9464/.", [nameof(SiloUrl)]);
    }
}
