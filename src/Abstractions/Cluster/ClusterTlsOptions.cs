using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace PrintFarm.Cluster;

/// <summary>
/// Bound from configuration section <c>Cluster:Tls</c>, read by silos and gateways alike: Orleans'
/// own TLS on the silo-to-silo and gateway ports, with mutual authentication. Every silo and
/// gateway presents its certificate and accepts a peer only when the peer's certificate chains to
/// <see cref="CaPath"/> (and nothing else the machine trusts), or is one of
/// <see cref="PeerThumbprints"/>, or both when both are set.
/// </summary>
public sealed partial class ClusterTlsOptions : IValidatableObject
{
    public const string Section = "Cluster:Tls";

    public bool Enabled { get; set; }

    /// <summary>This process's certificate: a PKCS#12 file (.pfx/.p12), or a PEM certificate with <see cref="KeyPath"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>; unset for a PKCS#12 file.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PKCS#12 file's password, or the encrypted PEM key's. A secret: never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>PEM file of the cluster's private CA (one or more certificates). Only the cluster's certificates should come from it.</summary>
    public string? CaPath { get; set; }

    /// <summary>
    /// Pinned peer certificates, as SHA-256 fingerprints (64 hex digits, colons allowed: what
    /// <c>openssl x509 -noout -fingerprint -sha256</c> prints) or SHA-1 thumbprints (40 hex digits).
    /// </summary>
    public List<string> PeerThumbprints { get; set; } = [];

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Cluster:Tls:HandshakeTimeout must be between {1} and {2}.")]
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (string.IsNullOrWhiteSpace(CertificatePath))
            yield return new ValidationResult("Cluster:Tls:Enabled=true needs Cluster:Tls:CertificatePath (a .pfx file, or a PEM certificate with Cluster:Tls:KeyPath).", [nameof(CertificatePath)]);
        if (string.IsNullOrWhiteSpace(CaPath) && PeerThumbprints.Count == 0)
            yield return new ValidationResult("Cluster:Tls:Enabled=true needs Cluster:Tls:CaPath or Cluster:Tls:PeerThumbprints: a peer is never accepted on the machine's own trust alone.", [nameof(CaPath)]);
        foreach (var thumbprint in PeerThumbprints)
        {
            if (!Fingerprint().IsMatch(Normalise(thumbprint)))
                yield return new ValidationResult($"Cluster:Tls:PeerThumbprints: '{thumbprint}' is not a SHA-256 fingerprint (64 hex digits) or SHA-1 thumbprint (40 hex digits).", [nameof(PeerThumbprints)]);
        }
    }

    /// <summary>Upper-case hex digits only: the form <see cref="ClusterPeerCheck"/> compares.</summary>
    public static string Normalise(string thumbprint) => thumbprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();

    [GeneratedRegex("^([0-9A-F]{40}|[0-9A-F]{64})$")]
    private static partial Regex Fingerprint();
}
