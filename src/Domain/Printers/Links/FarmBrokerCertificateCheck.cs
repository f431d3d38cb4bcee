using System.Security.Cryptography.X509Certificates;

namespace PrintFarm.Printers.Links;

/// <summary>
/// The farm broker's certificate, as a link over TLS checks it: it must name the broker and chain
/// to the configured CA (only that CA), or to the machine's trust store when none is configured.
/// </summary>
public static class FarmBrokerCertificateCheck
{
    /// <summary>Null when the certificate is the broker's; otherwise why not.</summary>
    public static string? Problem(X509Certificate2 presented, IEnumerable<X509Certificate2> intermediates, X509Certificate2Collection? authorities, string name, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        if (authorities is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        }
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        foreach (var extra in intermediates)
        {
            if (!extra.RawDataMemory.Span.SequenceEqual(presented.RawDataMemory.Span)) chain.ChainPolicy.ExtraStore.Add(extra);
        }
        if (!chain.Build(presented))
            return $"the broker's certificate is not trusted ({string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct())})";
        if (!presented.MatchesHostname(name))
            return $"the broker's certificate does not name {name}";
        return null;
    }
}
