using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PrintFarm.Cluster;

/// <summary>
/// Whether a silo or gateway at the other end of a cluster connection is one of ours. Peers are
/// dialled by address, not by name, so the certificate's name proves nothing; what proves it is
/// the issuer: the chain must end in the cluster's own CA (the machine's trust store does not
/// count), and the certificate must be pinned when thumbprints are configured.
/// </summary>
public sealed class ClusterPeerCheck
{
    private readonly X509Certificate2Collection _authorities;
    private readonly HashSet<string> _pinned;
    private readonly TimeProvider _clock;

    public ClusterPeerCheck(X509Certificate2Collection authorities, IEnumerable<string> pinnedThumbprints, TimeProvider clock)
    {
        _authorities = authorities;
        _pinned = pinnedThumbprints.Select(ClusterTlsOptions.Normalise).ToHashSet(StringComparer.Ordinal);
        _clock = clock;
        if (_authorities.Count == 0 && _pinned.Count == 0)
            throw new InvalidOperationException("Cluster TLS needs Cluster:Tls:CaPath or Cluster:Tls:PeerThumbprints to tell the cluster's peers apart.");
    }

    /// <summary>Null when the peer is one of the cluster's; otherwise why not, for the log.</summary>
    /// <param name="presented">The peer's certificate.</param>
    /// <param name="intermediates">What the peer sent beside it (the platform's chain), used only to find intermediates.</param>
    public string? Problem(X509Certificate2? presented, X509Chain? intermediates)
    {
        if (presented is null) return "the peer presented no certificate";
        if (_pinned.Count > 0)
        {
            var sha256 = Convert.ToHexString(presented.GetCertHash(HashAlgorithmName.SHA256));
            if (!_pinned.Contains(sha256) && !_pinned.Contains(presented.Thumbprint.ToUpperInvariant()))
                return $"the certificate {presented.Subject} ({sha256}) is not one of Cluster:Tls:PeerThumbprints";
        }
        if (_authorities.Count == 0) return null;

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _clock.GetUtcNow().UtcDateTime;
        if (intermediates is not null)
        {
            foreach (var element in intermediates.ChainElements)
            {
                if (!element.Certificate.RawDataMemory.Span.SequenceEqual(presented.RawDataMemory.Span))
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        if (!chain.Build(presented))
        {
            var why = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            return $"the certificate {presented.Subject} is not issued by Cluster:Tls:CaPath ({why})";
        }
        var root = chain.ChainElements[^1].Certificate;
        if (!_authorities.Cast<X509Certificate2>().Any(ca => ca.RawDataMemory.Span.SequenceEqual(root.RawDataMemory.Span)))
            return $"the certificate {presented.Subject} chains to another CA than Cluster:Tls:CaPath";
        return null;
    }
}
